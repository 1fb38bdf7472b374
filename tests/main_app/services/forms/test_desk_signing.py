"""The desk collects a client's signature on its screen: kept as the client's, with who collected it and the desk's
address and user agent; only for the studio's own clients and forms, and only by staff with forms.signatures."""

from signed_forms import signing

from main_app.extensions import db
from main_app.models import FormSignature


def _collect(client, studio, user_id: int, form: dict, **headers):
    path = f"{studio.base}/clients/{user_id}/forms/{form['id']}/signatures"
    return client.post(path, json=signing(form["current_version"]["id"]), headers=headers)


def test_the_desk_collects_a_clients_signature_and_it_counts_as_theirs(
    app, studio, published, make_session, user, user_client
):
    session = make_session(studio_id=studio.id)
    assert user_client.post("/bookings/book", json={"session_id": session.id}).status_code == 201
    form = published()
    answer = _collect(studio.desk, studio, user.id, form, **{"User-Agent": "Desk tablet"})
    assert answer.status_code == 201, answer.get_json()
    with app.app_context():
        row = db.session.get(FormSignature, answer.get_json()["id"])
        assert (row.user_id, row.collected_by) == (user.id, studio.desk_account.id)
        assert (row.ip_address, row.user_agent) == ("127.0.0.1", "Desk tablet")
    mine = user_client.get("/me/forms", query_string={"studio": studio.slug}).get_json()["items"]
    assert [f["status"] for f in mine] == ["current"]
    assert (
        user_client.post("/bookings/book", json={"session_id": make_session(studio_id=studio.id).id}).status_code == 201
    )


def test_only_the_studios_clients_and_forms_and_only_with_forms_signatures(
    studio, published, make_session, make_user, client_for, user, user_client, assert_error
):
    assert (
        user_client.post("/bookings/book", json={"session_id": make_session(studio_id=studio.id).id}).status_code == 201
    )
    form = published()
    stranger = make_user(name="Never Booked")
    assert_error(_collect(studio.desk, studio, stranger.id, form), 404, "client_not_found")
    other = client_for(make_user(name="Other Owner"))
    made = other.post(
        "/api/studios", json={"name": "Other Studio", "timezone": "UTC", "currency": "INR", "country": "IN"}
    ).get_json()
    theirs = other.post(f"/api/studios/{made['slug']}/forms", json={"kind": "waiver", "title": "W", "body": "B"})
    theirs = other.post(f"/api/studios/{made['slug']}/forms/{theirs.get_json()['id']}/versions").get_json()
    assert_error(_collect(studio.desk, studio, user.id, {**theirs, "questions": []}), 404, "form_not_found")
    their_door = type(studio)(base=f"/api/studios/{made['slug']}")
    assert_error(_collect(other, their_door, user.id, theirs), 404, "client_not_found")
    assert_error(_collect(studio.instructor, studio, user.id, form), 403, "forbidden")
    assert_error(_collect(user_client, studio, user.id, form), 404, "studio_not_found")

"""Forms signed for a child: a guardian signs a studio's form for each child of their family, the child's booking
waits for the child's signature (not the guardian's own, which a child's never stands in for), the other guardian's
signature for the child counts too, the roster says what each child still needs, and no other family's child can
be signed for."""

from signed_forms import HEALTH, signing

from main_app.extensions import db
from main_app.models import FormSignature


def _book(client, session_id: int, **more):
    return client.post("/bookings/book", json={"session_id": session_id, **more})


def _sign(client, form: dict, **more):
    return client.post(f"/me/forms/{form['id']}/signatures", json=signing(form["current_version"]["id"], **more))


def test_a_childs_booking_waits_for_the_childs_signature_and_not_the_guardians(
    app, studio, published, make_session, user, user_client, add_child, assert_error
):
    health = published()
    asha, ravi = add_child(user_client, name="Asha"), add_child(user_client, name="Ravi")
    first, second = (make_session(studio_id=studio.id) for _ in range(2))
    assert _sign(user_client, health).status_code == 201  # the guardian's own: theirs only
    refused = assert_error(_book(user_client, first.id, dependent_id=asha["id"]), 409, "form_signature_required")
    assert refused["details"]["forms"] == [{"id": health["id"], "title": "PAR-Q", "version": 1}]
    signed = _sign(user_client, health, full_name="Priya for Asha", dependent_id=asha["id"])
    assert signed.status_code == 201 and signed.get_json()["dependent_id"] == asha["id"]
    assert _book(user_client, first.id, dependent_id=asha["id"]).status_code == 201
    assert_error(_book(user_client, second.id, dependent_id=ravi["id"]), 409, "form_signature_required")
    forms = user_client.get(f"/me/forms?studio={studio.slug}&dependent_id={ravi['id']}").get_json()["items"]
    assert [form["status"] for form in forms] == ["missing"]
    forms = user_client.get(f"/me/forms?studio={studio.slug}&dependent_id={asha['id']}").get_json()["items"]
    assert [form["status"] for form in forms] == ["current"]
    with app.app_context():
        kept = db.session.scalar(db.select(FormSignature).filter_by(dependent_id=asha["id"]))
        assert (kept.user_id, kept.full_name) == (user.id, "Priya for Asha")  # the guardian who signed, for the child


def test_a_childs_signature_never_stands_in_for_the_guardian(
    studio, published, make_session, user_client, add_child, assert_error
):
    health = published()
    asha = add_child(user_client)
    assert _sign(user_client, health, dependent_id=asha["id"]).status_code == 201
    assert_error(_book(user_client, make_session(studio_id=studio.id).id), 409, "form_signature_required")
    forms = user_client.get(f"/me/forms?studio={studio.slug}").get_json()["items"]
    assert [form["status"] for form in forms] == ["missing"]


def test_the_other_guardians_signature_counts_and_the_roster_says_what_each_child_needs(
    studio, published, make_session, user, user_client, make_user, client_for, add_child, join_family
):
    health = published()
    asha, ravi = add_child(user_client, name="Asha"), add_child(user_client, name="Ravi")
    other = make_user(name="Meera Guardian")
    join_family(user, other)
    assert _sign(client_for(other), health, dependent_id=asha["id"]).status_code == 201
    session = make_session(studio_id=studio.id)
    assert _book(user_client, session.id, dependent_id=asha["id"]).status_code == 201
    studio.owner.patch(f"{studio.base}/forms/{health['id']}", json={"required_before_first_booking": False})
    assert _book(user_client, session.id, dependent_id=ravi["id"]).status_code == 201  # not required any more
    studio.owner.patch(f"{studio.base}/forms/{health['id']}", json={"required_before_first_booking": True})
    roster = studio.desk.get(f"{studio.base}/sessions/{session.id}/roster").get_json()
    missing = {seat["name"]: seat["forms_missing"] for seat in roster["seats"]}
    assert missing == {"Asha": [], "Ravi": [{"document_id": health["id"], "title": "PAR-Q", "version": 1}]}


def test_no_other_familys_child_is_signed_for_by_a_person_or_at_the_desk(
    studio, published, make_session, user, user_client, make_user, client_for, add_child, assert_error
):
    health = published({**HEALTH, "required_before_first_booking": False})
    asha = add_child(user_client, name="Asha")
    stranger = client_for(make_user(name="Another parent"))
    kabir = add_child(stranger, name="Kabir")
    assert_error(_sign(user_client, health, dependent_id=kabir["id"]), 404, "dependent_not_found")
    assert_error(
        user_client.get(f"/me/forms?studio={studio.slug}&dependent_id={kabir['id']}"), 404, "dependent_not_found"
    )
    assert _book(user_client, make_session(studio_id=studio.id).id).status_code == 201  # the studio's client now
    desk_path = f"{studio.base}/clients/{user.id}/forms/{health['id']}/signatures"
    version = health["current_version"]["id"]
    assert_error(
        studio.desk.post(desk_path, json=signing(version, dependent_id=kabir["id"])), 404, "dependent_not_found"
    )
    collected = studio.desk.post(desk_path, json=signing(version, dependent_id=asha["id"]))
    assert collected.status_code == 201 and collected.get_json()["dependent_id"] == asha["id"]

"""Forms a booking needs: the studio's required before a first booking and those an event names, each signed in
its current version, or the booking (and a join of the line) is refused with the forms to sign and nothing written;
a new version asks again at the next booking, and bookings already made stay."""

from signed_forms import HEALTH, signing

from main_app.extensions import db
from main_app.models import Booking, Pass, WaitlistEntry

WAIVER = {"kind": "waiver", "title": "Waiver", "body": "I take part at my own risk."}


def _book(client, session_id: int, **more):
    return client.post("/bookings/book", json={"session_id": session_id, **more})


def _sign(client, form: dict):
    body = signing(form["current_version"]["id"])
    if not form["questions"]:
        body["answers"] = {}
    answer = client.post(f"/me/forms/{form['id']}/signatures", json=body)
    assert answer.status_code == 201, answer.get_json()


def _new_version(studio, form: dict, body: str) -> dict:
    studio.owner.patch(f"{studio.base}/forms/{form['id']}", json={"body": body})
    answer = studio.owner.post(f"{studio.base}/forms/{form['id']}/versions")
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def _bookings(app) -> int:
    with app.app_context():
        return db.session.query(Booking).count()


def test_a_booking_waits_for_the_current_version_of_each_required_form(
    app, studio, published, make_session, user_client, assert_error
):
    health = published()
    first, second = (make_session(studio_id=studio.id) for _ in range(2))
    refused = assert_error(_book(user_client, first.id), 409, "form_signature_required")
    assert refused["details"] == {"forms": [{"id": health["id"], "title": "PAR-Q", "version": 1}]}
    assert _bookings(app) == 0
    _sign(user_client, health)
    booked = _book(user_client, first.id)
    assert booked.status_code == 201, booked.get_json()
    newer = _new_version(studio, health, "Answer each question again.")
    refused = assert_error(_book(user_client, second.id), 409, "form_signature_required")
    assert refused["details"]["forms"] == [{"id": health["id"], "title": "PAR-Q", "version": 2}]
    assert user_client.get(f"/bookings/{booked.get_json()['id']}").get_json()["status"] == "active"
    _sign(user_client, newer)
    assert _book(user_client, second.id).status_code == 201


def test_an_event_names_its_own_forms_and_other_events_do_not_need_them(
    studio, published, make_session, user_client, assert_error, make_user, client_for
):
    waiver = published({**WAIVER, "required_before_first_booking": False})
    needs, free = make_session(studio_id=studio.id), make_session(studio_id=studio.id)
    path = f"{studio.base}/events/{needs.event_id}/forms"
    assert studio.owner.put(path, json={"form_ids": [waiver["id"]]}).get_json() == {"form_ids": [waiver["id"]]}
    assert studio.desk.get(path).get_json() == {"form_ids": [waiver["id"]]}
    assert_error(studio.desk.put(path, json={"form_ids": []}), 403, "forbidden")
    assert _book(user_client, free.id).status_code == 201
    refused = assert_error(
        _book(user_client, needs.id, seats=2, guests=[{"name": "Ravi"}]), 409, "form_signature_required"
    )
    assert refused["details"]["forms"] == [{"id": waiver["id"], "title": "Waiver", "version": 1}]
    _sign(user_client, waiver)
    assert _book(user_client, needs.id).status_code == 201
    other = make_user(name="Other Owner")
    made = (
        client_for(other)
        .post("/api/studios", json={"name": "Other Studio", "timezone": "UTC", "currency": "INR", "country": "IN"})
        .get_json()
    )
    theirs = make_session(studio_id=made["id"])
    assert_error(
        studio.owner.put(f"{studio.base}/events/{theirs.event_id}/forms", json={"form_ids": []}), 404, "event_not_found"
    )
    their_path = f"/api/studios/{made['slug']}/events/{theirs.event_id}/forms"
    assert (
        "form_ids"
        in assert_error(client_for(other).put(their_path, json={"form_ids": [waiver["id"]]}), 400, "validation_error")[
            "details"
        ]
    )


def test_joining_a_full_sessions_line_needs_the_forms_too(
    app, studio, published, make_session, user_client, assert_error
):
    health = published()
    full = make_session(studio_id=studio.id, capacity=1, seats_taken=1)
    assert_error(user_client.post(f"/sessions/{full.id}/waitlist", json={}), 409, "form_signature_required")
    with app.app_context():
        assert db.session.query(WaitlistEntry).count() == 0
    _sign(user_client, health)
    assert user_client.post(f"/sessions/{full.id}/waitlist", json={}).status_code == 201


def test_the_roster_shows_the_desk_each_bookers_missing_forms(studio, published, make_session, make_user, client_for):
    session = make_session(studio_id=studio.id)
    signed, unsigned = (client_for(make_user(name=name)) for name in ("Signed Person", "Unsigned Person"))
    for client in (signed, unsigned):
        assert (
            _book(
                client,
                session.id,
                seats=2 if client is unsigned else 1,
                guests=[{"name": "Guest"}] if client is unsigned else [],
            ).status_code
            == 201
        )
    health = published({**HEALTH, "required_before_first_booking": False})
    assert (
        studio.owner.put(
            f"{studio.base}/events/{session.event_id}/forms", json={"form_ids": [health["id"]]}
        ).status_code
        == 200
    )
    _sign(signed, health)
    roster = studio.desk.get(f"{studio.base}/sessions/{session.id}/roster").get_json()
    missing = {(seat["name"], seat["seat"]): seat["forms_missing"] for seat in roster["seats"]}
    wanted = [{"document_id": health["id"], "title": "PAR-Q", "version": 1}]
    assert missing == {("Signed Person", 1): [], ("Unsigned Person", 1): wanted, ("Guest", 2): []}


def test_an_offered_seat_asks_for_a_version_published_while_waiting(
    studio, published, make_session, make_user, client_for, assert_error
):
    health = published()
    session = make_session(studio_id=studio.id, capacity=1)
    assert (
        studio.owner.patch(f"{studio.base}/sessions/{session.id}", json={"waitlist_mode": "offer"}).status_code == 200
    )
    holder, waiter = (client_for(make_user(name=name)) for name in ("Holder", "Waiter"))
    for client in (holder, waiter):
        _sign(client, health)
    booked = _book(holder, session.id).get_json()["id"]
    assert waiter.post(f"/sessions/{session.id}/waitlist", json={}).status_code == 201
    newer = _new_version(studio, health, "Version two.")
    assert holder.post(f"/bookings/{booked}/cancel", json={}).status_code == 200
    [place] = [p for p in waiter.get("/bookings").get_json()["waiting"] if p["status"] == "offered"]
    accept = "/waitlist/offers/" + place["offer_path"].removeprefix("/offers/") + "/accept"
    refused = assert_error(waiter.post(accept), 409, "form_signature_required")
    assert refused["details"]["forms"] == [{"id": health["id"], "title": "PAR-Q", "version": 2}]
    _sign(waiter, newer)
    assert waiter.post(accept).status_code == 201


def test_a_booking_with_a_pass_spends_nothing_until_the_forms_are_signed(
    app, studio, published, make_session, user_client, assert_error
):
    pack = {"name": "Pack", "kind": "pack", "credits": 5, "valid_days": 30, "price": 0}
    product = studio.owner.post(f"{studio.base}/passes", json=pack)
    assert product.status_code == 201, product.get_json()
    bought = user_client.post(f"/passes/{product.get_json()['id']}/buy")
    assert bought.status_code == 201, bought.get_json()
    pass_id = bought.get_json()["pass"]["id"]
    health = published()
    session = make_session(studio_id=studio.id, price=90_000)
    with_pass = {"pass_id": pass_id}
    assert_error(_book(user_client, session.id, **with_pass), 409, "form_signature_required")
    with app.app_context():
        assert (db.session.get(Pass, pass_id).credits_left, db.session.query(Booking).count()) == (5, 0)
    _sign(user_client, health)
    assert _book(user_client, session.id, **with_pass).status_code == 201

"""A person moves their private session to another free slot until the studio's cancellation rule's hours before it,
hearing of it as of any session moved; its old time is free again, a taken time refused, another's appointment
missing; and lists their own. On both databases."""

import pytest
from racing import race
from test_booking import _at, _book, _private, _starts

from main_app.extensions import db
from main_app.models import OutboxMessage

pytestmark = pytest.mark.both_databases


def test_a_person_moves_their_private_and_hears_of_it(app, client, facilitator, user, user_client, assert_error):
    service_id, slug = _private(app, facilitator)
    booked = _book(user_client, service_id, _at(9)).get_json()
    appointment = booked["appointment"]
    mine = user_client.get("/appointments").get_json()["items"]
    assert [(a["id"], a["booking"]["status"], a["studio"]["slug"]) for a in mine] == [
        (appointment["id"], "active", slug)
    ]
    moved = user_client.post(f"/appointments/{appointment['id']}/move", json={"starts_at": _at(10, 30).isoformat()})
    assert moved.status_code == 200, moved.get_json()
    assert moved.get_json()["starts_at"].startswith(_at(10, 30).isoformat()[:16])
    starts = _starts(client, slug, service_id)
    assert _at(9) in starts and _at(10, 30) not in starts
    with app.app_context():
        told = db.session.execute(db.select(OutboxMessage.channel, OutboxMessage.type)).all()
    assert {("email", "booking_changed"), ("app", "booking_changed")} <= set(told), told
    path = f"/appointments/{appointment['id']}/move"
    assert_error(user_client.post(path, json={"starts_at": _at(13).isoformat()}), 409, "teacher_busy")


def test_nobody_else_moves_it_nor_anyone_after_the_rule_nor_once_cancelled(
    app, facilitator, user_client, make_user, client_for, assert_error
):
    service_id, slug = _private(app, facilitator)
    appointment = _book(user_client, service_id, _at(9))
    made = appointment.get_json()
    path = f"/appointments/{made['appointment']['id']}/move"
    other = client_for(make_user(name="Not theirs"))
    assert_error(other.post(path, json={"starts_at": _at(11).isoformat()}), 404, "appointment_not_found")
    facilitator_client = client_for(facilitator)
    assert (
        facilitator_client.put(f"/api/studios/{slug}/appointment-rules", json={"cancel_hours": 96}).status_code == 200
    )
    assert_error(user_client.post(path, json={"starts_at": _at(11).isoformat()}), 409, "too_late_to_move")
    assert facilitator_client.put(f"/api/studios/{slug}/appointment-rules", json={"cancel_hours": 1}).status_code == 200
    assert user_client.post(f"/bookings/{made['id']}/cancel", json={}).status_code == 200
    assert_error(user_client.post(path, json={"starts_at": _at(11).isoformat()}), 409, "appointment_not_active")
    assert user_client.get("/appointments").get_json()["items"] == []


def test_a_move_and_a_booking_racing_for_one_slot_end_with_one_of_them(
    app, facilitator, user_client, make_user, client_for
):
    service_id, _ = _private(app, facilitator)
    other = client_for(make_user(name="Racing for it"))
    for days in (2, 3, 4):
        made = _book(user_client, service_id, _at(9, days=days)).get_json()
        path, to = f"/appointments/{made['appointment']['id']}/move", _at(11, days=days)
        move = lambda p=path, t=to: ("move", user_client.post(p, json={"starts_at": t.isoformat()}))  # noqa: E731
        book = lambda t=to: ("book", _book(other, service_id, t))  # noqa: E731
        answers = dict(race([move, book]))
        outcome = (answers["move"].status_code, answers["book"].status_code)
        assert outcome in {(200, 409), (409, 201)}, (outcome, answers["move"].data, answers["book"].data)

"""A person books a private session at one of its free slots: the teacher named or the first free one, free, paid
at a checkout or with a pass's credits (several a seat when the service says so); the slot and the time kept around
it leave the free slots, the session is the person's alone and off the timetable, and a cancellation gives it back.
Never two bookings of one teacher's time: two people at once, a class given them meanwhile, on both databases."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from racing import race

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import (
    SEAT_HOLDING,
    AppointmentRules,
    AppointmentService,
    AppointmentServiceTeacher,
    Booking,
    Event,
    Studio,
    TeacherHours,
    User,
)
from main_app.services import studios

pytestmark = pytest.mark.both_databases

KOLKATA = ZoneInfo("Asia/Kolkata")


def _private(app, facilitator, **fields) -> tuple[int, str]:
    """A 60-minute private (15 minutes kept free after it) the facilitator gives every day 09:00-12:00 in Kolkata,
    bookable from a minute ahead: its id and its studio's slug."""
    with app.app_context(), unit_of_work():
        studio = db.session.get(Studio, studios.home_studio_id(db.session.get(User, facilitator.id)))
        studio.timezone = "Asia/Kolkata"
        service = AppointmentService(studio_id=studio.id, name="Private yoga", duration_minutes=60, **fields)
        service.buffer_after_minutes = 15
        db.session.add(service)
        db.session.flush()
        db.session.add(AppointmentServiceTeacher(service_id=service.id, user_id=facilitator.id))
        for day in range(7):
            db.session.add(
                TeacherHours(studio_id=studio.id, user_id=facilitator.id, weekday=day, starts=time(9), ends=time(12))
            )
        db.session.merge(AppointmentRules(studio_id=studio.id, min_notice_minutes=1, max_days_ahead=30))
        return service.id, studio.slug


def _at(hour: int, minute: int = 0, days: int = 2) -> datetime:
    """In `days` days (the day after tomorrow) in Kolkata, at hour:minute, in UTC."""
    day = datetime.now(KOLKATA).date() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=KOLKATA).astimezone(UTC)


def _book(person_client, service_id: int, at: datetime, **more):
    return person_client.post("/appointments", json={"service_id": service_id, "starts_at": at.isoformat(), **more})


def _starts(client, slug: str, service_id: int) -> set[datetime]:
    path = f"/api/public/studios/{slug}/appointment-services/{service_id}/slots?days=3"
    return {datetime.fromisoformat(slot["starts_at"]) for slot in client.get(path).get_json()["items"]}


def test_a_booked_slot_and_its_buffer_leave_the_slots_and_come_back_when_it_is_cancelled(
    app, client, facilitator, user_client, make_user, client_for, assert_error
):
    service_id, slug = _private(app, facilitator)
    booked = _book(user_client, service_id, _at(9))
    assert booked.status_code == 201, booked.get_json()
    made = booked.get_json()
    assert (made["status"], made["appointment"]["teacher"]["id"]) == ("active", facilitator.id)
    assert made["appointment"]["service"]["name"] == "Private yoga"
    starts = _starts(client, slug, service_id)
    assert _at(9) not in starts and _at(10) not in starts and _at(10, 15) in starts  # 10:00-10:15 kept free
    other = client_for(make_user(name="Someone else"))
    assert_error(_book(other, service_id, _at(9, 30)), 409, "teacher_busy")
    assert_error(other.post("/book", json={"session_id": made["session_id"]}), 404, "session_not_found")
    assert_error(_book(other, service_id, _at(9, 10)), 409, "teacher_busy")  # not on a quarter hour
    assert_error(_book(other, service_id, _at(14)), 409, "teacher_busy")  # outside the hours
    listed = client.get("/sessions/timetable", query_string={"from": _at(0).date().isoformat(), "days": 3})
    assert made["session_id"] not in {item["id"] for item in listed.get_json().get("items", [])}
    assert user_client.post(f"/bookings/{made['id']}/cancel", json={}).status_code == 200
    assert _at(9) in _starts(client, slug, service_id)
    assert _book(other, service_id, _at(9)).status_code == 201


def test_a_class_given_to_the_teacher_takes_the_slot_and_a_private_refuses_the_class(
    app, client, facilitator, facilitator_client, user_client, make_session, assert_error
):
    service_id, _ = _private(app, facilitator)
    make_session(at=_at(11), duration=timedelta(minutes=30))
    assert_error(_book(user_client, service_id, _at(10, 30)), 409, "teacher_busy")
    assert _book(user_client, service_id, _at(9)).status_code == 201
    event = make_session(at=_at(12), duration=timedelta(minutes=30))
    moved = facilitator_client.patch(
        f"/api/facilitator/{facilitator.id}/sessions/{event.id}", json={"starts_at": _at(9, 30).isoformat()}
    )
    assert_error(moved, 409, "teacher_busy")


def test_credits_pay_for_a_private_several_a_seat_and_come_back_when_cancelled_in_time(
    app, facilitator, user_client, paid_pack, assert_error
):
    service_id, _ = _private(app, facilitator, price=150_000, credits=2)
    pack = paid_pack(user_client)
    booked = _book(user_client, service_id, _at(9), pass_id=pack["id"])
    assert booked.status_code == 201, booked.get_json()
    assert booked.get_json()["status"] == "active"
    assert user_client.get("/me/passes").get_json()["items"][0]["credits_left"] == 5 - 2
    assert user_client.post(f"/bookings/{booked.get_json()['id']}/cancel", json={}).status_code == 200
    assert user_client.get("/me/passes").get_json()["items"][0]["credits_left"] == 5
    money_only, _ = _private(app, facilitator, price=150_000)
    assert_error(_book(user_client, money_only, _at(10), pass_id=pack["id"]), 409, "pass_not_valid_here")


def test_a_paid_private_is_held_while_its_person_pays_and_a_failed_booking_lets_the_slot_go(
    app, client, facilitator, user_client, paid_pack, assert_error
):
    service_id, slug = _private(app, facilitator, price=150_000)
    held = _book(user_client, service_id, _at(9))
    assert held.status_code == 201, held.get_json()
    assert (held.get_json()["status"], bool(held.get_json()["payment"]["checkout_url"])) == ("pending_payment", True)
    assert _at(9) not in _starts(client, slug, service_id)
    pack = paid_pack(user_client, credits=1)
    credits, _ = _private(app, facilitator, price=150_000, credits=2)
    assert_error(_book(user_client, credits, _at(11), pass_id=pack["id"]), 409, "no_credits_left")
    assert _at(11) in _starts(client, slug, credits)  # the claim went with the refusal


@pytest.mark.parametrize("teacher", ["named", "any"])
def test_two_people_booking_one_slot_at_once_make_one_booking(
    app, facilitator, user_client, make_user, client_for, teacher
):
    service_id, _ = _private(app, facilitator)
    named = {"teacher_id": facilitator.id} if teacher == "named" else {}
    clients = [user_client, client_for(make_user(name="Second person"))]
    for days in (2, 3, 4):  # a round a day
        answers = race([lambda c=c, d=days: _book(c, service_id, _at(9, days=d), **named) for c in clients])
        assert sorted(a.status_code for a in answers) == [201, 409], [a.get_json() for a in answers]
        assert next(a for a in answers if a.status_code == 409).get_json()["error"]["code"] == "teacher_busy"
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).where(Booking.status.in_(SEAT_HOLDING))) == 3


def test_a_slot_booked_while_its_teacher_is_given_a_class_then_ends_with_one_of_them(
    app, facilitator, facilitator_client, user_client, make_session
):
    service_id, _ = _private(app, facilitator)
    for days in (2, 3, 4):
        event = make_session(at=_at(9, days=20), duration=timedelta(minutes=30))
        at = _at(9, days=days)
        move = {"starts_at": at.isoformat(), "ends_at": (at + timedelta(minutes=30)).isoformat()}
        book = lambda a=at: ("book", _book(user_client, service_id, a))  # noqa: E731
        path = f"/api/facilitator/{facilitator.id}/sessions/{event.id}"
        give = lambda p=path, m=move: ("class", facilitator_client.patch(p, json=m))  # noqa: E731
        answers = dict(race([book, give]))
        outcome = (answers["book"].status_code, answers["class"].status_code)
        assert outcome in {(201, 409), (409, 200)}, (outcome, answers["book"].data, answers["class"].data)


def test_the_studios_cancellation_rule_decides_a_privates_refund_and_credits(
    app, facilitator, facilitator_client, user_client
):
    service_id, slug = _private(app, facilitator, price=150_000, credits=1)
    assert _book(user_client, service_id, _at(9)).status_code == 201  # its private event made
    changed = facilitator_client.put(f"/api/studios/{slug}/appointment-rules", json={"cancel_hours": 72})
    assert changed.status_code == 200, changed.get_json()
    with app.app_context():
        event = db.session.get(Event, db.session.get(AppointmentService, service_id).event_id)
        assert (event.private, event.refund_until_hours, event.late_cancel_hours) == (True, 72, 72)

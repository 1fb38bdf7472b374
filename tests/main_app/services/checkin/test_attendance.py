"""Attendance: a session where check-in was taken closes after its end plus the grace, marking each active booking
attended or no_show once (the CRM hears the no-shows); a session where nobody checked in is never closed; a facilitator
corrects attendance afterwards."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Booking, EventSession, OutboxMessage, PassLedgerEntry, utcnow

pytestmark = pytest.mark.both_databases


@pytest.fixture
def today(make_session, facilitator):
    return make_session(capacity=10, starts_in=timedelta(minutes=10), facilitator_id=facilitator.id)


@pytest.fixture
def booked(today, people):
    """Three people booked today's session: (booking, client) each."""
    pairs = []
    for _account, client in people(3):
        answer = client.post("/bookings/book", json={"session_id": today.id})
        assert answer.status_code == 201
        pairs.append((answer.get_json(), client))
    return pairs


def check_in(facilitator_client, facilitator, session_id: int, *booking_ids: int):
    path = f"/api/facilitator/{facilitator.id}/sessions/{session_id}/checkins"
    answer = facilitator_client.post(path, json={"checkins": [{"booking_id": b} for b in booking_ids]})
    assert answer.status_code == 200
    return answer.get_json()


def time_passes(app, session_id: int, ended_ago: timedelta = timedelta(hours=1)) -> None:
    """The session is over, and its close message (if any) is due."""
    with app.app_context(), unit_of_work():
        session = db.session.get(EventSession, session_id)
        session.ends_at = utcnow() - ended_ago
        session.starts_at = session.ends_at - timedelta(hours=1)
        for row in db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.type == "session_close")):
            row.next_attempt_at = utcnow() - timedelta(seconds=1)


def attendance_of(app, *booking_ids: int) -> list:
    with app.app_context():
        return [db.session.get(Booking, b).attendance for b in booking_ids]


def test_a_session_with_check_in_closes_marking_each_booking_once(
    app, today, booked, facilitator, facilitator_client, payments_lane, outbox
):
    (came, _c), (missed, _m), (gone, gone_client) = booked
    gone_client.post(f"/bookings/{gone['id']}/cancel", json={})
    check_in(facilitator_client, facilitator, today.id, came["id"])
    check_in(facilitator_client, facilitator, today.id, came["id"])  # sent again: still one close
    time_passes(app, today.id)
    payments_lane()
    assert attendance_of(app, came["id"], missed["id"], gone["id"]) == ["attended", "no_show", None]
    [no_show] = [m for m in outbox() if m["type"] == "no_show"]
    assert no_show["payload"]["booking_id"] == missed["id"]
    assert no_show["payload"]["data"]["actor"] == {"id": facilitator.id, "role": "facilitator"}
    registrants = facilitator_client.get(f"/api/facilitator/{facilitator.id}/sessions/{today.id}/registrants")
    assert {r["booking_id"]: r["attendance"] for r in registrants.get_json()["items"]} == {
        came["id"]: "attended",
        missed["id"]: "no_show",
        gone["id"]: None,
    }


def test_nobody_is_a_no_show_where_check_in_was_never_taken(app, today, booked, payments_lane, outbox):
    time_passes(app, today.id)
    payments_lane()
    assert attendance_of(app, *(b["id"] for b, _c in booked)) == [None, None, None]
    assert "no_show" not in [m["type"] for m in outbox()]


def test_a_session_moved_later_closes_at_its_new_end(
    app, today, booked, facilitator, facilitator_client, payments_lane
):
    (came, _c), (missed, _m), _third = booked
    check_in(facilitator_client, facilitator, today.id, came["id"])
    time_passes(app, today.id, ended_ago=-timedelta(hours=2))  # its end moved two hours ahead; the old close is due
    payments_lane()
    assert attendance_of(app, came["id"], missed["id"]) == [None, None]
    with app.app_context():
        due = db.session.scalars(
            sa.select(OutboxMessage.next_attempt_at).where(
                OutboxMessage.type == "session_close", OutboxMessage.status == "pending"
            )
        ).all()
    assert len(due) == 1 and due[0] > utcnow() + timedelta(hours=1)


def test_a_facilitator_corrects_attendance_after_the_close(
    app, today, booked, facilitator, facilitator_client, payments_lane, outbox, assert_error, make_session
):
    (came, _c), (missed, _m), _third = booked
    path = f"/api/facilitator/{facilitator.id}/sessions/{today.id}/attendance"
    assert_error(
        facilitator_client.put(f"{path}/{missed['id']}", json={"attendance": "attended"}), 409, "attendance_not_taken"
    )
    check_in(facilitator_client, facilitator, today.id, came["id"])
    time_passes(app, today.id)
    payments_lane()
    fixed = facilitator_client.put(f"{path}/{missed['id']}", json={"attendance": "attended"})
    assert fixed.get_json() == {"booking_id": missed["id"], "attendance": "attended"}
    assert attendance_of(app, missed["id"]) == ["attended"]
    assert [m["type"] for m in outbox()].count("attendance_attended") == 1
    assert_error(
        facilitator_client.put(f"{path}/{missed['id']}", json={"attendance": "maybe"}),
        400,
        "validation_error",
        "attendance",
    )
    other = make_session(facilitator_id=facilitator.id)
    other_path = f"/api/facilitator/{facilitator.id}/sessions/{other.id}/attendance/{missed['id']}"
    assert_error(facilitator_client.put(other_path, json={"attendance": "no_show"}), 404, "booking_not_found")


def test_a_no_show_with_a_pass_keeps_its_credit_spent_on_the_record(
    app, make_session, user_client, client, facilitator, facilitator_client, payments_lane, outbox
):
    today = make_session(capacity=5, starts_in=timedelta(minutes=10), facilitator_id=facilitator.id, price=80_000)
    pack = {"name": "5-class pack", "kind": "pack", "credits": 5, "valid_days": 90, "price": 250_000}
    product = facilitator_client.post(f"/api/facilitator/{facilitator.id}/passes", json=pack).get_json()
    bought = user_client.post(f"/passes/{product['id']}/buy", json={}).get_json()
    client.post(f"/payments/test/checkout/{bought['checkout_url'].rsplit('/', 1)[1]}", data={"action": "pay"})
    booking = user_client.post("/bookings/book", json={"session_id": today.id, "pass_id": bought["pass"]["id"]})
    assert booking.status_code == 201, booking.get_json()
    walked = f"/api/facilitator/{facilitator.id}/sessions/{today.id}/walk-ins"
    body = {"name": "Ravi", "email": "ravi@example.com", "paid_at_door": True}
    assert facilitator_client.post(walked, json=body).status_code == 201  # someone came: check-in was taken
    time_passes(app, today.id)
    payments_lane()
    assert attendance_of(app, booking.get_json()["id"]) == ["no_show"]
    with app.app_context():
        kinds = db.session.scalars(
            sa.select(PassLedgerEntry.kind)
            .where(PassLedgerEntry.pass_id == bought["pass"]["id"])
            .order_by(PassLedgerEntry.id)
        ).all()
    assert kinds == ["purchase", "spend", "forfeit"]
    assert user_client.get("/me/passes").get_json()["items"][0]["credits_left"] == 4
    assert "credit_forfeited" in [m["type"] for m in outbox()]

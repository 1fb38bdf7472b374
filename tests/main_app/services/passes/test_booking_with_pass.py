"""Booking with a pass: the seats and the credits in one transaction (confirmed at once, no checkout), every refusal
named and writing nothing, credits back or forfeited on cancellation by the event's cut-off, always back when the
facilitator cancels, a membership's weekly limit, and races that never spend a credit twice."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from pass_shop import MEMBERSHIP, book, bought_pass
from racing import race

from main_app.extensions import db
from main_app.models import Pass, PassLedgerEntry, utcnow

DAY = timedelta(days=1)
PRICE = 120_000


def credits_left(person_client, pass_id: int) -> int | None:
    return next(p for p in person_client.get("/me/passes").get_json()["items"] if p["id"] == pass_id)["credits_left"]


def ledger(app, pass_id: int) -> list[tuple[str, int]]:
    with app.app_context():
        rows = db.session.execute(
            sa.select(PassLedgerEntry.kind, PassLedgerEntry.credits)
            .where(PassLedgerEntry.pass_id == pass_id)
            .order_by(PassLedgerEntry.id)
        ).all()
        return [tuple(row) for row in rows]


def test_a_pack_books_a_paid_seat_at_once_and_spends_a_credit(
    app, put_on_sale, buy, user_client, make_session, seats, outbox
):
    pack = bought_pass(put_on_sale, buy, user_client)
    session = make_session(price=PRICE, starts_in=3 * DAY)
    answer = book(user_client, session.id, pack["id"])
    assert answer.status_code == 201, answer.get_json()
    booking = answer.get_json()
    assert (booking["status"], booking["pass_id"], booking["payment"], booking["refundable_until"]) == (
        "active",
        pack["id"],
        None,
        None,
    )
    assert booking["credit_back_until"]  # the dialog says until when cancelling gives the credit back
    assert credits_left(user_client, pack["id"]) == 4 and seats(session.id)[1] == 1
    assert ledger(app, pack["id"]) == [("purchase", 5), ("spend", -1)]
    assert "booking_created" in [m["type"] for m in outbox()]


def test_a_group_spends_a_credit_a_seat(put_on_sale, buy, user_client, make_session):
    pack = bought_pass(put_on_sale, buy, user_client)
    session = make_session(price=PRICE)
    answer = book(user_client, session.id, pack["id"], seats=3, guests=[{"name": "Ana"}, {"name": "Ben"}])
    assert answer.status_code == 201 and answer.get_json()["seats"] == 3
    assert credits_left(user_client, pack["id"]) == 2


def test_too_few_credits_are_refused_and_nothing_is_written(
    put_on_sale, buy, user_client, make_session, assert_error, db_rows
):
    pack = bought_pass(put_on_sale, buy, user_client, credits=1)
    session = make_session(price=PRICE)
    before = db_rows()
    error = assert_error(book(user_client, session.id, pack["id"], seats=2), 409, "no_credits_left")
    assert error["details"] == {"credits_left": 1}
    assert db_rows() == before


def test_a_pass_for_other_classes_another_persons_or_unpaid_is_refused(
    put_on_sale, buy, user_client, make_session, make_event, make_user, client_for, assert_error, db_rows
):
    flow, yin = make_event(title="Flow", price=PRICE), make_event(title="Yin", price=PRICE)
    yin_only = bought_pass(put_on_sale, buy, user_client, event_ids=[yin.id])
    stranger = client_for(make_user(name="Stranger"))
    unpaid = buy(user_client, put_on_sale()["id"], action=None)["pass"]
    before = db_rows()
    assert_error(book(user_client, flow.session_ids[0], yin_only["id"]), 409, "pass_not_valid_here")
    assert_error(book(stranger, yin.session_ids[0], yin_only["id"]), 404, "pass_not_found")
    assert_error(book(user_client, yin.session_ids[0], 999_999), 404, "pass_not_found")
    assert_error(book(user_client, yin.session_ids[0], unpaid["id"]), 409, "pass_not_active")
    assert db_rows() == before
    assert book(user_client, yin.session_ids[0], yin_only["id"]).status_code == 201


def test_a_pack_does_not_reach_past_its_end(put_on_sale, buy, user_client, make_session, assert_error):
    pack = bought_pass(put_on_sale, buy, user_client, valid_days=2)
    assert_error(book(user_client, make_session(price=PRICE, starts_in=3 * DAY).id, pack["id"]), 409, "pass_expired")


def test_a_free_session_spends_nothing(put_on_sale, buy, user_client, make_session):
    pack = bought_pass(put_on_sale, buy, user_client)
    booked = book(user_client, make_session().id, pack["id"]).get_json()
    assert booked["pass_id"] is None and credits_left(user_client, pack["id"]) == 5


def test_cancelling_before_the_cut_off_returns_the_credit_and_after_it_forfeits_it(
    app, put_on_sale, buy, user_client, make_session, email_outbox
):
    pack = bought_pass(put_on_sale, buy, user_client)
    early = book(user_client, make_session(price=PRICE, starts_in=3 * DAY).id, pack["id"]).get_json()
    late = book(user_client, make_session(price=PRICE, starts_in=timedelta(hours=5)).id, pack["id"]).get_json()
    assert credits_left(user_client, pack["id"]) == 3
    assert user_client.post(f"/bookings/{early['id']}/cancel").status_code == 200
    assert user_client.post(f"/bookings/{late['id']}/cancel").status_code == 200  # 12 hours is the cut-off
    assert credits_left(user_client, pack["id"]) == 4
    assert ledger(app, pack["id"])[-2:] == [("return", 1), ("forfeit", 0)]
    told = [m["payload"]["snapshot"]["credit"] for m in email_outbox() if m["type"] == "booking_cancelled"]
    assert told == [{"credits": 1, "outcome": "return"}, {"credits": 1, "outcome": "forfeit"}]


def test_the_events_cut_off_decides(put_on_sale, buy, user_client, make_session, facilitator_client, facilitator):
    pack = bought_pass(put_on_sale, buy, user_client)
    session = make_session(price=PRICE, starts_in=timedelta(hours=5))
    edit = {"late_cancel_hours": 2}
    edited = facilitator_client.patch(f"/api/facilitator/{facilitator.id}/events/{session.event_id}", json=edit)
    assert edited.status_code == 200 and edited.get_json()["late_cancel_hours"] == 2
    booking = book(user_client, session.id, pack["id"]).get_json()
    user_client.post(f"/bookings/{booking['id']}/cancel")
    assert credits_left(user_client, pack["id"]) == 5


def test_a_facilitators_cancellation_always_returns_the_credits(
    put_on_sale, buy, user_client, make_session, facilitator_client, facilitator
):
    pack = bought_pass(put_on_sale, buy, user_client)
    session = make_session(price=PRICE, starts_in=timedelta(hours=3))
    book(user_client, session.id, pack["id"], seats=2)
    cancelled = facilitator_client.post(f"/api/facilitator/{facilitator.id}/sessions/{session.id}/cancel", json={})
    assert cancelled.status_code == 200, cancelled.get_json()
    assert credits_left(user_client, pack["id"]) == 5


def test_a_guests_seat_given_back_returns_one_credit(put_on_sale, buy, user_client, make_session):
    pack = bought_pass(put_on_sale, buy, user_client)
    booking = book(user_client, make_session(price=PRICE, starts_in=3 * DAY).id, pack["id"], seats=2).get_json()
    guest = booking["guests"][0]
    assert user_client.post(f"/bookings/{booking['id']}/guests/{guest['id']}/cancel").status_code == 200
    assert credits_left(user_client, pack["id"]) == 4


def test_reactivating_spends_from_the_pass_again(put_on_sale, buy, user_client, make_session, assert_error):
    pack = bought_pass(put_on_sale, buy, user_client, credits=1)
    booking = book(user_client, make_session(price=PRICE, starts_in=3 * DAY).id, pack["id"]).get_json()
    user_client.post(f"/bookings/{booking['id']}/cancel")
    again = user_client.post(f"/bookings/{booking['id']}/reactivate")
    assert again.status_code == 200 and again.get_json()["status"] == "active"
    assert credits_left(user_client, pack["id"]) == 0
    other = book(user_client, make_session(price=PRICE).id, pack["id"])
    assert_error(other, 409, "no_credits_left")


def test_a_membership_keeps_to_its_weekly_limit(put_on_sale, buy, user_client, make_event, assert_error):
    member = bought_pass(put_on_sale, buy, user_client, MEMBERSHIP, sessions_per_week=1)
    # Two sessions in one week (Monday and Wednesday of the week after next), one the week after.
    monday = (utcnow() + timedelta(days=14 - utcnow().weekday())).replace(hour=9, minute=0, second=0, microsecond=0)
    week = make_event(price=PRICE, at=monday, sessions=2, every=2 * DAY)
    later = make_event(price=PRICE, at=monday + timedelta(days=7))
    assert book(user_client, week.session_ids[0], member["id"]).status_code == 201
    error = assert_error(book(user_client, week.session_ids[1], member["id"]), 409, "weekly_limit_reached")
    assert error["details"] == {"sessions_per_week": 1, "used": 1}
    assert book(user_client, later.session_ids[0], member["id"]).status_code == 201


@pytest.mark.both_databases
def test_a_hundred_bookings_racing_on_a_five_credit_pack_spend_exactly_five(
    app, put_on_sale, buy, user_client, make_event
):
    pack = bought_pass(put_on_sale, buy, user_client)
    event = make_event(price=PRICE, sessions=100, every=timedelta(hours=2), capacity=3)
    answers = race([lambda s=s: book(user_client, s, pack["id"]).status_code for s in event.session_ids])
    assert sorted(answers) == [201] * 5 + [409] * 95
    with app.app_context():
        assert db.session.get(Pass, pack["id"]).credits_left == 0


@pytest.mark.both_databases
def test_racing_cancellations_and_bookings_keep_the_balance_equal_to_the_ledger(
    app, put_on_sale, buy, user_client, make_event
):
    pack = bought_pass(put_on_sale, buy, user_client, credits=3)
    event = make_event(price=PRICE, sessions=12, every=timedelta(hours=3), starts_in=3 * DAY)
    first = [book(user_client, session_id, pack["id"]).get_json() for session_id in event.session_ids[:3]]
    cancels = [lambda b=b: user_client.post(f"/bookings/{b['id']}/cancel") for b in first]
    race(cancels + [lambda s=s: book(user_client, s, pack["id"]) for s in event.session_ids[3:]])
    with app.app_context():
        active = db.session.scalar(sa.text("SELECT COALESCE(SUM(seats), 0) FROM bookings WHERE status = 'active'"))
        left = db.session.get(Pass, pack["id"]).credits_left
    assert left + active == 3  # every credit is either spent on a seat held or back on the pass


@pytest.mark.both_databases
def test_concurrent_bookings_never_pass_a_memberships_weekly_limit(put_on_sale, buy, user_client, make_event):
    member = bought_pass(put_on_sale, buy, user_client, MEMBERSHIP, sessions_per_week=2)
    monday = (utcnow() + timedelta(days=14 - utcnow().weekday())).replace(hour=7, minute=0, second=0, microsecond=0)
    week = make_event(price=PRICE, at=monday, sessions=10, every=timedelta(hours=12))
    answers = race([lambda s=s: book(user_client, s, member["id"]).status_code for s in week.session_ids])
    assert sorted(answers) == [201] * 2 + [409] * 8

"""A rush of joins, on both databases: joins share the session's row (PostgreSQL: FOR SHARE), yet every place is
written and counted one at a time behind the line's own lock, so the positions answered are exactly 1..n, each the
one the line shows afterwards; a seat freed in the rush still goes to the head of the line."""

import threading
from datetime import timedelta

import pytest
from racing import race

from main_app.extensions import db
from main_app.models import EventSession
from main_app.plumbing import lock_shared, sharing_first

pytestmark = pytest.mark.both_databases

DAY = timedelta(days=3)


@pytest.fixture
def booked_out(make_session, priya, people):
    """A session of 1 seat, booked: (session, the holder's client, their booking id)."""
    session = make_session(capacity=1, starts_in=DAY, facilitator_id=priya.id)
    [(_account, holder)] = people(1)
    booking = holder.post("/book", json={"session_id": session.id}).get_json()
    return session, holder, booking["id"]


def _join(client, session_id: int):
    return lambda: client.post(f"/sessions/{session_id}/waitlist").get_json()


def _position_now(client, session_id: int) -> int:
    [place] = [w for w in client.get("/bookings").get_json()["waiting"] if w["session_id"] == session_id]
    return place["position"]


def test_twenty_joins_at_once_get_positions_one_to_twenty_as_the_line_shows_them(booked_out, people):
    session, _holder, _booking = booked_out
    clients = [client for _account, client in people(20)]
    answers = race([lambda n=n, c=c: (n, _join(c, session.id)()) for n, c in enumerate(clients)])
    assert sorted(answer["position"] for _n, answer in answers) == list(range(1, 21)), answers
    assert all(_position_now(clients[n], session.id) == answer["position"] for n, answer in answers)


def test_a_seat_freed_during_a_rush_of_joins_goes_to_the_head_of_the_line(app, booked_out, people):
    session, holder, booking_id = booked_out
    [(_a, head)] = people(1)
    assert head.post(f"/sessions/{session.id}/waitlist").get_json()["position"] == 1
    clients = [client for _account, client in people(12)]
    cancel = lambda: holder.post(f"/bookings/{booking_id}/cancel").get_json()  # noqa: E731
    answers = race([cancel] + [_join(c, session.id) for c in clients])
    assert sum(1 for a in answers if a.get("status") == "cancelled") == 1, answers
    [mine] = [b for b in head.get("/bookings").get_json()["items"] if b["session_id"] == session.id]
    assert mine["status"] == "active"  # the head took the freed seat, whichever joins came first
    joined = [a for a in answers if "position" in a]
    assert len(joined) == 12 and sorted(_position_now(c, session.id) for c in clients) == list(range(1, 13))
    with app.app_context():
        assert db.session.get(EventSession, session.id).seats_taken == 1


def test_a_join_goes_through_while_another_transaction_shares_the_sessions_row(app, booked_out, people):
    """PostgreSQL: while a transaction holds the session's row FOR SHARE (a payment being confirmed, another join),
    a join does not wait for it. SQLite's one writer at a time has no row locks to share."""
    session, holder, booking_id = booked_out
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite serialises every writer; there is no shared row lock to prove")
    held, release, let_go = threading.Event(), threading.Event(), threading.Event()

    def hold_shared():
        with app.app_context():
            sharing_first(lambda: lock_shared(EventSession, [session.id]))()
            held.set()
            release.wait(30)
            let_go.set()  # before the lock goes: a join that had to wait for it returns only after this
            db.session.rollback()

    holding = threading.Thread(target=hold_shared)
    holding.start()
    try:
        assert held.wait(30)
        [(_a, joiner)] = people(1)
        assert joiner.post(f"/sessions/{session.id}/waitlist").status_code == 201
        assert not let_go.is_set()
    finally:
        release.set()
        holding.join(30)
    assert holder.post(f"/bookings/{booking_id}/cancel").status_code == 200

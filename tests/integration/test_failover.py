"""Losing the primary mid-sale loses nothing (the CI form of bench/failover.py's drill): the main API on a
PostgreSQL primary with one synchronous standby, reached by a libpq multi-host URL with
target_session_attrs=read-write; people book a session while the primary is killed with SIGKILL and the standby is
promoted, each retrying as the web app does when told 503 and Retry-After. Afterwards, on the promoted node, every
booking a person was told succeeded is there with its CRM notification queued, and no seat is sold twice."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from db_templates import migrate_schema

from main_app.extensions import db
from main_app.models import CHANNEL_CRM, Booking, EventSession, OutboxMessage

# Its own two PostgreSQL nodes whatever the run's backend: once per run, under the postgresql parameter when there
# is one (the marker keeps the database matrix's rule that a threaded test is on both).
pytestmark = [pytest.mark.integration, pytest.mark.both_databases]

PEOPLE, SEATS = 40, 30
GIVE_UP_AFTER = 60.0  # seconds a person keeps trying: far beyond a failover, so a stuck one fails the test


@pytest.fixture
def app(make_app, pair):
    """The main API on the pair (its tests' factories use it: make_user, make_session)."""
    app = make_app(migrate=False, kept=False, SQLALCHEMY_DATABASE_URI=pair.url("app"), RATELIMIT_ENABLED=False)
    migrate_schema(app)
    return app


def book_until_answered(client, session_id: int, outages: list) -> str:
    """One person's booking, tried again after each 503 (Retry-After) as the web app does, until it is answered: the
    error code of the answer (a 201 is "booked"); each 503 met is added to outages."""
    deadline = time.monotonic() + GIVE_UP_AFTER
    while time.monotonic() < deadline:
        answer = client.post("/book", json={"session_id": session_id})
        if answer.status_code == 201:
            return "booked"
        if answer.status_code != 503:
            return answer.get_json()["error"]["code"]
        assert answer.headers["Retry-After"] == "5"
        outages.append(answer.get_json()["error"]["code"])
        time.sleep(0.2)  # the drill waits less than Retry-After says, to see the outage's edge
    return "unanswered"


def test_a_primary_killed_mid_sale_loses_no_acknowledged_booking(app, pair, make_user, make_session, client_for):
    session = make_session(capacity=SEATS)
    clients = {account.id: client_for(account) for account in (make_user() for _ in range(PEOPLE))}  # tokens first
    answers, outages, started = {}, [], threading.Event()

    def person(user_id: int):
        started.wait()
        answers[user_id] = book_until_answered(clients[user_id], session.id, outages)

    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(person, user_id) for user_id in clients]
        started.set()
        while sum(answer == "booked" for answer in answers.values()) < SEATS // 3:  # the primary dies mid-sale
            time.sleep(0.01)
        sold_before = sum(answer == "booked" for answer in answers.values())
        pair.crash_primary()
        pair.promote_standby()
        for future in futures:
            future.result()

    # A booking whose commit reached the standby while its answer was lost is "already_booked" when tried again:
    # the person has it, and was told so.
    told = {user_id for user_id, answer in answers.items() if answer in ("booked", "already_booked")}
    assert set(answers.values()) <= {"booked", "already_booked", "session_full"}, answers
    assert len(told) == SEATS
    # The primary died with seats left, and people met the outage as 503s, not 500s.
    assert sold_before < SEATS and outages and set(outages) == {"service_unavailable"}, (sold_before, outages)
    with app.app_context():
        query = sa.select(Booking.user_id, Booking.id).where(Booking.session_id == session.id)
        stored = dict(db.session.execute(query).all())
        assert set(stored) == told  # none lost, none a person was not told of
        assert db.session.get(EventSession, session.id).seats_taken == SEATS
        # Each booking's CRM notification was queued in its transaction: the CRM hears of it once the outbox goes.
        queued = sa.select(OutboxMessage.payload).where(
            OutboxMessage.channel == CHANNEL_CRM, OutboxMessage.type == "booking_created"
        )
        assert sorted(payload["booking_id"] for payload in db.session.scalars(queued)) == sorted(stored.values())

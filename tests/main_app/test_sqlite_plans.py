"""SQLite's plans for the outbox (migration 0011's fixed statistics): a message is found by its id or its booking,
never by walking every pending message through the dispatcher's (status, …) or (channel, status, …) indexes, whose
cost grows with the backlog, or the whole table. Only the dispatcher's claim of due messages walks them."""

import contextlib
from datetime import timedelta

import pytest
from query_plans import captured_statements
from sqlalchemy import event, update

from main_app.delivery.retention import prune_delivered
from main_app.extensions import db
from main_app.models import CHANNEL_CRM, OUTBOX_DELIVERED, OUTBOX_PENDING, OutboxMessage, utcnow

pytestmark = pytest.mark.both_databases

DUE_INDEXES = ("ix_outbox_messages_due", "ix_outbox_messages_channel_due")


def plan(sql: str, parameters=()) -> str:
    """SQLite's query plan for sql, as one line."""
    with db.engine.connect() as conn:
        return " | ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", parameters))


@contextlib.contextmanager
def outbox_statements():
    """The statements on outbox_messages the block runs, with their parameters."""
    seen = []

    def keep(_conn, _cursor, statement, parameters, _context, executemany):
        if "outbox_messages" in statement and not executemany and not statement.lstrip().startswith("INSERT"):
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)


@pytest.fixture
def sqlite_only(app):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("PostgreSQL plans from its own statistics")


def test_a_persons_bookings_and_a_cancellation_find_messages_by_booking(app, sqlite_only, user_client, make_session):
    session = make_session(starts_in=timedelta(days=3))
    with app.app_context():
        with outbox_statements() as seen:
            booking = user_client.post("/book", json={"session_id": session.id}).get_json()
            assert user_client.get("/bookings").status_code == 200
            assert user_client.post(f"/bookings/{booking['id']}/cancel", json={}).status_code == 200
        plans = [(statement, plan(statement, parameters)) for statement, parameters in seen]
    assert len(plans) >= 2  # the reminders on My bookings, dropping them on the cancellation
    walking = [
        (statement, found)
        for statement, found in plans
        if any(index in found for index in DUE_INDEXES) or "SCAN outbox_messages" in found
    ]
    assert walking == []


def test_the_dispatchers_delivered_update_finds_messages_by_id(app, sqlite_only):
    with app.app_context():
        statement = (
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(["a", "b", "c"]), OutboxMessage.status == OUTBOX_PENDING)
            .values(status=OUTBOX_DELIVERED)
        )
        found = plan(str(statement.compile(db.engine, compile_kwargs={"literal_binds": True})))
    assert "sqlite_autoindex_outbox_messages_1" in found, found


def test_the_catalogue_searches_events_by_their_end_not_from_the_first_ever(app, sqlite_only, client, make_event):
    """The upcoming catalogue's pages (first, by kind, by search, by facilitator) start from an index on the events'
    end, so years of past events cost them nothing; walking the start's index would pass every one."""
    facilitator_id = make_event(title="Flow").facilitator_id
    pages = ("", "?kind=retreat", "?q=flow", f"?facilitator_id={facilitator_id}", "?q=flow&kind=session")
    with app.app_context(), captured_statements(db.engine) as seen:
        for page in pages:
            assert client.get(f"/events{page}").status_code == 200
    listed = [(sql, args) for sql, args in seen if "FROM events" in sql]
    assert len(listed) >= 2 * len(pages)  # each page's count and its rows
    with app.app_context():
        for sql, args in listed:
            found = plan(sql, args)
            assert "ends_at" in found and "SCAN events" not in found, f"{sql}\n{found}"


def test_pruning_with_nothing_old_reads_no_message_the_period_keeps(app, sqlite_only):
    """Retention's batch walks the channel's index only up to the cut-off (a message is delivered once due), so a
    minute's check that finds nothing old costs nothing however many recent messages the period keeps."""
    with app.app_context(), captured_statements(db.engine) as seen:
        assert prune_delivered(CHANNEL_CRM, utcnow() - timedelta(days=30)) == 0
        [(sql, args)] = [(sql, args) for sql, args in seen if sql.lstrip().startswith("SELECT")]
        found = plan(sql, args)
    assert "ix_outbox_messages_channel_due (channel=? AND status=? AND next_attempt_at<?)" in found, found

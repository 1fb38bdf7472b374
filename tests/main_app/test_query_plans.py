"""Flat as data grows: every statement of the hot paths (a booking, with a pass too, the catalogue, the timetable, My
bookings, a check-in batch, the dispatcher's claim) finds its rows through an index, on SQLite and PostgreSQL."""

import json
from datetime import timedelta

import pytest
from psycopg.sql import Literal
from query_plans import captured_statements, whole_table_scans
from sqlalchemy import func, insert, select
from sqlalchemy.orm import aliased

from main_app.database import unit_of_work
from main_app.delivery import insert_rows, ledger, outbox_row
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import Booking, Event, EventSession, OutboxMessage, SessionTally, Studio, User, utcnow
from main_app.services import reports, studios
from main_app.services.emails import drop_pending

pytestmark = pytest.mark.both_databases

# Tables small enough to read whole whatever the data: every table grows with people, events or messages, but for
# tally_changes and client_changes, queues the timers lane drains, read oldest first a batch at a time (LIMIT):
# SQLite calls reading its rowid tree from the start a scan.
ALLOWED_SCANS: set[str] = {"tally_changes", "client_changes"}
PAST = timedelta(days=30)
# The probe's parameter types (psycopg's own prepared statements may share the connection).
PROBE_TYPES = "SELECT parameter_types::text[] FROM pg_prepared_statements WHERE name = 'probe'"


@pytest.fixture
def app(make_app):
    """The main API without its catalogue page cache: every request runs its statements."""
    return make_app(CATALOGUE_CACHE_SECONDS=0)


@pytest.fixture
def assert_indexed(app):
    """assert_indexed(call, *more): the plans of the statements the calls ran (each answering 2xx, or None) read no
    growing table whole."""

    def run(*calls) -> None:
        with app.app_context():
            engine = db.engine
            with captured_statements(engine) as seen:
                for call in calls:
                    answer = call()
                    if answer is not None:
                        assert 200 <= answer.status_code < 300, answer.get_json()
            assert seen, "the path ran no statement with a plan"
            found = whole_table_scans(engine, seen, set(db.metadata.tables) - ALLOWED_SCANS)
        assert not found, "\n\n".join(found)

    return run


def book(client, session_id: int, **extra) -> dict:
    answer = client.post("/bookings/book", json={"session_id": session_id, **extra})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def test_a_booking(user_client, make_session, make_event, assert_indexed):
    make_event(sessions=3)  # others' sessions beside the one booked
    session_id = make_session(starts_in=timedelta(days=3)).id
    assert_indexed(lambda: user_client.post("/bookings/book", json={"session_id": session_id}))


def test_a_booking_with_a_pass(user_client, facilitator, facilitator_client, make_session, assert_indexed):
    pack = {"name": "Pack", "kind": "pack", "credits": 5, "valid_days": 30, "price": 0}
    product = facilitator_client.post(f"/api/facilitator/{facilitator.id}/passes", json=pack).get_json()
    pass_id = user_client.post(f"/passes/{product['id']}/buy").get_json()["pass"]["id"]
    book(user_client, make_session(starts_in=timedelta(days=2), price=90_000).id, pass_id=pass_id)
    session_id = make_session(starts_in=timedelta(days=3), price=90_000).id
    body = {"session_id": session_id, "pass_id": pass_id}
    assert_indexed(lambda: user_client.post("/bookings/book", json=body))


def test_the_catalogue_first_page_filtered_and_page_two(client, make_event, assert_indexed):
    for n in range(6):
        make_event(title=f"Flow {n}", kind="retreat" if n % 2 else "session", sessions=2)
    week = "from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z"
    pages = ("", "?q=Flow", "?kind=retreat", f"?{week}", "?q=flow&kind=session&" + week, "?per_page=2&page=2")
    assert_indexed(*(lambda p=page: client.get(f"/events{p}") for page in pages))


def test_the_catalogue_reads_only_upcoming_events_once_prepared(app, client, facilitator):
    """The first page's statements, prepared and planned generically as psycopg and PostgreSQL may do with a
    statement run often, read the upcoming events and no past one. Planned for any time, "ends_at >= $1" was
    guessed to keep a third of the events; planned for the time, PostgreSQL still walked the start's index through
    every past event, pricing the walk as if upcoming events were spread evenly along it."""
    now = utcnow()
    rows = []
    for n in range(2500):  # 2,000 events over, then 500 to come
        starts = now + timedelta(hours=n - 2000)
        rows.append({"title": f"Event {n}", "kind": "session", "facilitator_id": facilitator.id, "starts_at": starts})
        rows[-1]["ends_at"] = starts
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite plans each statement for its values")
        with unit_of_work():
            studio_id = studios.home_studio_id(db.session.get(User, facilitator.id))
            db.session.execute(insert(Event), [{**row, "studio_id": studio_id} for row in rows])
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE events")
            conn.commit()
        with captured_statements(db.engine) as seen:
            assert client.get("/events").status_code == 200
        read = {statement: _read_generically(statement, parameters, "events") for statement, parameters in seen}
    read = {statement: rows for statement, rows in read.items() if "FROM events" in statement}
    assert len(read) == 2 and all(rows <= 500 for rows in read.values()), read  # the count, then the page


def _read_generically(statement: str, parameters: dict, table: str, plan: str = "generic") -> int:
    """Rows of table (kept and filtered out) that the statement reads, prepared and run with a generic plan (or, with
    plan="custom", one for its values), in a transaction rolled back: a write changes nothing."""
    names = list(parameters)
    for number, name in enumerate(names, 1):
        statement = statement.replace(f"%({name})s", f"${number}")
    with db.engine.connect() as conn:
        try:  # a connection of its own, closed afterwards: nothing prepared or set here outlives the test
            conn.exec_driver_sql(f"SET plan_cache_mode = force_{plan}_plan")
            conn.exec_driver_sql(f"PREPARE probe AS {statement}")
            types = conn.exec_driver_sql(PROBE_TYPES).scalar_one()
            # EXPLAIN EXECUTE takes no bound parameters: its arguments are written in, quoted by psycopg.
            raw = conn.connection.driver_connection
            values = [Literal(parameters[name]).as_string(raw) for name in names]
            arguments = ", ".join(f"{value}::{kind}" for value, kind in zip(values, types, strict=True))
            execute = f"EXECUTE probe({arguments})" if names else "EXECUTE probe"
            document = conn.exec_driver_sql(f"EXPLAIN (ANALYZE, FORMAT JSON) {execute}").scalar_one()
        finally:
            conn.invalidate()
    document = json.loads(document) if isinstance(document, str) else document
    nodes, read = [document[0]["Plan"]], 0
    while nodes:
        node = nodes.pop()
        nodes += node.get("Plans", [])
        if node.get("Relation Name") == table:
            read += node["Actual Rows"] * node["Actual Loops"] + node.get("Rows Removed by Filter", 0)
    return read


def test_the_timetable_of_a_week(client, make_event, assert_indexed):
    for n in range(4):
        make_event(title=f"Class {n}", sessions=3, every=timedelta(days=1))
    assert_indexed(lambda: client.get("/timetable"), lambda: client.get("/timetable?kind=session&q=Class"))


def test_my_bookings_with_many_in_the_past(app, user_client, make_session, people, assert_indexed):
    refs = [make_session(starts_in=timedelta(days=3)) for _ in range(6)]
    for ref in refs:
        book(user_client, ref.id)
    book(people(1)[0][1], make_session().id)  # someone else's
    with app.app_context(), unit_of_work():
        # Moved back once booked: a session that has started takes no booking.
        for ref in refs[:4]:
            moved = db.session.get(EventSession, ref.id)
            moved.starts_at, moved.ends_at = moved.starts_at - PAST, moved.ends_at - PAST
            event = db.session.get(Event, ref.event_id)
            event.starts_at, event.ends_at = event.starts_at - PAST, event.ends_at - PAST
    pages = ("", "?per_page=2", "?per_page=2&page=2")
    assert_indexed(*(lambda p=page: user_client.get(f"/bookings{p}") for page in pages))


def test_a_check_in_batch(facilitator, facilitator_client, make_session, people, assert_indexed):
    today = make_session(capacity=10, starts_in=timedelta(minutes=30), facilitator_id=facilitator.id)
    bookings = [book(c, today.id) for _a, c in people(3)]
    base = f"/api/facilitator/{facilitator.id}/sessions/{today.id}"
    seats = {s["booking_id"]: s for s in facilitator_client.get(f"{base}/roster").get_json()["seats"]}
    items = [
        {"code": seats[bookings[0]["id"]]["qr"], "device_id": "door-1"},
        {"code": seats[bookings[1]["id"]]["code"]},
        {"booking_id": bookings[2]["id"], "seat": 1},
    ]
    assert_indexed(
        lambda: facilitator_client.get(f"{base}/roster"),
        lambda: facilitator_client.post(f"{base}/checkins", json={"checkins": items}),
        lambda: facilitator_client.post(f"{base}/checkins", json={"checkins": items}),  # a device's queue again
    )


def test_the_dispatchers_claim(app, add_messages, assert_indexed):
    add_messages(3)
    add_messages(2, channel="email")
    with app.app_context():
        lane = build_dispatcher(app.config)

    def claim() -> None:
        lane.claim()

    try:
        with app.app_context():
            assert_indexed(claim, claim)
    finally:
        lane.close()


@pytest.fixture
def many_waiting(app) -> list[dict]:
    """20,000 delivered messages, the statistics taken then, and 5,000 reminders written since (two a booking, due
    days ahead): a sale's waiting messages, unknown to the statistics. The waiting rows (PostgreSQL only)."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite plans each statement for its values")
        payload = {"kind": "reminder_24h", "snapshot": {"to": {"name": "Asha Rao", "email": "asha@example.com"}}}
        with unit_of_work():
            insert_rows([{**outbox_row("email", "reminder_24h", payload), "status": "delivered"} for _ in range(20000)])
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE outbox_messages")
            conn.commit()
        rows = [
            outbox_row("email", "reminder_24h", payload, booking_id=n // 2 + 1, send_at=utcnow() + PAST)
            for n in range(5000)
        ]
        with unit_of_work():
            insert_rows(rows)
    return rows


def outbox_rows_read(app, write, statement_start: str) -> dict[str, int]:
    """Rows of outbox_messages the statement of write() beginning with statement_start reads, planned generically
    and for its values."""
    with app.app_context():
        with captured_statements(db.engine) as seen, unit_of_work():
            write()
        (statement, parameters), *_ = [(s, p) for s, p in seen if s.startswith(statement_start)]
        return {plan: _read_generically(statement, parameters, "outbox_messages", plan) for plan in PLANS}


PLANS = ("generic", "custom")


def test_marking_messages_delivered_reads_only_theirs_while_many_wait(app, many_waiting):
    """Planned with statistics from a quiet moment (every message delivered), marking a batch delivered walks the
    ids' keys, not every waiting message. Planned for its values, "status = 'pending'" looked like one row to
    PostgreSQL, and its index won."""
    ids = [row["id"] for row in many_waiting]
    for batch in (ids[:1], ids[100:120]):
        read = outbox_rows_read(app, lambda batch=batch: ledger.mark_delivered(batch), "UPDATE outbox_messages")
        assert all(rows <= len(batch) for rows in read.values()), read


def test_dropping_a_bookings_reminders_reads_only_its_own_while_many_wait(app, many_waiting):
    """A cancellation's reminders are found by the booking, not by walking every waiting message."""
    read = outbox_rows_read(app, lambda: drop_pending(OutboxMessage.booking_id == 7), "DELETE FROM outbox_messages")
    assert all(rows <= 4 for rows in read.values()), read  # its two reminders, found, then deleted


def test_the_check_sees_a_whole_table_scan(app, user_client, make_session):
    """The check is not blind: a filter on an unindexed column of an aliased table is named with its table."""
    book(user_client, make_session().id)
    mine = aliased(Booking, name="mine")
    with app.app_context():
        with captured_statements(db.engine) as seen:
            db.session.execute(select(mine.id).where(mine.cancel_reason == "changed plans")).all()
            db.session.rollback()
        found = whole_table_scans(db.engine, seen, {"bookings"})
    assert len(found) == 1 and found[0].startswith("bookings scanned whole by:"), found


def test_a_revenue_report(app, priya, priya_client, make_session, assert_indexed):
    make_session(facilitator_id=priya.id)
    with app.app_context():
        slug = db.session.get(Studio, studios.home_studio_id(db.session.get(User, priya.id))).slug
    assert_indexed(lambda: priya_client.get(f"/api/studios/{slug}/reports/revenue?by=week"))


def test_the_attendance_clients_and_pay_reports(app, priya, priya_client, user_client, make_session, assert_indexed):
    make_session(facilitator_id=priya.id, starts_in=-timedelta(days=2))
    make_session(starts_in=-timedelta(days=3))  # another studio's
    came = make_session(facilitator_id=priya.id, starts_in=timedelta(days=1))
    booking = book(user_client, came.id)
    with app.app_context(), unit_of_work():  # held yesterday: a visit
        db.session.get(EventSession, came.id).starts_at = utcnow() - timedelta(days=1)
    with app.app_context():
        reports.count_clients()  # the first counting: every client who came so far, read from the whole history
    counted = []
    assert_indexed(lambda: counted.append(reports.count_some()))  # the timers lane's: these three are kept
    with app.app_context():  # the three begun, noted as the mark first moved (and by their making or moving)
        assert db.session.scalar(select(func.count()).select_from(SessionTally)) == 3 and counted[0] > 3
    with app.app_context(), unit_of_work():  # the client's visit changes: noted, counted again
        db.session.get(Booking, booking["id"]).attendance = "attended"
    assert_indexed(lambda: counted.append(reports.count_clients()))
    assert counted[1] == 1
    make_session(facilitator_id=priya.id, starts_in=-timedelta(minutes=20))  # counted afresh
    with app.app_context():
        slug = db.session.get(Studio, studios.home_studio_id(db.session.get(User, priya.id))).slug
    base = f"/api/studios/{slug}/reports"
    assert_indexed(
        lambda: priya_client.get(f"{base}/attendance?by=week"),
        lambda: priya_client.get(f"{base}/clients?by=month"),
        lambda: priya_client.get(f"{base}/pay"),
        lambda: priya_client.get(f"{base}/pay?format=csv"),
    )

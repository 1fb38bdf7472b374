"""Waking the dispatcher on commit: a UDP datagram on SQLite, NOTIFY outbox_wakeup on PostgreSQL."""

import contextlib
import select
import socket
import threading
import time

import psycopg
import pytest
import sqlalchemy as sa
from psycopg.conninfo import conninfo_to_dict

from main_app.database import unit_of_work
from main_app.delivery.wakeup import (
    CHANNEL,
    LISTEN_KEEPALIVES,
    STOPPED,
    TIMED_OUT,
    WOKEN,
    PostgresWaiter,
    SleepWaiter,
    UdpWaiter,
    make_waiter,
    send_udp_wakeup,
)
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import OutboxMessage, User, utcnow
from main_app.services.crm.messages import enqueue

pytestmark = pytest.mark.both_databases

SQLITE_ONLY = pytest.mark.parametrize("db_backend", ["sqlite"])
POSTGRES_ONLY = pytest.mark.parametrize("db_backend", ["postgresql"])  # skipped without TEST_DATABASE_URL
# A wait a wake-up ends: the tests measure the elapsed time against it, never against an absolute figure.
LONG_WAIT = 30.0


def timed_wait(waiter, timeout: float) -> tuple[str, float]:
    """(Why the wait ended, the seconds it lasted): tests assert the outcome and a lower bound only, which no load can
    break (a wait never ends before its cause)."""
    started = time.monotonic()
    outcome = waiter.wait(timeout)
    return outcome, time.monotonic() - started


def free_tcp_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def wake_port():
    return free_udp_port()


@pytest.fixture
def app(make_app, fake_crm, wake_port):
    """The main API whose commits wake whoever listens on wake_port (or LISTENs, on PostgreSQL)."""
    return make_app(CRM_BASE_URL=fake_crm.url, DISPATCH_WAKE_PORT=wake_port)


@pytest.fixture
def wake_socket(wake_port):
    """A UDP socket standing in for the dispatcher on the app's wake port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", wake_port))
    yield sock
    sock.close()


def datagrams(sock, within: float = 0.15) -> list[bytes]:
    """Every datagram arriving within `within` seconds of the call (or already waiting)."""
    received, deadline = [], time.monotonic() + within
    while (left := deadline - time.monotonic()) > 0:
        if select.select([sock], [], [], left)[0]:
            received.append(sock.recv(64))
    return received


@pytest.fixture
def listener(app):
    """A LISTEN outbox_wakeup connection on the test's own database, as a dispatcher on another machine has."""
    with app.app_context():
        url = db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    conn = psycopg.connect(url, autocommit=True)
    conn.execute(f"LISTEN {CHANNEL}")
    yield conn
    conn.close()


def notifications(conn, within: float = 0.3, pid: int | None = None) -> list:
    """Notifications within `within` seconds, only those of backend pid if given (the server may be shared)."""
    return [n for n in conn.notifies(timeout=within) if pid is None or n.pid == pid]


def first_notification(conn, pid: int | None = None, within: float = 2.0):
    """The first notification (of backend pid, if given) within `within` seconds, else None."""
    deadline = time.monotonic() + within
    while (left := deadline - time.monotonic()) > 0:
        for n in conn.notifies(timeout=left, stop_after=1):
            if pid is None or n.pid == pid:
                return n
    return None


def write_message(app, *, commit: bool = True) -> int:
    """Write one outbox message in a transaction that commits or rolls back; returns that backend's pid (PostgreSQL)."""
    pids = []
    with app.app_context(), contextlib.suppress(RolledBack), unit_of_work():
        enqueue("booking_created", {"user_id": 1, "message": "hi"})
        db.session.flush()
        postgres = db.engine.dialect.name == "postgresql"
        pids.append(db.session.scalar(sa.text("SELECT pg_backend_pid()")) if postgres else 0)
        if not commit:
            raise RolledBack
    return pids[0]


class RolledBack(Exception):
    """Raised to end a unit of work with a rollback."""


# -- SQLite: a datagram after commit ----------------------------------------------------------------


@SQLITE_ONLY
def test_a_booking_sends_one_datagram_after_commit(user_client, make_session, wake_socket):
    session = make_session()
    assert datagrams(wake_socket) == []
    assert user_client.post("/book", json={"session_id": session.id}).status_code == 201
    assert datagrams(wake_socket) == [b"app,crm,email"]  # the channels it wrote to: only their lanes look
    booking_id = user_client.get("/bookings").get_json()["items"][0]["id"]
    assert datagrams(wake_socket) == []  # reading wakes nobody
    assert user_client.post(f"/bookings/{booking_id}/cancel").status_code == 200
    assert datagrams(wake_socket) == [b"app,crm,email"]


@SQLITE_ONLY
def test_failed_bookings_and_reads_send_nothing(client, user_client, make_session, wake_socket):
    full = make_session(capacity=1, seats_taken=1)
    assert user_client.post("/book", json={"session_id": full.id}).status_code == 409
    assert user_client.post("/book", json={"session_id": 999_999}).status_code == 404
    assert user_client.post("/book", json={}).status_code == 400
    assert client.get("/events").status_code == 200
    assert datagrams(wake_socket) == []


@SQLITE_ONLY
def test_registering_sends_one_datagram(client, wake_socket):
    response = client.post(
        "/auth/register", json={"name": "New One", "email": "new@example.com", "password": "pw-123456789"}
    )
    assert response.status_code == 201
    assert len(datagrams(wake_socket)) == 1


@SQLITE_ONLY
def test_a_rolled_back_message_sends_nothing_not_even_with_the_next_commit(app, wake_socket):
    with app.app_context():  # one session: the rollback, then a transaction without outbox messages
        with contextlib.suppress(RolledBack), unit_of_work():
            enqueue("booking_created", {"user_id": 1, "message": "hi"})
            db.session.flush()
            raise RolledBack
        with unit_of_work():
            db.session.add(User(name="Other", email="other@example.com", role="user", password_hash="x"))
    assert datagrams(wake_socket) == []
    write_message(app)
    assert datagrams(wake_socket) == [b"crm"]


@SQLITE_ONLY
def test_commits_without_outbox_messages_send_nothing(make_user, make_session, wake_socket):
    make_user()
    make_session()
    assert datagrams(wake_socket) == []


@POSTGRES_ONLY
def test_postgres_sends_no_datagram(user_client, make_session, wake_socket):
    assert user_client.post("/book", json={"session_id": make_session().id}).status_code == 201
    assert datagrams(wake_socket) == []


# -- PostgreSQL: NOTIFY, delivered by the server on commit ------------------------------------------


@POSTGRES_ONLY
def test_a_booking_notifies_listeners_on_commit(user_client, make_session, listener):
    session = make_session()
    assert user_client.post("/book", json={"session_id": session.id}).status_code == 201
    received = notifications(listener, within=1.0)
    assert {n.channel for n in received} == {CHANNEL}
    assert sorted(n.payload for n in received) == ["app", "crm", "email"]  # one per channel written, each once


@POSTGRES_ONLY
def test_notify_waits_for_commit_and_a_rollback_sends_none(app, listener):
    # Other test runs may share the server: only count notifications from this test's connection.
    rolled_back = write_message(app, commit=False)
    assert notifications(listener, pid=rolled_back) == []
    committed = write_message(app)
    received = first_notification(listener, committed)
    assert received is not None and (received.channel, received.pid) == (CHANNEL, committed)


@POSTGRES_ONLY
def test_nothing_is_notified_before_the_commit(app, listener):
    with app.app_context(), unit_of_work():
        enqueue("booking_created", {"user_id": 1, "message": "hi"})
        db.session.flush()
        pid = db.session.scalar(sa.text("SELECT pg_backend_pid()"))
        assert notifications(listener, pid=pid) == []
    assert first_notification(listener, pid) is not None


@POSTGRES_ONLY
def test_the_outbox_itself_notifies_whatever_writes_to_it_and_nothing_else_does(app, listener):
    """The trigger of migration 0012: a message written by plain SQL (an operator, a script) wakes the dispatchers
    on commit; a transaction that writes no message wakes nobody."""
    with app.app_context(), db.engine.begin() as conn:
        conn.execute(sa.insert(User.__table__), {"name": "O", "email": "o@x.in", "role": "user", "password_hash": "x"})
        quiet = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar()
    assert notifications(listener, pid=quiet) == []
    with app.app_context(), db.engine.begin() as conn:
        conn.execute(
            sa.insert(OutboxMessage.__table__),
            {
                "id": "plain-sql-1",
                "channel": "crm",
                "type": "booking_created",
                "payload": {"user_id": 1, "message": "hi"},
                "status": "pending",
                "attempts": 0,
                "next_attempt_at": utcnow(),
                "created_at": utcnow(),
            },
        )
        written = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar()
    received = first_notification(listener, written)
    assert received is not None and (received.channel, received.payload) == (CHANNEL, "crm")


@POSTGRES_ONLY
def test_postgres_waiter_returns_on_commit_and_after_the_timeout_otherwise(app):
    with app.app_context():
        waiter = make_waiter(app.config, db.engine)
    assert isinstance(waiter, PostgresWaiter)
    try:
        waiter.wait(0.01)  # connects and LISTENs
        threading.Timer(0.3, write_message, [app]).start()
        outcome, lasted = timed_wait(waiter, LONG_WAIT)
        assert outcome == WOKEN and lasted > 0.25  # by the commit, not by its timeout
        outcome, lasted = timed_wait(waiter, 0.4)
        assert outcome == TIMED_OUT and lasted > 0.35
    finally:
        waiter.close()


@POSTGRES_ONLY
def test_a_waiter_on_a_multi_host_url_listens_where_libpq_connects(app):
    """The first host is gone (nothing listens there): the listener connects to the next, and hears commits."""
    with app.app_context():
        url = db.engine.url
    hosts = [("host", f"127.0.0.1:{free_tcp_port()}"), ("host", f"{url.host}:{url.port or 5432}")]
    engine = sa.create_engine(url.set(host=None, port=None).update_query_pairs(hosts))
    waiter = make_waiter(app.config, engine)
    try:
        waiter.wait(0.01)  # connects and LISTENs
        assert waiter.conn is not None and not waiter.conn.closed
        threading.Timer(0.3, write_message, [app]).start()
        outcome, _lasted = timed_wait(waiter, LONG_WAIT)
        assert outcome == WOKEN
    finally:
        waiter.close()
        engine.dispose()


# -- the waiters ------------------------------------------------------------------------------------


@pytest.fixture
def udp_waiter():
    waiter = UdpWaiter(free_udp_port())
    yield waiter
    waiter.close()


def test_udp_waiter_returns_early_when_a_datagram_arrives(udp_waiter):
    port = udp_waiter.sock.getsockname()[1]
    timer = threading.Timer(0.2, send_udp_wakeup, [port])
    timer.start()
    outcome, lasted = timed_wait(udp_waiter, LONG_WAIT)
    assert outcome == WOKEN and lasted > 0.15  # by the datagram, not by its timeout


def test_udp_waiter_waits_out_the_timeout_without_one(udp_waiter):
    outcome, lasted = timed_wait(udp_waiter, 0.3)
    assert outcome == TIMED_OUT and lasted > 0.28


def test_udp_waiter_keeps_a_wakeup_sent_while_busy_and_drains_them_all(udp_waiter):
    port = udp_waiter.sock.getsockname()[1]
    for _ in range(3):
        send_udp_wakeup(port)
    time.sleep(0.05)
    assert udp_waiter.wait(LONG_WAIT) == WOKEN  # the kept wake-up ended it
    outcome, lasted = timed_wait(udp_waiter, 0.3)
    assert outcome == TIMED_OUT and lasted > 0.28  # all three were one wake-up


def test_send_udp_wakeup_with_nobody_listening_is_fine():
    send_udp_wakeup(free_udp_port())


def test_make_waiter_listens_on_the_wake_port():
    port = free_udp_port()
    waiter = make_waiter({"DISPATCH_WAKE_PORT": port, "DISPATCH_POLL_INTERVAL": 1.0}, sa.create_engine("sqlite://"))
    try:
        assert isinstance(waiter, UdpWaiter)
        assert waiter.sock.getsockname() == ("127.0.0.1", port)
    finally:
        waiter.close()


def test_make_waiter_falls_back_to_polling_when_the_port_is_taken():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as taken:
        taken.bind(("127.0.0.1", 0))
        config = {"DISPATCH_WAKE_PORT": taken.getsockname()[1], "DISPATCH_POLL_INTERVAL": 1.0}
        waiter = make_waiter(config, sa.create_engine("sqlite://"))
    assert isinstance(waiter, SleepWaiter)
    try:
        outcome, lasted = timed_wait(waiter, 0.2)
        assert outcome == TIMED_OUT and lasted > 0.18
        threading.Timer(0.1, waiter.wake).start()
        assert waiter.wait(LONG_WAIT) == STOPPED  # a stop request ends the wait
    finally:
        waiter.close()


def test_make_waiter_listens_on_postgresql():
    engine = sa.create_engine("postgresql+psycopg://crm:pw@db.internal:5433/main?options=-csearch_path%3Dx")
    waiter = make_waiter({"DISPATCH_WAKE_PORT": 1, "DISPATCH_POLL_INTERVAL": 1.0}, engine)
    assert isinstance(waiter, PostgresWaiter)
    assert conninfo_to_dict(waiter.conninfo) == {
        **{name: str(value) for name, value in LISTEN_KEEPALIVES.items()},
        **{"host": "db.internal", "port": "5433", "dbname": "main", "user": "crm", "password": "pw"},
        "options": "-csearch_path=x",
    }
    assert waiter.conn is None  # connects on the first wait


def test_the_listen_follows_every_host_of_a_multi_host_url():
    """libpq reads the hosts from host= and port= lists; the URL's host=a:port form is SQLAlchemy's alone."""
    url = "postgresql+psycopg://app@/main?host=db1:5432&host=db2:5433&target_session_attrs=read-write&keepalives_idle=3"
    waiter = make_waiter({"DISPATCH_WAKE_PORT": 1, "DISPATCH_POLL_INTERVAL": 1.0}, sa.create_engine(url))
    settings = conninfo_to_dict(waiter.conninfo)
    assert (settings["host"], settings["port"], settings["target_session_attrs"]) == (
        "db1,db2",
        "5432,5433",
        "read-write",
    )
    assert settings["keepalives_idle"] == "3"  # the URL's own setting wins


# -- the run loop, woken up -------------------------------------------------------------------------


@pytest.fixture
def idle_dispatcher(app):
    """Factory: a dispatcher (poll interval, listening or not) running on a thread, returned once it is idle in its
    wait; stopped and closed after the test."""
    started = []

    def start(poll: float, listen: bool, gather: float = 0.0):
        config = {**app.config, "DISPATCH_POLL_INTERVAL": poll, "DISPATCH_GATHER_SECONDS": gather}
        with app.app_context():
            dispatcher = build_dispatcher(config, listen=listen)
        assert isinstance(dispatcher.waiter, (UdpWaiter, PostgresWaiter) if listen else SleepWaiter)
        dispatcher.waiter.wait(0.01)  # a PostgresWaiter LISTENs from here on
        waiting = threading.Event()
        wait = dispatcher.waiter.wait
        dispatcher.waiter.wait = lambda timeout: (waiting.set(), wait(timeout))[1]
        thread = threading.Thread(target=_run, args=(app, dispatcher))
        thread.start()
        started.append((dispatcher, thread))
        assert waiting.wait(5)  # idle: nothing was due
        return dispatcher, thread

    yield start
    for dispatcher, thread in started:
        dispatcher.request_stop()
        thread.join(5)
        dispatcher.close()
        assert not thread.is_alive()


def _run(app, dispatcher):
    with app.app_context():
        dispatcher.run()


@pytest.mark.parametrize("listen", [True, False], ids=["woken", "polling"])
def test_run_delivers_a_message_committed_while_it_waits_without_waiting_for_the_poll(
    app, fake_crm, idle_dispatcher, listen
):
    poll = 5.0
    idle_dispatcher(poll, listen)
    time.sleep(0.2)
    committed = time.monotonic()
    write_message(app)
    deadline = committed + poll / 5
    while not fake_crm.deliveries and time.monotonic() < deadline:
        time.sleep(0.01)
    if listen:
        assert fake_crm.deliveries, f"not delivered within {poll / 5:g}s of the commit (poll {poll:g}s)"
        assert fake_crm.deliveries[0].at - committed < poll / 5
    else:  # the control: without a wake-up the message waits for the poll
        assert fake_crm.deliveries == []


@pytest.mark.parametrize("listen", [True, False], ids=["woken", "polling"])
def test_a_stop_request_ends_the_wait_at_once(fake_crm, idle_dispatcher, listen):
    poll = 30.0
    dispatcher, thread = idle_dispatcher(poll, listen)  # in a wait of up to 30 s
    dispatcher.request_stop()
    thread.join(poll / 3)
    assert not thread.is_alive(), "the stop request waited for the poll interval"
    assert dispatcher.waiter.wait(poll) == STOPPED  # and once asked to stop, it never waits again


def test_messages_committed_one_by_one_in_a_busy_moment_go_in_one_request(app, fake_crm, idle_dispatcher):
    idle_dispatcher(30.0, listen=True, gather=1.0)  # far longer than five commits take, even on a loaded machine
    for _ in range(5):
        write_message(app)  # five commits, each waking the lane
    deadline = time.monotonic() + 10
    while len(fake_crm.batch_items()) < 5 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(fake_crm.batch_items()) == 5
    assert len(fake_crm.deliveries) == 1  # one claim, one request, one commit for all five


def test_only_the_timers_lane_claims_its_next_step_without_a_gather(app):
    """An import's steps each queue the next on the timers lane: a gather there would lengthen every step."""
    config = {**app.config, "DISPATCH_GATHER_SECONDS": 0.2}
    with app.app_context():
        lanes = {channel: build_dispatcher(config, channel=channel) for channel in ("timers", "email", "crm", "app")}
    try:
        assert {channel: lane.gather for channel, lane in lanes.items()} == {
            "timers": 0.0,
            "email": 0.2,
            "crm": 0.2,
            "app": 0.2,
        }
    finally:
        for lane in lanes.values():
            lane.close()

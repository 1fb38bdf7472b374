"""Waking a dispatcher the moment an outbox message commits, so delivery does not wait for a poll.

PostgreSQL: a trigger on the outbox (migration 0012) runs pg_notify for every statement that inserts
into it, which PostgreSQL delivers only on commit, to every listening dispatcher on any machine.
SQLite (one machine): after commit the API sends one UDP datagram to the dispatcher's wake port on
127.0.0.1. Either way a lost wake-up costs at most one poll interval, because the dispatcher still
polls.

A wake-up names the channels the commit wrote to (the NOTIFY's payload, the datagram's text), so only those lanes
look for work; one naming none (an older trigger, an operator's NOTIFY) wakes every lane.
"""

import atexit
import contextlib
import logging
import os
import select
import socket
import threading

import psycopg
from flask import current_app, has_app_context
from psycopg.conninfo import make_conninfo
from sqlalchemy import event

from ..extensions import db
from ..models import OutboxMessage

log = logging.getLogger(__name__)
CHANNEL = "outbox_wakeup"
WOKEN, STOPPED, TIMED_OUT = "woken", "stopped", "timed out"  # why a wait ended
ANY = "*"  # what a wake-up naming no channel stands for: every lane looks
_WRITTEN = "outbox_written"
DATAGRAM_BYTES = 256  # the channels' names, comma-separated, fit many times over


def _after_flush(session, _flush_context) -> None:
    """Outbox messages added as objects: see outbox_written."""
    written = {obj.channel or ANY for obj in session.new if isinstance(obj, OutboxMessage)}
    if written:
        outbox_written(session, written)


def outbox_written(session, channels=(ANY,)) -> None:
    """Note that this transaction wrote outbox messages of these channels, for SQLite's datagram after the commit
    (on PostgreSQL the outbox's trigger has queued the NOTIFY with the insert: no statement of our own)."""
    session.info.setdefault(_WRITTEN, set()).update(channels)


def _after_commit(session) -> None:
    """On SQLite, nudge the local dispatcher once the messages are visible."""
    written = session.info.pop(_WRITTEN, None)
    if not written or not has_app_context():
        return
    if current_app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        send_udp_wakeup(current_app.config["DISPATCH_WAKE_PORT"], written)


def heard_channels(text: str) -> set[str]:
    """The channels a wake-up's text names ("crm,email"); ANY for one that names none."""
    return {name.strip() or ANY for name in text.split(",")} if text.strip(" !") else {ANY}


def _after_rollback(session) -> None:
    session.info.pop(_WRITTEN, None)


class _UdpSender:
    """One datagram socket per process, shared by its threads (sending on it is thread-safe): made once, not per
    commit (that cost a sixth of a commit), and closed at exit, so no socket is left for the collector to find."""

    def __init__(self):
        self._sock: socket.socket | None = None
        self._pid = 0
        self._lock = threading.Lock()

    def send(self, port: int, text: bytes) -> None:
        sock = self._sock
        if sock is None or self._pid != os.getpid():  # a forked worker makes its own
            sock = self._open()
        with contextlib.suppress(OSError):
            sock.sendto(text, ("127.0.0.1", port))

    def _open(self) -> socket.socket:
        with self._lock:
            if self._sock is None or self._pid != os.getpid():
                if self._sock is not None:
                    self._sock.close()  # the parent's, inherited across a fork
                self._sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                self._sock.setblocking(False)
                self._pid = os.getpid()
            return self._sock

    def close(self) -> None:
        with self._lock:
            if self._sock is not None:
                self._sock.close()
                self._sock = None


_sender = _UdpSender()
atexit.register(_sender.close)


def send_udp_wakeup(port: int, channels=(ANY,)) -> None:
    """Fire-and-forget datagram naming the channels written to; nobody listening is fine."""
    _sender.send(port, ",".join(sorted(channels)).encode()[:DATAGRAM_BYTES])


def init_app(app) -> None:
    """Attach the session hooks (once per process; they act only where outbox messages are written)."""
    for name, hook in (
        ("after_flush", _after_flush),
        ("after_commit", _after_commit),
        ("after_rollback", _after_rollback),
    ):
        if not event.contains(db.session, name, hook):
            event.listen(db.session, name, hook)


class _StopPipe:
    """A pipe that wake() makes readable for good, so a stop request ends the current wait and every later one.

    wake() only writes one byte, so a signal handler may call it."""

    def __init__(self):
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)
        os.set_blocking(self._write, False)
        self.stopped = False
        self.heard: set[str] = set()  # the channels the last wait's wake-ups named (ANY: every one)

    def wake(self) -> None:
        with contextlib.suppress(OSError):  # full or closed: a wake-up is already pending, or nobody waits
            os.write(self._write, b"!")

    def _select(self, fds: list, timeout: float) -> list:
        """The fds readable within timeout; none once woken."""
        self.heard = set()
        readable, _, _ = select.select([self._read, *fds], [], [], timeout)
        self.stopped = self._read in readable
        return [] if self.stopped else readable

    def _outcome(self, signalled: bool) -> str:
        """Why the wait ended, for callers and tests that must not judge it by the clock."""
        return WOKEN if signalled else STOPPED if self.stopped else TIMED_OUT

    def close(self) -> None:
        """Close the pipe once (a second close must not hit a number the process has since reused)."""
        fds, self._read, self._write = (self._read, self._write), -1, -1
        for fd in fds:
            if fd >= 0:
                os.close(fd)


class SleepWaiter(_StopPipe):
    """No wake-up channel: just wait out the poll interval (or until woken to stop)."""

    def wait(self, timeout: float) -> str:
        self._select([], timeout)
        return self._outcome(False)


class UdpWaiter(_StopPipe):
    """Waits for the API's datagrams on 127.0.0.1:port."""

    def __init__(self, port: int):
        super().__init__()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            self.sock.bind(("127.0.0.1", port))
        except OSError:
            self.close()
            raise
        self.sock.setblocking(False)

    def wait(self, timeout: float) -> str:
        readable = self._select([self.sock], timeout)
        while readable:
            try:
                # Drain: one wake-up covers every message committed so far.
                self.heard |= heard_channels(self.sock.recv(DATAGRAM_BYTES).decode("ascii", "replace"))
            except BlockingIOError:
                break
        return self._outcome(bool(readable))

    def close(self) -> None:
        self.sock.close()
        super().close()


class PostgresWaiter(_StopPipe):
    """LISTENs on its own autocommit connection; reconnects after a failure."""

    def __init__(self, conninfo: str):
        super().__init__()
        self.conninfo = conninfo
        self.conn = None
        try:
            self._connect()  # listen from the start, so no commit slips between the first claim and LISTEN
        except psycopg.Error as exc:
            log.warning("wake-up listener unavailable (%s); polling until it connects", type(exc).__name__)

    def _connect(self):
        self.conn = psycopg.connect(self.conninfo, autocommit=True)
        self.conn.execute(f"LISTEN {CHANNEL}")

    def _drain(self) -> bool:
        """Consume every notification already received, noting the channels they name; True if there was one."""
        named = [heard_channels(notice.payload) for notice in self.conn.notifies(timeout=0)]
        self.heard = self.heard.union(*named)
        return bool(named)

    def wait(self, timeout: float) -> str:
        try:
            if self.conn is None or self.conn.closed:
                self._connect()
            # libpq may hold a notification read with an earlier answer, which select() would not see.
            self.heard = set()
            if self._drain():
                return WOKEN
            readable = self._select([self.conn.fileno()], timeout)
            return self._outcome(bool(readable) and self._drain())
        except psycopg.Error as exc:
            log.warning("wake-up listener lost (%s); polling until it reconnects", type(exc).__name__)
            self._close_connection()
            self._select([], timeout)
            return self._outcome(False)

    def _close_connection(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def close(self) -> None:
        self._close_connection()
        super().close()


# TCP keepalives for the LISTEN connection, unless the URL sets its own: an idle LISTEN on a primary that vanished
# without closing its connections (a machine lost, a network cut) would otherwise wait the system's default of hours
# before it failed and reconnected to the promoted node.
LISTEN_KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3}


def listen_conninfo(engine) -> str:
    """The libpq conninfo of the engine's own connections: every host of a multi-host URL with its port, and its
    target_session_attrs, as the dialect passes them to the driver, so the LISTEN follows the primary the pool finds
    (the URL's text names the hosts in a form libpq does not read)."""
    _args, params = engine.dialect.create_connect_args(engine.url)
    settings = {name: value for name, value in params.items() if isinstance(value, str | int)}
    return make_conninfo(**{**LISTEN_KEEPALIVES, **settings})


def make_waiter(config, engine):
    """The best wake-up channel for this database, falling back to plain polling."""
    if engine.dialect.name == "postgresql":
        return PostgresWaiter(listen_conninfo(engine))
    try:
        return UdpWaiter(config["DISPATCH_WAKE_PORT"])
    except OSError as exc:
        # Another dispatcher holds the port: this one polls, and SKIP LOCKED keeps them apart.
        log.info(
            "wake port %s unavailable (%s); polling every %ss",
            config["DISPATCH_WAKE_PORT"],
            exc,
            config["DISPATCH_POLL_INTERVAL"],
        )
        return SleepWaiter()

"""The database as both services use it: engine settings, SQLite's write turn, and the unit of work that is the
only place a service commits."""

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial, wraps

import orjson
import sqlalchemy as sa
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from flask_sqlalchemy.model import Model
from flask_sqlalchemy.session import Session
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_random_exponential

from .errors import APIError, service_log

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
IN_UNIT_OF_WORK = "in_unit_of_work"  # a key of Session.info while a unit of work is open on that session
COMMITTING = "unit_of_work_commits"  # ... and while that unit makes its one commit (no other commit is right)
READS_ONLY = "reads_only"  # a key of Session.info in a view that only reads (ReadOnly)
# A key of Session.info: run in each unit's own transaction just before its commit (UnitOfWork.before_commits).
BEFORE_COMMIT = "unit_of_work_before_commit"

_write_turns: dict[sa.URL, threading.RLock] = {}  # one per SQLite file
_turns_held = threading.local()


class ReadAwareSession(Session):
    """Flask-SQLAlchemy's session, reading in autocommit in a view marked ReadOnly (PostgreSQL: see ReadOnly)."""

    def get_bind(self, *args, **kwargs):
        engine = super().get_bind(*args, **kwargs)
        if not self.info.get(READS_ONLY) or not isinstance(engine, sa.Engine) or engine.dialect.name == "sqlite":
            return engine
        # An engine sharing the pool whose connections run in autocommit (back to the default when returned).
        autocommit = engine.__dict__.get("_reads_only_engine")
        if autocommit is None:
            autocommit = engine.__dict__["_reads_only_engine"] = engine.execution_options(isolation_level="AUTOCOMMIT")
        return autocommit


class NeverReusedIds(Model):
    """db.Model of both services: every table is AUTOINCREMENT on SQLite, so a deleted row's id never comes back.

    Ids are named after their row is gone (a ledger's hold names its place in line, an offer's link, an outbox
    payload): without it SQLite gives the highest id again once that row is deleted. PostgreSQL's sequences never
    go back. SQLite ignores the option for a table whose key is not one integer column."""

    @classmethod
    def __table_cls__(cls, name: str, metadata: sa.MetaData, *args, **kwargs) -> sa.Table:
        return sa.Table(name, metadata, *args, **{"sqlite_autoincrement": True, **kwargs})


def make_db() -> SQLAlchemy:
    """A Flask-SQLAlchemy extension (not yet bound to an app) whose constraints follow NAMING_CONVENTION, with
    NeverReusedIds models and ReadAwareSession sessions."""
    return SQLAlchemy(
        metadata=sa.MetaData(naming_convention=NAMING_CONVENTION),
        model_class=NeverReusedIds,
        session_options={"class_": ReadAwareSession},
    )


class ReadOnly:
    """Decorator for views that only read: on PostgreSQL their queries run in autocommit, each in its own snapshot,
    without the BEGIN and ROLLBACK that enclose them otherwise (two of a read's five round trips to the server, with
    the pool's ping and two queries). A unit of work in such a view is refused (RuntimeError): it would not be one.
    SQLite reads outside a transaction already (the driver begins one only before a write)."""

    def __init__(self, db: SQLAlchemy):
        self.db = db

    def __call__(self, view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args, **kwargs):
            info = self.db.session().info
            info[READS_ONLY] = True
            try:
                return view(*args, **kwargs)
            finally:
                # The session outlives the view where an app context spans requests (tests): later ones may write.
                info.pop(READS_ONLY, None)

        return wrapper


def database_url(url: str) -> str:
    """Spell out the installed psycopg 3 driver for plain postgresql:// and postgres:// URLs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL lets readers run beside the writer; busy_timeout makes writers queue instead of failing."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def json_text(value) -> str:
    """A JSON column's value as stored: written by orjson (json.dumps of a booking's outbox rows was 3 % of the API's
    CPU in a sale), or by json where orjson refuses (an integer beyond 64 bits), so nothing json took is refused."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:
        return json.dumps(value)


def init_app(app: Flask, db: SQLAlchemy) -> None:
    """Bind db to app with engine settings for its dialect."""
    # hide_parameters: SQL errors may be logged, and their parameters hold emails and names.
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        options = app.config.setdefault(
            "SQLALCHEMY_ENGINE_OPTIONS", {"connect_args": {"timeout": 30}, "hide_parameters": True}
        )
    else:
        options = app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"hide_parameters": True})
    options.setdefault("json_serializer", json_text)
    db.init_app(app)
    app.teardown_appcontext(partial(_remove_session, db))  # runs before Flask-SQLAlchemy's own (registered first)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            sa.event.listen(db.engine, "connect", _sqlite_pragmas)
        elif not options.get("pool_pre_ping"):
            sa.event.listen(db.engine, "checkin", _note_idle)
            sa.event.listen(db.engine, "checkout", partial(_ping_if_idle, db.engine.dialect))


def _remove_session(db: SQLAlchemy, _exc) -> None:
    """End the request's session; a connection that died after the answer was made (a failover between the commit
    and the teardown's ROLLBACK) leaves the answer standing, not a 500: what the request did was committed or not
    before the answer, and the pool has dropped the dead connection."""
    try:
        db.session.remove()
    except SQLAlchemyError as exc:
        service_log("database").warning("ending a session on a lost connection failed: %s", type(exc).__name__)
        db.session.registry.clear()


# A pooled connection idle longer than this is pinged before it is handed out; one handed back a moment ago is not.
# Pinging every checkout (pool_pre_ping) cost each request a round trip: a tenth of a booking's time in a rush.
IDLE_PING_SECONDS = 5.0
IDLE_SINCE = "idle_since"  # a pooled connection's record.info: when it was last handed back (time.monotonic())


def _note_idle(_dbapi_connection, record) -> None:
    record.info[IDLE_SINCE] = time.monotonic()


def _ping_if_idle(dialect: sa.Dialect, dbapi_connection, record, _proxy) -> None:
    """Ping a connection idle for a while (the server may have closed it meanwhile, or restarted); one that does
    not answer is thrown away and the pool hands out another (SQLAlchemy's DisconnectionError contract)."""
    idle_since = record.info.get(IDLE_SINCE)
    if idle_since is None or time.monotonic() - idle_since < IDLE_PING_SECONDS:
        return
    try:
        alive = dialect.do_ping(dbapi_connection)
    except Exception as exc:  # whatever the driver raises for a dead connection
        raise sa.exc.DisconnectionError("a pooled connection did not answer its ping") from exc
    if not alive:
        raise sa.exc.DisconnectionError("a pooled connection did not answer its ping")


@contextmanager
def write_turn(engine: sa.Engine) -> Iterator[None]:
    """On SQLite, let one thread of this process write at a time; on other databases, do nothing.

    SQLite has one writer per file. A thread that finds it busy polls with growing sleeps (1, 2, 5 ... 100 ms)
    and wakes long after it is free; threads queued on a lock are woken the moment it is released, and only
    one of them at a time contends with the other processes.
    """
    if engine.dialect.name != "sqlite":
        yield
        return
    turn = _write_turns.get(engine.url)  # the URL object, not its text: rendering it took longer than the lock
    if turn is None:
        turn = _write_turns.setdefault(engine.url, threading.RLock())
    with turn:
        _turns_held.depth = getattr(_turns_held, "depth", 0) + 1
        try:
            yield
        finally:
            _turns_held.depth -= 1


def holds_write_turn() -> bool:
    """True while this thread is inside write_turn() on an SQLite database."""
    return getattr(_turns_held, "depth", 0) > 0


class UnitOfWork:
    """The one way a service writes: `with unit_of_work():` takes the write turn, commits once at the end, rolls
    back on any error, and can turn an integrity error (a unique index deciding a race) into a domain error.

    A unit of work opened inside another joins it: only the outermost commits.
    """

    def __init__(self, db: SQLAlchemy):
        self.db = db

    @contextmanager
    def __call__(
        self, *, on_integrity_error: Callable[[IntegrityError], APIError] | None = None, keep_loaded: bool = False
    ) -> Iterator[None]:
        """keep_loaded: objects stay loaded after the commit (the answer is built from rows this unit just wrote)."""
        session = self.db.session()
        if session.info.get(READS_ONLY):
            raise RuntimeError("a unit of work in a view marked read-only (service_kit.database.ReadOnly)")
        if session.info.get(IN_UNIT_OF_WORK):
            with _mapped_integrity_errors(on_integrity_error):
                yield
            return
        with write_turn(self.db.engine):
            session.info[IN_UNIT_OF_WORK] = True
            try:
                with _mapped_integrity_errors(on_integrity_error):
                    try:
                        yield
                        if (before_commit := session.info.get(BEFORE_COMMIT)) is not None:
                            before_commit()
                        session.expire_on_commit = not keep_loaded
                        session.info[COMMITTING] = True
                        session.commit()
                    except BaseException:
                        session.rollback()
                        raise
            finally:
                session.expire_on_commit = True
                session.info.pop(COMMITTING, None)
                session.info.pop(IN_UNIT_OF_WORK, None)

    @contextmanager
    def before_commits(self, hook: Callable[[], None]) -> Iterator[None]:
        """Inside, hook() runs in each unit's transaction just before it commits (a keyed write takes its key with its
        first commit); its error rolls that unit back like any other. Commits are made as they would be without it."""
        info = self.db.session().info
        info[BEFORE_COMMIT] = hook
        try:
            yield
        finally:
            info.pop(BEFORE_COMMIT, None)


# PostgreSQL's deadlock_detected and serialization_failure: the server failed one transaction so the others go on.
RETRIED_SQLSTATES = ("40P01", "40001")


def broke_a_deadlock(exc: BaseException) -> bool:
    """True for the error the database gives the transaction it chose to fail to end a deadlock."""
    return isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) in RETRIED_SQLSTATES


def retry_on_deadlock(operation: Callable) -> Callable:
    """Run a whole operation (its units of work rolled back) again when the database failed it to end a deadlock,
    a few times with jittered pauses, so the person sees the answer and never a 500 for it."""
    return retry(
        retry=retry_if_exception(broke_a_deadlock),
        stop=stop_after_attempt(5),
        wait=wait_random_exponential(multiplier=0.02, max=0.5),
        reraise=True,
    )(operation)


@contextmanager
def _mapped_integrity_errors(on_integrity_error) -> Iterator[None]:
    """Raise on_integrity_error(exc) instead of an IntegrityError, when given."""
    try:
        yield
    except IntegrityError as exc:
        if on_integrity_error is None:
            raise
        raise on_integrity_error(exc) from None

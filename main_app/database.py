"""Engine settings that make SQLite safe for several processes writing at once."""

import threading
from contextlib import contextmanager

from sqlalchemy import event

from .extensions import db

_WRITE_TURNS: dict[str, threading.RLock] = {}  # one per SQLite file


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL lets readers run beside the writer; busy_timeout makes writers queue instead of failing."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def init_app(app) -> None:
    """Bind Flask-SQLAlchemy and tune the engine for its dialect."""
    # hide_parameters: SQL errors may be logged, and their parameters hold emails and names.
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"connect_args": {"timeout": 30}, "hide_parameters": True})
    else:
        app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True, "hide_parameters": True})
    db.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", _sqlite_pragmas)


@contextmanager
def write_turn():
    """On SQLite, let one thread of this process write at a time; on other databases, do nothing.

    SQLite has one writer per file. A thread that finds it busy polls with growing sleeps (1, 2, 5 ... 100 ms)
    and wakes long after it is free; threads queued on a lock are woken the moment it is released, and only
    one of them at a time contends with the other processes.
    """
    engine = db.engine
    if engine.dialect.name != "sqlite":
        yield
        return
    with _WRITE_TURNS.setdefault(str(engine.url), threading.RLock()):
        yield

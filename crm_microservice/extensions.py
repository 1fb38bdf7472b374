"""Flask extensions, created without an app and bound in create_app."""

import threading
from contextlib import contextmanager

import sqlalchemy as sa
from flask import Flask
from flask_jwt_extended import JWTManager
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy

# Fixed constraint names, so migrations name things the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=sa.MetaData(naming_convention=NAMING_CONVENTION))
migrate = Migrate()
# Verifies the main API's access tokens (shared JWT_SECRET_KEY); the CRM never issues any.
jwt = JWTManager()
# Per client address; the /notify limit comes from RATELIMIT_NOTIFY, storage from RATELIMIT_STORAGE_URI
# (memory:// per process by default; redis://… shares the counts between workers and machines).
limiter = Limiter(key_func=get_remote_address)
_WRITE_TURNS: dict[str, threading.RLock] = {}  # one per SQLite file


def init_limiter(app: Flask) -> None:
    """Bind the limiter to app, with app's RATELIMIT_KEY_PREFIX and a storage not yet found unreachable."""
    # One limiter serves every app a process creates (the tests make many). Flask-Limiter 4 gives it the
    # latest app's storage and limits, but would keep the first key prefix and a "storage dead" flag for good.
    limiter._key_prefix = app.config.get("RATELIMIT_KEY_PREFIX", "")
    limiter._storage_dead = False
    limiter.init_app(app)


def tune_sqlite(app: Flask) -> None:
    """Give every SQLite connection WAL, a busy timeout and foreign keys."""
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)


def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    """WAL lets readers run beside the writer; the timeout makes writers queue instead of failing."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


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

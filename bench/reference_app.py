"""The yardstick of the booking target: a bare endpoint that counts, inserts and commits, and nothing else.

    gunicorn "reference_app:create_app()" with REFERENCE_DATABASE_URL set (bench/ on the path), after create_schema
POST /book {"session_id": N} counts the rows of that session, inserts one and commits (201); GET /health
answers like the services' do. Flask and SQLAlchemy Core on the same database engine settings as the main
API, without the ORM, schemas, tokens, outbox or anything else a real booking does.
"""

import os

import sqlalchemy as sa
from flask import Flask, jsonify, request

METADATA = sa.MetaData()
ROWS = sa.Table(
    "reference_bookings",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("session_id", sa.Integer, nullable=False, index=True),
    sa.Column("seat", sa.Integer, nullable=False),
)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "busy_timeout=30000", "synchronous=NORMAL"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def make_engine(url: str) -> sa.Engine:
    """An engine set up as the main API sets up its own (WAL and a busy timeout on SQLite)."""
    engine = sa.create_engine(url, connect_args={"timeout": 30} if url.startswith("sqlite") else {})
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def create_schema(url: str) -> None:
    """Create the app's table (once, before its workers start)."""
    engine = make_engine(url)
    METADATA.create_all(engine)
    engine.dispose()


def create_app() -> Flask:
    """The bare app on REFERENCE_DATABASE_URL, whose table create_schema made."""
    app = Flask(__name__)
    engine = make_engine(os.environ["REFERENCE_DATABASE_URL"])
    count = sa.select(sa.func.count()).select_from(ROWS).where(ROWS.c.session_id == sa.bindparam("session_id"))

    @app.post("/book")
    def book():
        session_id = int(request.get_json()["session_id"])
        with engine.begin() as conn:
            seat = conn.execute(count, {"session_id": session_id}).scalar_one() + 1
            conn.execute(ROWS.insert(), {"session_id": session_id, "seat": seat})
        return jsonify(session_id=session_id, seat=seat), 201

    @app.get("/health")
    def health():
        return jsonify(status="ok", service="reference")

    return app

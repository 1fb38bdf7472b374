"""The Alembic migrations build exactly the schema the models describe, on every backend."""

import importlib.util
import shutil
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from db_templates import migrate_schema
from plugins.main_api import TEST_SETTINGS, closed_port

from main_app import create_app
from main_app.database import unit_of_work
from main_app.extensions import db

pytestmark = pytest.mark.both_databases

TABLES = {"users", "events", "sessions", "bookings", "outbox_messages", "delivery_attempts"}


@pytest.fixture(scope="module")
def migrated_here(tmp_path_factory, db_templates):
    """Factory: backend -> a database (SQLite file or PostgreSQL name) that the migrations brought from empty to the
    head revision in this module, made on first use. Each test takes a copy: migrating from empty costs seconds of
    CPU, a copy little, and every test still starts where this module's own run of the migrations left off."""
    folder = tmp_path_factory.mktemp("migrated-here")
    made = {}

    def get(backend: str) -> str:
        if backend not in made:
            if backend == "sqlite":
                made[backend], url = str(folder / "head.sqlite"), f"sqlite:///{folder / 'head.sqlite'}"
            else:
                made[backend], url = db_templates.postgres.create()
            migrated = _app_on(url, folder)
            migrate_schema(migrated)
            _close(migrated)  # a PostgreSQL template is copied without sessions; SQLite's WAL goes into the file
            assert not Path(f"{folder / 'head.sqlite'}-wal").exists()
        return made[backend]

    yield get
    if "postgresql" in made:
        db_templates.postgres.drop_later(made["postgresql"])


def _app_on(url: str, folder: Path):
    """The main API with the test settings on the database at url, sending nothing anywhere."""
    nowhere = {name: f"http://127.0.0.1:{closed_port()}" for name in ("CRM_BASE_URL", "STRIPE_API_BASE")}
    return create_app({**TEST_SETTINGS, **nowhere, "MAIL_FOLDER": str(folder / "mail"), "SQLALCHEMY_DATABASE_URI": url})


def _close(app) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app(db_backend, migrated_here, db_templates, tmp_path):
    """The main API on a copy of a database the migrations brought from empty to the head revision here (the other
    tests get a copy of the run's template, which the same migrations made)."""
    head = migrated_here(db_backend)
    if db_backend == "sqlite":
        shutil.copyfile(head, tmp_path / "db.sqlite")
        database, url = None, f"sqlite:///{tmp_path / 'db.sqlite'}"
    else:
        database, url = db_templates.postgres.create(template=head)
    app = _app_on(url, tmp_path)
    yield app
    _close(app)
    if database:
        db_templates.postgres.drop_later(database)


def _schema_diff(app) -> list:
    with app.app_context(), db.engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), db.metadata)


def _tables(app) -> set[str]:
    with app.app_context():
        return set(sa.inspect(db.engine).get_table_names())


def test_migrations_match_the_models(app):
    assert _schema_diff(app) == []
    assert _tables(app) >= TABLES


def test_partial_unique_index_and_check_constraints_come_from_the_migration(app):
    with app.app_context():
        inspector = sa.inspect(db.engine)
        indexes = {ix["name"]: ix for ix in inspector.get_indexes("bookings")}
        checks = {ck["name"] for ck in inspector.get_check_constraints("sessions")}
    assert indexes["uq_bookings_one_seat_per_user"]["unique"]
    assert {"ck_sessions_capacity_positive", "ck_sessions_seats_within_capacity", "ck_sessions_status"} <= checks


def test_downgrade_to_base_and_upgrade_again(app, run_migrations):
    run_migrations(app, flask_migrate.downgrade, None, "base")
    assert _tables(app) & TABLES == set()
    run_migrations(app, flask_migrate.upgrade)
    assert _schema_diff(app) == []


def _add_user(app, role: str, n: int = 1) -> None:
    with app.app_context(), unit_of_work():
        db.session.execute(
            sa.text("INSERT INTO users (name, email, role, password_hash, created_at) VALUES (:n, :e, :r, 'x', :t)"),
            {"n": f"U{n}", "e": f"u{n}-{role}@example.com", "r": role, "t": "2030-01-01 00:00:00"},
        )


def _roles(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.text("SELECT role FROM users ORDER BY id")))


def test_the_role_check_allows_admin_and_nothing_else(app):
    for n, role in enumerate(["user", "facilitator", "admin"]):
        _add_user(app, role, n)
    assert _roles(app) == ["user", "facilitator", "admin"]
    with pytest.raises(sa.exc.IntegrityError):
        _add_user(app, "superuser", 9)


def test_downgrade_to_0001_drops_the_delivery_log_and_the_admin_role(app, run_migrations):
    _add_user(app, "user", 1)
    _add_user(app, "admin", 2)
    run_migrations(app, flask_migrate.downgrade, None, "0001")
    assert "delivery_attempts" not in _tables(app)
    with app.app_context():
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("outbox_messages")}
    assert "failure_kind" not in columns and "status" in columns
    assert _roles(app) == ["user"]  # admins have no meaning before 0002
    with pytest.raises(sa.exc.IntegrityError):
        _add_user(app, "admin", 3)
    run_migrations(app, flask_migrate.upgrade)
    assert _schema_diff(app) == []
    _add_user(app, "admin", 4)
    assert _roles(app) == ["user", "admin"]


def _run_sql(app, *statements: str) -> None:
    with app.app_context(), unit_of_work():
        for statement in statements:
            db.session.execute(sa.text(statement), {"t": "2030-01-01 00:00:00"})


def test_0040_gives_passes_the_zone_of_the_first_event_they_cover(app, run_migrations):
    run_migrations(app, flask_migrate.downgrade, None, "0036")
    _add_user(app, "facilitator", 1)
    _add_user(app, "facilitator", 2)
    event = "INSERT INTO events (title, description, kind, location, timezone, facilitator_id, status, starts_at,"
    event += " ends_at, created_at) VALUES ('E', '', 'session', '', '{zone}', {owner}, 'scheduled', :t, :t, :t)"
    product = "INSERT INTO pass_products (facilitator_id, name, kind, period, price, currency, created_at)"
    product += " VALUES ({owner}, 'M', 'membership', 'month', 0, 'INR', :t)"
    _run_sql(
        app,
        event.format(zone="Asia/Kolkata", owner=1),
        event.format(zone="Europe/Lisbon", owner=1),
        product.format(owner=1),  # 1: every event of its facilitator
        product.format(owner=1),  # 2: the Lisbon class only
        product.format(owner=2),  # 3: a facilitator without events
        "INSERT INTO pass_product_events (product_id, event_id) VALUES (2, 2)",
        "INSERT INTO passes (product_id, user_id, facilitator_id, name, kind, status, price, currency, created_at)"
        " VALUES (2, 2, 1, 'M', 'membership', 'active', 0, 'INR', :t)",
    )
    run_migrations(app, flask_migrate.upgrade)
    with app.app_context():
        products = list(db.session.scalars(sa.text("SELECT timezone FROM pass_products ORDER BY id")))
        passes = list(db.session.scalars(sa.text("SELECT timezone FROM passes")))
    assert products == ["Asia/Kolkata", "Europe/Lisbon", "UTC"]
    assert passes == ["Europe/Lisbon"]


def _sql(app, statement: str) -> None:
    with app.app_context(), unit_of_work():
        db.session.execute(sa.text(statement))


def _rows(app, query: str) -> list[tuple]:
    with app.app_context():
        return [tuple(row) for row in db.session.execute(sa.text(query))]


def test_0037_makes_ids_never_reused_on_sqlite_keeping_rows_and_what_names_them(app, run_migrations):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("PostgreSQL's sequences never go back: 0037 changes nothing there")
    run_migrations(app, flask_migrate.downgrade, None, "0036")
    _add_user(app, "user", 1)
    _add_user(app, "user", 2)
    _sql(app, "DELETE FROM users WHERE id = 2")  # SQLite would give id 2 again
    _sql(app, "INSERT INTO revoked_tokens VALUES ('j1', 1, '2030-01-01 00:00:00', '2030-01-01 00:00:00')")
    # A booking and a place in line gone, still named by the outbox (a hold's payload, the booking's message).
    _sql(
        app,
        "INSERT INTO outbox_messages (id, channel, booking_id, type, payload, status, attempts, next_attempt_at,"
        " created_at) VALUES ('m1', 'payments', 41, 'offer_expiry', '{\"offer_entry_id\": 57}', 'pending', 0,"
        " '2030-01-01 00:00:00', '2030-01-01 00:00:00')",
    )
    run_migrations(app, flask_migrate.upgrade)
    assert _schema_diff(app) == []
    # Foreign keys were off while users was rebuilt: its ON DELETE CASCADE took no revoked token with it.
    assert _rows(app, "SELECT jti, user_id FROM revoked_tokens") == [("j1", 1)]
    counters = dict(_rows(app, "SELECT name, seq FROM sqlite_sequence"))
    assert (counters["users"], counters["bookings"], counters["waitlist_entries"]) == (1, 41, 57)
    assert _rows(app, "PRAGMA foreign_keys") == [(1,)]
    _add_user(app, "user", 3)  # id 2: nothing left remembered the one deleted before
    _sql(app, "DELETE FROM users WHERE id = 2")
    _add_user(app, "user", 4)
    assert _rows(app, "SELECT id FROM users ORDER BY id") == [(1,), (3,)]


def test_0041_moves_timed_jobs_of_every_status_to_the_timers_channel_and_back(app, run_migrations):
    run_migrations(app, flask_migrate.downgrade, None, "0040")
    row = (
        "INSERT INTO outbox_messages (id, channel, type, payload, status, attempts, next_attempt_at, created_at)"
        " VALUES ('{id}', '{channel}', '{type}', '{{}}', '{status}', 0, :t, :t)"
    )
    rows = {
        "hold": ("payments", "hold_expiry", "pending"),
        "offer": ("payments", "offer_expiry", "dead"),
        "close": ("payments", "session_close", "delivered"),
        "grace": ("payments", "instalment_grace", "pending"),
        "lapse": ("payments", "pass_lapse", "pending"),
        "refund": ("payments", "refund", "pending"),
        "renewal": ("payments", "pass_renewal", "pending"),
        "mail": ("email", "hold_expiry", "pending"),  # another channel's type of that name is not a timer
    }
    _run_sql(app, *(row.format(id=key, channel=c, type=t, status=s) for key, (c, t, s) in rows.items()))
    channels = "SELECT id, channel FROM outbox_messages ORDER BY id"
    run_migrations(app, flask_migrate.upgrade)
    assert _schema_diff(app) == []
    moved = {"hold", "offer", "close", "grace", "lapse"}
    assert dict(_rows(app, channels)) == {key: "timers" if key in moved else rows[key][0] for key in rows}
    run_migrations(app, flask_migrate.downgrade, None, "0040")
    assert dict(_rows(app, channels)) == {key: channel for key, (channel, _type, _status) in rows.items()}


@pytest.mark.parametrize("migration_file", ["0059_session_tallies.py", "0060_client_days.py"])
def test_the_report_triggers_survive_every_migration(app, migration_file):
    """A later migration that rebuilds a table on SQLite (batch_alter_table) drops its triggers: they must be made
    again there, or the tallies and client days would go stale unseen."""
    path = Path(__file__).parents[2] / "main_app/migrations/versions" / migration_file
    spec = importlib.util.spec_from_file_location(path.stem, path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            names = set(db.session.scalars(sa.text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
        else:
            names = set(db.session.scalars(sa.text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")))
    assert {name for _table, name, _events, _noted in migration.TRIGGERS} <= names


def test_0069_writes_the_names_in_nfc_and_adds_other_name(app, run_migrations):
    """A name typed with a nukta apart from its letter's single code point (ज़ as U+095B) is written in NFC, so the
    desk finds it however it is typed; one in NFC already is left."""
    run_migrations(app, flask_migrate.downgrade, None, "0068")
    with app.app_context(), unit_of_work():
        insert = "INSERT INTO users (name, email, role, password_hash, created_at) VALUES (:n, :e, 'user', 'x', :t)"
        for n, name in enumerate(("\u095b\u094b\u092f\u093e", "Priya")):
            db.session.execute(sa.text(insert), {"n": name, "e": f"u{n}@example.com", "t": "2030-01-01 00:00:00"})
    run_migrations(app, flask_migrate.upgrade)
    assert _rows(app, "SELECT name, other_name FROM users ORDER BY id") == [
        ("\u091c\u093c\u094b\u092f\u093e", None),
        ("Priya", None),
    ]

"""The Alembic migrations build exactly the schema the models describe, on every backend."""
import flask_migrate
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from main_app.extensions import db

TABLES = {"users", "events", "sessions", "bookings", "outbox_messages"}


def _schema_diff(app) -> list:
    with app.app_context(), db.engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), db.metadata)


def _tables(app) -> set[str]:
    with app.app_context():
        return set(sa.inspect(db.engine).get_table_names())


def test_migrations_match_the_models(app):
    assert _schema_diff(app) == []
    assert TABLES <= _tables(app)


def test_partial_unique_index_and_check_constraints_come_from_the_migration(app):
    with app.app_context():
        inspector = sa.inspect(db.engine)
        indexes = {ix["name"]: ix for ix in inspector.get_indexes("bookings")}
        checks = {ck["name"] for ck in inspector.get_check_constraints("sessions")}
    assert indexes["uq_bookings_one_active_per_user"]["unique"]
    assert {"ck_sessions_capacity_positive", "ck_sessions_seats_within_capacity", "ck_sessions_status"} <= checks


def test_downgrade_to_base_and_upgrade_again(app, run_migrations):
    run_migrations(app, flask_migrate.downgrade, None, "base")
    assert _tables(app) & TABLES == set()
    run_migrations(app, flask_migrate.upgrade)
    assert _schema_diff(app) == []

"""Migration 0042 on a database with the demo data: each facilitator becomes the owner of a studio named after them,
with a unique slug, their first event's zone and first session's currency; nothing else changes."""

import flask_migrate
import sqlalchemy as sa

from main_app.database import unit_of_work
from main_app.extensions import db

KEPT = ("users", "events", "sessions", "pass_products", "bookings", "passes", "payments", "outbox_messages")


def _rows(app, sql: str) -> list:
    with app.app_context():
        return [tuple(row) for row in db.session.execute(sa.text(sql)).all()]


def _counts(app) -> dict:
    return {table: _rows(app, f"SELECT count(*) FROM {table}")[0][0] for table in KEPT}


def test_each_facilitator_owns_a_studio_after_0042(db_backend, make_database_url, make_app, run_migrations):
    app = make_app(SQLALCHEMY_DATABASE_URI=make_database_url(db_backend, "demo", template="main-demo"))
    run_migrations(app, flask_migrate.downgrade, None, "0041")
    with app.app_context(), unit_of_work():  # two facilitators of one name, and a name with no ASCII letter
        for n, name in enumerate(("Asha Rao", "Asha Rao", "ॐ")):
            db.session.execute(
                sa.text(
                    "INSERT INTO users (name, email, role, password_hash, created_at, calendar_version,"
                    " token_generation, reminders_enabled, sms_enabled)"
                    " VALUES (:name, :email, 'facilitator', 'x', :at, 0, 0, true, false)"
                ),
                {"name": name, "email": f"f{n}@example.com", "at": "2030-01-01 00:00:00"},
            )
    before = _counts(app)
    run_migrations(app, flask_migrate.upgrade)
    facilitators = _rows(app, "SELECT id, name FROM users WHERE role = 'facilitator' ORDER BY id")
    owned = _rows(
        app,
        "SELECT m.user_id, s.name, s.slug, s.timezone, s.currency, m.role FROM studio_members m"
        " JOIN studios s ON s.id = m.studio_id ORDER BY m.user_id",
    )
    assert [(user_id, name) for user_id, name, *_ in owned] == facilitators
    assert {role for *_, role in owned} == {"owner"}
    slugs = [slug for _, _, slug, *_ in owned]
    assert len(set(slugs)) == len(slugs) >= 6
    assert {"asha-rao", "asha-rao-2", "studio"} <= set(slugs)
    demo = [row for row in owned if row[2] not in ("asha-rao", "asha-rao-2", "studio")]
    assert all(zone != "UTC" and currency == "INR" for *_, zone, currency, _role in demo)  # from their events
    assert _rows(app, "SELECT count(*) FROM studios")[0][0] == len(facilitators)
    assert _counts(app) == before

"""Migration 0042 on a database with the demo data: each facilitator becomes the owner of a studio named after them,
with a unique slug, their first event's zone and first session's currency; nothing else changes."""

import flask_migrate
import pytest
import sqlalchemy as sa

from main_app.database import unit_of_work
from main_app.extensions import db

pytestmark = pytest.mark.both_databases

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


OWNED = {
    "events": "SELECT id, facilitator_id, studio_id, title FROM events",
    "sessions": "SELECT id, event_id, instructor_id, seats_taken, capacity FROM sessions",
    "pass_products": "SELECT id, facilitator_id, studio_id, price FROM pass_products",
    "passes": "SELECT id, user_id, studio_id, credits_left, status FROM passes",
    "discount_codes": "SELECT id, studio_id, code, uses FROM discount_codes",
    "bookings": "SELECT id, session_id, user_id, status, seats, pass_id FROM bookings",
    "payments": "SELECT id, booking_id, pass_id, amount, status FROM payments",
    "pass_ledger": "SELECT id, pass_id, kind, credits FROM pass_ledger",
}


def _checkout(client, payment_holder: dict) -> None:
    reference = payment_holder["checkout_url"].rsplit("/", 1)[1]
    assert client.post(f"/payments/test/checkout/{reference}", data={"action": "pay"}).status_code == 303


def _a_day_of_business(client, facilitator, facilitator_client, user_client, make_session) -> None:
    """A free and a paid class booked (the paid one paid), a pack bought and spent, a discount code used."""
    free, paid, with_pack = (make_session(title=t, price=p) for t, p in (("Free", 0), ("Paid", 90_000), ("Pack", 1)))
    assert user_client.post("/book", json={"session_id": free.id}).status_code == 201
    code = {"code": "WELCOME", "percent_off": 10, "applies_to": "bookings"}
    assert facilitator_client.post(f"/api/facilitator/{facilitator.id}/codes", json=code).status_code == 201
    booked = user_client.post("/book", json={"session_id": paid.id, "code": "welcome"}).get_json()
    _checkout(client, booked["payment"])
    pack = {"name": "Pack", "kind": "pack", "credits": 3, "valid_days": 30, "price": 100_000, "currency": "INR"}
    product = facilitator_client.post(f"/api/facilitator/{facilitator.id}/passes", json=pack).get_json()
    _checkout(client, user_client.post(f"/passes/{product['id']}/buy", json={}).get_json())
    pass_id = user_client.get("/me/passes").get_json()["items"][0]["id"]
    spent = user_client.post("/book", json={"session_id": with_pack.id, "pass_id": pass_id})
    assert spent.status_code == 201, spent.get_json()


MADE_AFTER_0043 = {"invoices", "studio_invoicing", "tally_changes", "client_changes"}


def test_0043_gives_every_row_its_studio_and_every_session_its_instructor(
    app, client, facilitator, facilitator_client, user_client, make_session, run_migrations
):
    _a_day_of_business(client, facilitator, facilitator_client, user_client, make_session)
    spare = {"name": "Spare", "kind": "membership", "period": "month", "price": 5}
    assert facilitator_client.post(f"/api/facilitator/{facilitator.id}/passes", json=spare).status_code == 201
    with app.app_context(), unit_of_work():  # the spare product gone: its id must never come back
        db.session.execute(sa.text("DELETE FROM pass_products WHERE name = 'Spare'"))
    before = {table: sorted(_rows(app, sql)) for table, sql in OWNED.items()}
    studio = _rows(app, f"SELECT studio_id FROM studio_members WHERE user_id = {facilitator.id}")
    assert {row[2] for row in before["events"]} == {studio[0][0]}
    assert {row[2] for row in before["sessions"]} == {facilitator.id}
    sqlite = app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    counters = "SELECT name, seq FROM sqlite_sequence"
    # Tables made after 0043 are dropped by the downgrade, so their counters start over with them.
    given = {name: seq for name, seq in _rows(app, counters) if name not in MADE_AFTER_0043} if sqlite else {}
    run_migrations(app, flask_migrate.downgrade, None, "0042")
    run_migrations(app, flask_migrate.upgrade)
    if sqlite:  # SQLite rebuilt the tables: each AUTOINCREMENT counter stays where it was
        assert {name: seq for name, seq in _rows(app, counters) if name in given} == given
    after = {table: sorted(_rows(app, sql)) for table, sql in OWNED.items()}
    assert after == before  # the same rows, the same studio and instructor, the same money (then the after-test checks)
    assert len(after["payments"]) == 2 and len(after["pass_ledger"]) == 2

"""One studio's history for the studio-move benchmark, written in bulk: its owner, N clients, events whose sessions
those clients booked ten times each (as bench/dataset.py books them), a pack held by every fourth client with its
purchase in the ledger, and a paid payment for each of those packs and for every fifth booking."""

from datetime import UTC, datetime, timedelta

from dataset import _bookings, _catalogue, _insert, _insert_plain, _settle
from studio_rows import owner_row, studio_row

from main_app.extensions import db
from main_app.models import (
    ROLE_FACILITATOR,
    ROLE_USER,
    Booking,
    Event,
    EventSession,
    Pass,
    PassLedgerEntry,
    PassProduct,
    Payment,
    Studio,
    StudioMember,
    User,
)
from main_app.services.common import NO_PASSWORD

PACK = {"name": "10 Class Pass", "kind": "pack", "credits": 10, "valid_days": 180, "price": 500_000}
CLIENTS_PER_EVENT = 10  # events = clients / 10, five sessions each: ~25 of 30 seats taken in each booked one


def _people(conn, clients: int, now: datetime) -> tuple[int, int, list[int]]:
    """The owner, their studio and the clients: (owner id, studio id, client ids)."""
    owner = {"name": "Bench Owner", "email": "owner@move.example.com", "role": ROLE_FACILITATOR, "created_at": now}
    [owner_id] = _insert(conn, User.__table__, [owner | {"password_hash": NO_PASSWORD}])
    [studio_id] = _insert(conn, Studio.__table__, [studio_row(owner_id, "Move Studio", owner["email"], "UTC", now)])
    _insert_plain(conn, StudioMember.__table__, [owner_row(studio_id, owner_id, now)])
    rows = [
        {
            "name": f"Client {i}",
            "email": f"client-{i}@move.example.com",
            "phone": f"+9198{i:08d}",
            "role": ROLE_USER,
            "password_hash": NO_PASSWORD,
            "created_at": now,
        }
        for i in range(clients)
    ]
    return owner_id, studio_id, _insert(conn, User.__table__, rows)


def _passes(conn, owner_id: int, studio_id: int, people: list[int], now: datetime) -> list[int]:
    """A pack on sale and one held by every fourth client, its purchase in the ledger: the passes' ids."""
    product = PACK | {"facilitator_id": owner_id, "studio_id": studio_id, "currency": "INR", "created_at": now}
    [product_id] = _insert(conn, PassProduct.__table__, [product])
    holders = people[::4]
    rows = [
        {
            "product_id": product_id,
            "user_id": user_id,
            "facilitator_id": owner_id,
            "studio_id": studio_id,
            "name": PACK["name"],
            "kind": "pack",
            "status": "active",
            "credits": 10,
            "credits_left": 10,
            "valid_days": 180,
            "price": PACK["price"],
            "currency": "INR",
            "valid_from": now,
            "valid_until": now + timedelta(days=180),
            "created_at": now,
            "paid_at": now,
        }
        for user_id in holders
    ]
    ids = _insert(conn, Pass.__table__, rows)
    ledger = [{"pass_id": pass_id, "kind": "purchase", "credits": 10, "created_at": now} for pass_id in ids]
    _insert_plain(conn, PassLedgerEntry.__table__, ledger)
    return ids


def _payments(conn, bookings: list[dict], passes: list[int], now: datetime) -> int:
    """A paid payment for every pass and every fifth active booking: how many."""
    paid = [{"booking_id": None, "pass_id": pass_id, "amount": PACK["price"]} for pass_id in passes]
    active = [row for row in bookings[::5] if row["status"] == "active"]
    paid += [{"booking_id": row["id"], "pass_id": None, "amount": 150_000} for row in active]
    rows = [
        row
        | {
            "provider": "test",
            "reference": f"move-{n}",
            "checkout_url": "",
            "status": "succeeded",
            "currency": "INR",
            "expires_at": now,
            "created_at": now,
            "payment_id": f"pay-move-{n}",
            "paid_at": now,
        }
        for n, row in enumerate(paid)
    ]
    _insert_plain(conn, Payment.__table__, rows)
    return len(rows)


def seed_studio(app, clients: int) -> dict:
    """The studio's history, in the app's database: its ids and how many rows of each kind."""
    now = datetime.now(UTC)
    with app.app_context():
        with db.engine.begin() as conn:
            owner_id, studio_id, people = _people(conn, clients, now)
            events = max(1, clients // CLIENTS_PER_EVENT)
            _event_rows, session_rows = _catalogue(conn, events, [owner_id], [studio_id], now)
            booked = [row for row in session_rows if not row["open"]]
            bookings = _bookings(conn, people, booked, now)
            passes = _passes(conn, owner_id, studio_id, people, now)
            payments = _payments(conn, bookings, passes, now)
        db.session.remove()
        tables = (User, Studio, Event, EventSession, Booking, Pass, PassLedgerEntry, Payment)
        _settle(db.engine, [model.__table__ for model in tables])
    counts = {"clients": len(people), "sessions": len(session_rows), "bookings": len(bookings)}
    return {"studio_id": studio_id, "owner_id": owner_id, **counts, "passes": len(passes), "payments": payments}

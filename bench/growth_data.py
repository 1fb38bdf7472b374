"""The growth benchmark's data. The present is the same at every level: 20 facilitators (each the owner of a
studio), 2,000 people with a pack each, a catalogue of 500 upcoming sessions, four check-in sessions a level, and
one person with 1,000 past bookings. History is added a unit at a time, streamed in bulk (bulk.py), each unit a
week of a large studio chain: 1,000 past sessions, 1,000 people with 10 bookings each, a pass each with its 10
ledger rows, check-ins, a delivered outbox message (and its attempt) per booking, and the CRM's copy of each."""

from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bulk import BulkWriter, IdBlocks
from flask_jwt_extended import create_access_token
from sqlalchemy.exc import ProgrammingError
from studio_rows import owner_row, studio_row
from werkzeug.security import generate_password_hash

from main_app.extensions import db
from main_app.models import (
    ROLE_FACILITATOR,
    ROLE_USER,
    Booking,
    Checkin,
    DeliveryAttempt,
    Event,
    EventSession,
    OutboxMessage,
    Pass,
    PassLedgerEntry,
    PassProduct,
    Studio,
    StudioMember,
    User,
)

FAST_HASH_METHOD = "pbkdf2:sha256:1000"  # these accounts never log in (tokens are minted here)
FACILITATORS, PEOPLE, UPCOMING_EVENTS, SESSIONS_PER_EVENT = 20, 2_000, 100, 5
UNIT_EVENTS, UNIT_PEOPLE, BOOKINGS_PER_PERSON = 200, 1_000, 10  # a unit: 1,000 sessions, 10,000 bookings
HEAVY_BOOKINGS = 1_000  # the past bookings of the person whose bookings page is measured
PACK_CREDITS = 10_000  # the present people's packs: never run out in a run
CHECKIN_LEVELS, CHECKIN_SESSIONS = 3, 4  # check-in sessions a level: fresh seats for every run
TOPICS = ["Yoga", "Meditation", "Breathwork", "Pilates", "Sound Healing", "Tai Chi", "Qigong", "Mindfulness"]
STYLES = ["Morning", "Evening", "Gentle", "Deep", "Silent", "Weekend", "Beginners'", "Advanced"]
LOCATIONS = ["Rishikesh", "Bengaluru Studio", "Goa Beach Hall", "Dharamshala", "Online", "Mysuru Shala"]
TABLES = [
    User.__table__,
    Studio.__table__,
    StudioMember.__table__,
    Event.__table__,
    EventSession.__table__,
    Booking.__table__,
    PassProduct.__table__,
    Pass.__table__,
    PassLedgerEntry.__table__,
    Checkin.__table__,
    OutboxMessage.__table__,
    DeliveryAttempt.__table__,
]


@dataclass
class Present:
    """What the measured phases need: tokens, sessions to book, passes, the check-in sessions and a search window."""

    tokens: list[str]
    pass_ids: list[int]  # the pack of each person, in the order of tokens
    open_session_ids: list[int]  # upcoming sessions booked without a pass
    pass_session_ids: list[int]  # upcoming sessions of the pack's facilitator
    heavy_token: str
    checkin_facilitator: int
    checkin_token: str
    checkin_sessions: list[int]  # CHECKIN_SESSIONS a level, each with every person booked
    checkin_bookings: list[list[int]]  # their bookings, per check-in session
    window: tuple[datetime, datetime]  # 30 days from the first upcoming session


def _token(user_id: int, role: str, name: str) -> str:
    """An access token with the claims the API's own login gives."""
    return create_access_token(identity=str(user_id), additional_claims={"role": role, "name": name, "gen": 0})


def user_row(user_id: int, name: str, role: str, password_hash: str, now: datetime) -> dict:
    """A users row."""
    email = f"{name.lower().replace(' ', '-')}@growth.example.com"
    return {
        "id": user_id,
        "name": name,
        "email": email,
        "password_hash": password_hash,
        "role": role,
        "calendar_version": 0,
        "token_generation": 0,
        "created_at": now,
    }


def event_row(event_id: int, i: int, owner: dict, times: list[tuple[datetime, datetime]], now) -> dict:
    """An events row of owner's (a facilitator's pack product: its facilitator_id and studio_id): every fourth a
    retreat, a tenth of the titles with Yoga."""
    retreat = i % 4 == 0
    topic = "Yoga" if i % 10 == 0 else TOPICS[1 + i % (len(TOPICS) - 1)]
    return {
        "id": event_id,
        "title": f"{STYLES[i % len(STYLES)]} {topic} {'Retreat' if retreat else 'Class'} {event_id}",
        "description": f"{topic} with a small group; bring a mat and water.",
        "kind": "retreat" if retreat else "session",
        "location": LOCATIONS[i % len(LOCATIONS)],
        "timezone": "Asia/Kolkata",
        "facilitator_id": owner["facilitator_id"],
        "studio_id": owner["studio_id"],
        "status": "scheduled",
        "starts_at": times[0][0],
        "ends_at": times[-1][1],
        "created_at": now,
    }


def session_row(session_id: int, event: dict, times: tuple[datetime, datetime], capacity: int, taken: int, now):
    """A sessions row of an events row, taught by the event's facilitator."""
    starts, ends = times
    return {
        "id": session_id,
        "event_id": event["id"],
        "instructor_id": event["facilitator_id"],
        "starts_at": starts,
        "ends_at": ends,
        "capacity": capacity,
        "seats_taken": taken,
        "status": "scheduled",
        "created_at": now,
    }


def event_times(starts: datetime, retreat: bool, gap: timedelta) -> list[tuple[datetime, datetime]]:
    """The (start, end) of an event's sessions, gap apart."""
    length = timedelta(hours=8) if retreat else timedelta(minutes=75)
    return [(starts + gap * j, starts + gap * j + length) for j in range(SESSIONS_PER_EVENT)]


def booking_row(booking_id, session_id, user_id, created, status="active", pass_id=None, attendance=None) -> dict:
    """A bookings row."""
    cancelled = status == "cancelled"
    return {
        "id": booking_id,
        "session_id": session_id,
        "user_id": user_id,
        "status": status,
        "created_at": created,
        "cancelled_at": created + timedelta(days=1) if cancelled else None,
        "pass_id": pass_id,
        "attendance": attendance,
    }


def pass_row(pass_id, product, user_id, credits, left, valid_from, valid_until) -> dict:
    """An active pack's passes row."""
    return {
        "id": pass_id,
        "product_id": product["id"],
        "user_id": user_id,
        "facilitator_id": product["facilitator_id"],
        "studio_id": product["studio_id"],
        "name": product["name"],
        "kind": "pack",
        "status": "active",
        "credits": credits,
        "credits_left": left,
        "valid_days": 365,
        "event_ids": None,
        "price": product["price"],
        "currency": "INR",
        "valid_from": valid_from,
        "valid_until": valid_until,
        "created_at": valid_from,
        "paid_at": valid_from,
    }


def ledger_row(pass_id: int, kind: str, credits: int, booking_id: int | None, when: datetime) -> dict:
    """One pass_ledger row (its id left to the database)."""
    return {"pass_id": pass_id, "kind": kind, "credits": credits, "booking_id": booking_id, "created_at": when}


def _studios(ids: IdBlocks, bulk: BulkWriter, facilitators: list[int], now) -> list[int]:
    """A studio for each facilitator, with them as its owner; returns the studios' ids, in the facilitators' order."""
    studios = list(ids.take(Studio.__table__, len(facilitators)))
    rows = [
        {"id": s, **studio_row(f, f"Facilitator {f}", f"facilitator-{f}@growth.example.com", "Asia/Kolkata", now)}
        for s, f in zip(studios, facilitators, strict=True)
    ]
    bulk.write(Studio.__table__, rows)
    bulk.write(StudioMember.__table__, [owner_row(s, f, now) for s, f in zip(studios, facilitators, strict=True)])
    return studios


def _products(ids: IdBlocks, facilitators: list[int], studios: list[int], now) -> list[dict]:
    """A 10-class pack on sale by each facilitator, in their studio."""
    return [
        {
            "id": product_id,
            "facilitator_id": facilitator,
            "studio_id": studio_id,
            "name": "10-class pack",
            "kind": "pack",
            "credits": 10,
            "valid_days": 90,
            "price": 500_000,
            "currency": "INR",
            "created_at": now,
        }
        for product_id, facilitator, studio_id in zip(
            ids.take(PassProduct.__table__, len(facilitators)), facilitators, studios, strict=True
        )
    ]


def _catalogue(ids: IdBlocks, products: list[dict], now: datetime) -> tuple[list[dict], list[dict]]:
    """The upcoming events over the next 60 days (each of a facilitator's, as their product says), their sessions
    roomy enough for every run's bookings."""
    first = (now + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    events, sessions = [], []
    for i, event_id in enumerate(ids.take(Event.__table__, UPCOMING_EVENTS)):
        retreat = i % 4 == 0
        times = event_times(
            first + timedelta(days=60) * i / UPCOMING_EVENTS, retreat, timedelta(days=1 if retreat else 7)
        )
        events.append(event_row(event_id, i, products[i % FACILITATORS], times, now))
        session_ids = ids.take(EventSession.__table__, SESSIONS_PER_EVENT)
        sessions += [
            session_row(sid, events[-1], t, 100_000, 0, now) for sid, t in zip(session_ids, times, strict=True)
        ]
    return events, sessions


def seed_present(app) -> tuple[Present, list[dict], int]:
    """Write the present into the main database; returns it, the facilitators' pack products and the heavy
    person's id (whose 1,000 past bookings the first history unit holds)."""
    now = datetime.now(UTC)
    password_hash = generate_password_hash("growth-password", FAST_HASH_METHOD)
    users, passes, ledger = User.__table__, Pass.__table__, PassLedgerEntry.__table__
    with app.app_context():
        with db.engine.begin() as conn:
            ids, bulk = IdBlocks(conn), BulkWriter(conn)
            facilitators = list(ids.take(users, FACILITATORS))
            people = list(ids.take(users, PEOPLE))
            heavy = ids.take(users, 1)[0]
            bulk.write(
                users,
                [user_row(f, f"Facilitator {f}", ROLE_FACILITATOR, password_hash, now) for f in facilitators]
                + [user_row(p, f"Person {p}", ROLE_USER, password_hash, now) for p in [*people, heavy]],
            )
            products = _products(ids, facilitators, _studios(ids, bulk, facilitators, now), now)
            bulk.write(PassProduct.__table__, products)
            pass_ids = list(ids.take(passes, PEOPLE))
            since, until = now - timedelta(days=1), now + timedelta(days=365)
            bulk.write(
                passes,
                [
                    pass_row(pid, products[0], person, PACK_CREDITS, PACK_CREDITS, since, until)
                    for pid, person in zip(pass_ids, people, strict=True)
                ],
            )
            bulk.write(ledger, [ledger_row(pid, "purchase", PACK_CREDITS, None, since) for pid in pass_ids])
            events, sessions = _catalogue(ids, products, now)
            owner = {event["id"]: event["facilitator_id"] for event in events}
            # The check-in sessions: one event of the second facilitator, its sessions starting inside the window.
            checkin_event = ids.take(Event.__table__, 1)[0]
            opening = [(now + timedelta(minutes=50), now + timedelta(hours=8))]
            events.append(event_row(checkin_event, 1, products[1], opening, now))
            checkin_sessions = list(ids.take(EventSession.__table__, CHECKIN_LEVELS * CHECKIN_SESSIONS))
            sessions += [session_row(sid, events[-1], opening[0], PEOPLE, PEOPLE, now) for sid in checkin_sessions]
            checkin_bookings = [list(ids.take(Booking.__table__, PEOPLE)) for _ in checkin_sessions]
            bulk.write(Event.__table__, events)
            bulk.write(EventSession.__table__, sessions)
            bulk.write(
                Booking.__table__,
                [
                    booking_row(bid, sid, person, since)
                    for sid, booked in zip(checkin_sessions, checkin_bookings, strict=True)
                    for bid, person in zip(booked, people, strict=True)
                ],
            )
            ids.done()
        upcoming = [s for s in sessions if s["event_id"] != checkin_event]
        present = Present(
            tokens=[_token(p, ROLE_USER, f"Person {p}") for p in people],
            pass_ids=pass_ids,
            open_session_ids=[s["id"] for s in upcoming if owner[s["event_id"]] != facilitators[0]],
            pass_session_ids=[s["id"] for s in upcoming if owner[s["event_id"]] == facilitators[0]],
            heavy_token=_token(heavy, ROLE_USER, f"Person {heavy}"),
            checkin_facilitator=facilitators[1],
            checkin_token=_token(facilitators[1], ROLE_FACILITATOR, f"Facilitator {facilitators[1]}"),
            checkin_sessions=checkin_sessions,
            checkin_bookings=checkin_bookings,
            window=(min(s["starts_at"] for s in upcoming), min(s["starts_at"] for s in upcoming) + timedelta(days=30)),
        )
        db.session.remove()
    return present, products, heavy


def settle(engine, tables) -> None:
    """Leave a database as a long-running one would be after the load: SQLite's write-ahead log folded back into
    the file (and no statistics, as the services keep none but the outbox's), PostgreSQL vacuumed and analysed as
    autovacuum would, then checkpointed: a checkpoint the load set off would otherwise spread its writes over the
    measurements that follow."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            conn.exec_driver_sql("VACUUM ANALYZE " + ", ".join(table.name for table in tables))
            with suppress(ProgrammingError):  # a role without pg_checkpoint: measured with the checkpoint under way
                conn.exec_driver_sql("CHECKPOINT")

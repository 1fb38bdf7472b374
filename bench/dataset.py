"""The scale benchmark's catalogue, written in bulk through the models' tables: users (each facilitator the owner of a
studio), events, sessions, bookings, their delivered outbox messages and the CRM's copy of each notification."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask_jwt_extended import create_access_token
from studio_rows import owner_row, studio_row
from werkzeug.security import generate_password_hash

from crm_microservice.models import Notification
from main_app.extensions import db
from main_app.models import (
    ROLE_FACILITATOR,
    ROLE_USER,
    Booking,
    Event,
    EventSession,
    OutboxMessage,
    Studio,
    StudioMember,
    User,
)

FAST_HASH_METHOD = "pbkdf2:sha256:1000"  # these accounts never log in (tokens are minted here)
CHUNK = 5000
FACILITATORS = 50
SESSIONS_PER_EVENT = 5
BOOKINGS_PER_USER = 10
OPEN_SHARE = 0.2  # the latest events' sessions get no seeded booking: the booking phase books those
TOPICS = [
    "Yoga",
    "Meditation",
    "Breathwork",
    "Pilates",
    "Sound Healing",
    "Tai Chi",
    "Qigong",
    "Mindfulness",
    "Ayurveda",
    "Journaling",
]
STYLES = ["Morning", "Evening", "Gentle", "Deep", "Silent", "Weekend", "Beginners'", "Advanced"]
LOCATIONS = ["Rishikesh", "Bengaluru Studio", "Goa Beach Hall", "Dharamshala", "Online", "Mysuru Shala", "Pune Centre"]
SEARCH_WORD = "yoga"  # in a tenth of the titles: the filtered page's search


@dataclass
class Dataset:
    """What the load phases need from the seeded data."""

    tokens: list[str]  # one access token per (role user) account
    open_session_ids: list[int]  # bookable sessions without seeded bookings
    counts: dict[str, int]
    window: tuple[datetime, datetime]  # a 30-day window with sessions starting in it, for the filtered page


def _insert(conn, table, rows: list[dict]) -> list[int]:
    """Insert rows in chunks; returns their new ids in order (RETURNING, on SQLite 3.35+ and PostgreSQL)."""
    ids = []
    statement = table.insert().returning(table.c.id, sort_by_parameter_order=True)
    for first in range(0, len(rows), CHUNK):
        ids += conn.execute(statement, rows[first : first + CHUNK]).scalars().all()
    return ids


def _insert_plain(conn, table, rows: list[dict]) -> None:
    for first in range(0, len(rows), CHUNK):
        conn.execute(table.insert(), rows[first : first + CHUNK])


def _accounts(
    conn, users: int, stamp: str, password_hash: str, now: datetime
) -> tuple[list[int], list[int], list[int]]:
    """Facilitators, a studio each (they its owner) and users; returns the facilitators', studios' and users' ids."""
    rows = [
        {
            "name": f"Facilitator {i}",
            "email": f"fac-{i}-{stamp}@bench.example.com",
            "role": ROLE_FACILITATOR,
            "password_hash": password_hash,
            "created_at": now,
        }
        for i in range(FACILITATORS)
    ]
    facilitators = _insert(conn, User.__table__, rows)
    studios = _insert(
        conn,
        Studio.__table__,
        [studio_row(f, row["name"], row["email"], "UTC", now) for f, row in zip(facilitators, rows, strict=True)],
    )
    _insert_plain(
        conn, StudioMember.__table__, [owner_row(s, f, now) for s, f in zip(studios, facilitators, strict=True)]
    )
    people = _insert(
        conn,
        User.__table__,
        [
            {
                "name": f"Bench User {i}",
                "email": f"user-{i}-{stamp}@bench.example.com",
                "role": ROLE_USER,
                "password_hash": password_hash,
                "created_at": now,
            }
            for i in range(users)
        ],
    )
    return facilitators, studios, people


def _catalogue(
    conn, events: int, facilitators: list[int], studios: list[int], now: datetime
) -> tuple[dict[int, dict], list[dict]]:
    """Events spread from a month ago to a year ahead (each in its facilitator's studio), five sessions each, taught
    by the event's facilitator; returns the event and session rows."""
    first_start = (now - timedelta(days=30)).replace(minute=0, second=0, microsecond=0)
    spacing = timedelta(days=390) / events
    event_rows, plans = [], []
    for i in range(events):
        retreat = i % 4 == 0
        starts = first_start + spacing * i
        gap = timedelta(days=1) if retreat else timedelta(weeks=1)
        length = timedelta(hours=8) if retreat else timedelta(minutes=75)
        times = [(starts + gap * j, starts + gap * j + length) for j in range(SESSIONS_PER_EVENT)]
        topic = "Yoga" if i % 10 == 0 else TOPICS[1 + i % (len(TOPICS) - 1)]
        open_event = i >= events * (1 - OPEN_SHARE)
        event_rows.append(
            {
                "title": f"{STYLES[i % len(STYLES)]} {topic} {'Retreat' if retreat else 'Class'} {i + 1}",
                "description": f"{topic} with a small group; bring a mat and water.",
                "kind": "retreat" if retreat else "session",
                "location": LOCATIONS[i % len(LOCATIONS)],
                "facilitator_id": facilitators[i % len(facilitators)],
                "studio_id": studios[i % len(studios)],
                "status": "cancelled" if i % 97 == 96 and not open_event else "scheduled",
                "starts_at": times[0][0],
                "ends_at": times[-1][1],
                "created_at": now,
            }
        )
        plans.append((times, retreat, open_event))
    event_ids = _insert(conn, Event.__table__, event_rows)
    session_rows = []
    for event_id, row in zip(event_ids, event_rows, strict=True):
        row["id"] = event_id
    for event, (times, retreat, open_event) in zip(event_rows, plans, strict=True):
        event_id = event["id"]
        for j, (starts, ends) in enumerate(times):
            cancelled = not open_event and (event_id + j) % 101 == 0
            session_rows.append(
                {
                    "event_id": event_id,
                    "instructor_id": event["facilitator_id"],
                    "starts_at": starts,
                    "ends_at": ends,
                    "capacity": 40 if retreat else 30,
                    "seats_taken": 0,
                    "status": "cancelled" if cancelled else "scheduled",
                    "created_at": now,
                    "open": open_event,
                }
            )
    ids = _insert(conn, EventSession.__table__, [{k: v for k, v in row.items() if k != "open"} for row in session_rows])
    for session_id, row in zip(ids, session_rows, strict=True):
        row["id"] = session_id
    return {row["id"]: row for row in event_rows}, session_rows


def _bookings(conn, people: list[int], booked_sessions: list[dict], now: datetime) -> list[dict]:
    """Ten bookings per user over the sessions that are not open; every tenth cancelled. Returns the rows."""
    rows, stride = [], max(1, len(booked_sessions) // BOOKINGS_PER_USER)
    for u, user_id in enumerate(people):
        for j in range(BOOKINGS_PER_USER):
            # (u + j * stride) hits each session equally often and a user's ten sessions are distinct.
            session = booked_sessions[(u + j * stride) % len(booked_sessions)]
            cancelled = (u + j) % 10 == 9
            rows.append(
                {
                    "session_id": session["id"],
                    "user_id": user_id,
                    "status": "cancelled" if cancelled else "active",
                    "created_at": now - timedelta(days=40),
                    "cancelled_at": now - timedelta(days=35) if cancelled else None,
                }
            )
    ids = _insert(conn, Booking.__table__, rows)
    taken: dict[int, int] = {}
    for booking_id, row in zip(ids, rows, strict=True):
        row["id"] = booking_id
        if row["status"] == "active":
            taken[row["session_id"]] = taken.get(row["session_id"], 0) + 1
    update = (
        EventSession.__table__.update()
        .where(EventSession.__table__.c.id == sa.bindparam("sid"))
        .values(seats_taken=sa.bindparam("taken"))
    )
    conn.execute(update, [{"sid": sid, "taken": n} for sid, n in taken.items()])
    return rows


def _notifications(bookings: list[dict], sessions: dict[int, dict], events: dict[int, dict], now: datetime):
    """One delivered outbox message per booking and the CRM's stored copy of it."""
    outbox, crm = [], []
    for row in bookings:
        session = sessions[row["session_id"]]
        event = events[session["event_id"]]
        message_id = uuid.uuid4().hex
        message = f"Bench User booked a seat in {event['title']}"
        payload = {
            "notification_id": message_id,
            "type": "booking_created",
            "booking_id": row["id"],
            "session_id": session["id"],
            "facilitator_id": event["facilitator_id"],
            "studio_id": event["studio_id"],
            "message": message,
        }
        outbox.append(
            {
                "id": message_id,
                "type": "booking_created",
                "payload": payload,
                "status": "delivered",
                "attempts": 1,
                "next_attempt_at": row["created_at"],
                "created_at": row["created_at"],
                "delivered_at": row["created_at"],
            }
        )
        crm.append(
            {
                "notification_id": message_id,
                "type": "booking_created",
                "source_format": "nested",
                "booking_id": row["id"],
                "session_id": session["id"],
                "facilitator_id": event["facilitator_id"],
                "studio_id": event["studio_id"],
                "user_id": row["user_id"],
                "user_name": "Bench User",
                "user_email": "user@bench.example.com",
                "event_id": session["event_id"],
                "event_title": event["title"],
                "event_start": event["starts_at"].isoformat(),
                "message": message,
                "data": {"booking_status": "active"},
                "occurred_at": row["created_at"],
                "received_at": row["created_at"],
                "read_at": now if row["id"] % 2 else None,
            }
        )
    return outbox, crm


def _settle(engine, tables) -> None:
    """Leave the database as a long-running one would be after bulk loading: SQLite's write-ahead log folded back
    into the file (a 60 MB log left by the load slows every later commit threefold), PostgreSQL's statistics fresh."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            conn.exec_driver_sql("ANALYZE " + ", ".join(table.name for table in tables))


def seed(app, crm_database_url: str, *, users: int, events: int) -> Dataset:
    """Write the catalogue into the main database (through app) and the notifications into the CRM's."""
    stamp, now = uuid.uuid4().hex[:8], datetime.now(UTC)
    password_hash = generate_password_hash("bench-password", FAST_HASH_METHOD)
    with app.app_context():
        with db.engine.begin() as conn:
            facilitators, studios, people = _accounts(conn, users, stamp, password_hash, now)
            event_rows, session_rows = _catalogue(conn, events, facilitators, studios, now)
            booked = [row for row in session_rows if not row["open"]]
            bookings = _bookings(conn, people, booked, now)
            outbox, crm = _notifications(bookings, {row["id"]: row for row in session_rows}, event_rows, now)
            _insert_plain(conn, OutboxMessage.__table__, outbox)
        tokens = [
            create_access_token(identity=str(user_id), additional_claims={"role": ROLE_USER, "name": f"Bench User {i}"})
            for i, user_id in enumerate(people)
        ]
        db.session.remove()
        _settle(
            db.engine,
            [
                User.__table__,
                Studio.__table__,
                StudioMember.__table__,
                Event.__table__,
                EventSession.__table__,
                Booking.__table__,
                OutboxMessage.__table__,
            ],
        )
    crm_engine = sa.create_engine(crm_database_url)
    with crm_engine.begin() as conn:
        _insert_plain(conn, Notification.__table__, crm)
    _settle(crm_engine, [Notification.__table__])
    crm_engine.dispose()
    open_ids = [row["id"] for row in session_rows if row["open"]]
    windows = sorted(row["starts_at"] for row in session_rows if row["open"])
    return Dataset(
        tokens=tokens,
        open_session_ids=open_ids,
        counts={
            "users": len(people),
            "facilitators": len(facilitators),
            "events": len(event_rows),
            "sessions": len(session_rows),
            "bookings": len(bookings),
            "outbox messages": len(outbox),
            "CRM notifications": len(crm),
        },
        window=(windows[0], windows[0] + timedelta(days=30)),
    )

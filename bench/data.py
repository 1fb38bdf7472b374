"""Benchmark data written directly through the main API's models: users and tokens, roomy sessions, outbox backlogs."""

import uuid
from datetime import UTC, datetime, timedelta

from flask_jwt_extended import create_access_token
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import ROLE_FACILITATOR, ROLE_USER, Booking, Event, EventSession, OutboxMessage, User
from main_app.services.crm.messages import enqueue_booking_change
from main_app.services.studios.studios import home_studio_id

# A fast hash: these accounts never log in (their tokens are minted here), but the column wants a real hash.
FAST_HASH_METHOD = "pbkdf2:sha256:1000"
SESSIONS_PER_EVENT = 20
CHUNK = 1000


def create_load_data(app, users: int, sessions: int, capacity: int) -> tuple[list[str], list[int]]:
    """users accounts with access tokens, and sessions with capacity seats each (of a facilitator's, in the studio
    they own, each session taught by them); returns (tokens, session ids)."""
    stamp = uuid.uuid4().hex[:8]
    starts = datetime.now(UTC) + timedelta(days=30)
    with app.app_context():
        password_hash = generate_password_hash("bench-password", FAST_HASH_METHOD)
        facilitator = User(
            name="Bench Facilitator",
            email=f"bench-fac-{stamp}@example.com",
            role=ROLE_FACILITATOR,
            password_hash=password_hash,
        )
        accounts = [
            User(
                name=f"Bench User {i}",
                email=f"bench-{i}-{stamp}@example.com",
                role=ROLE_USER,
                password_hash=password_hash,
            )
            for i in range(users)
        ]
        with unit_of_work():
            db.session.add(facilitator)
            db.session.flush()
            studio_id = home_studio_id(facilitator)
            all_sessions = []
            for first in range(0, sessions, SESSIONS_PER_EVENT):
                count = min(SESSIONS_PER_EVENT, sessions - first)
                event_sessions = [
                    EventSession(
                        starts_at=starts + timedelta(hours=i),
                        ends_at=starts + timedelta(hours=i, minutes=50),
                        capacity=capacity,
                        instructor_id=facilitator.id,
                    )
                    for i in range(first, first + count)
                ]
                all_sessions += event_sessions
                db.session.add(
                    Event(
                        title=f"Bench Class {first // SESSIONS_PER_EVENT + 1}",
                        kind="session",
                        location="Loopback Studio",
                        facilitator=facilitator,
                        studio_id=studio_id,
                        starts_at=starts,
                        ends_at=starts + timedelta(hours=sessions + 1),
                        sessions=event_sessions,
                    )
                )
            db.session.add_all(accounts)
        # The same claims the API's own login puts in its tokens.
        tokens = [
            create_access_token(identity=str(u.id), additional_claims={"role": u.role, "name": u.name})
            for u in accounts
        ]
        session_ids = [s.id for s in all_sessions]
        db.session.remove()
    return tokens, session_ids


def outbox_counts(app, channel: str = "crm") -> dict[str, int]:
    """Outbox messages of a channel (the CRM's by default) per status."""
    with app.app_context():
        rows = db.session.execute(
            select(OutboxMessage.status, func.count())
            .where(OutboxMessage.channel == channel)
            .group_by(OutboxMessage.status)
        ).all()
        db.session.remove()
    return {status: count for status, count in rows}


def insert_backlog(app, count: int) -> datetime:
    """count pending booking_created messages, built by the outbox code from stored bookings.

    Returns a time just before they were written.
    """
    with app.app_context():
        rows = db.session.execute(
            select(Booking, User, EventSession, Event)
            .join(User, Booking.user_id == User.id)
            .join(EventSession, Booking.session_id == EventSession.id)
            .join(Event, EventSession.event_id == Event.id)
            .order_by(Booking.id)
            .limit(count)
        ).all()
        if not rows:
            raise RuntimeError("no bookings to build backlog messages from")
        before = datetime.now(UTC)
        for start in range(0, count, CHUNK):
            with unit_of_work():
                for i in range(start, min(start + CHUNK, count)):
                    # Fewer stored bookings than messages: reuse them; each message still has its own id.
                    booking, user, event_session, event = rows[i % len(rows)]
                    enqueue_booking_change(booking, "created", user, event_session, event)
        db.session.remove()
    return before


def delivered_window(app, created_since: datetime) -> tuple[int, datetime | None, datetime | None]:
    """Delivered CRM messages created since a time, and their first and last delivered_at."""
    with app.app_context():
        count, first, last = db.session.execute(
            select(func.count(), func.min(OutboxMessage.delivered_at), func.max(OutboxMessage.delivered_at)).where(
                OutboxMessage.channel == "crm",
                OutboxMessage.created_at >= created_since,
                OutboxMessage.delivered_at.is_not(None),
            )
        ).one()
        db.session.remove()
    return count, first, last


def due_pending(app) -> int:
    """Messages of the CRM, email and WhatsApp channels waiting to go now (reminders due later are not counted)."""
    with app.app_context():
        count = db.session.scalar(
            select(func.count()).where(
                OutboxMessage.channel.in_(("crm", "email", "whatsapp")),
                OutboxMessage.status == "pending",
                OutboxMessage.next_attempt_at <= datetime.now(UTC),
            )
        )
        db.session.remove()
    return count

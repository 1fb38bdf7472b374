"""The growth benchmark's history, a unit at a time (growth_data.py says what a unit holds), written in bulk: each
unit a week further back, its messages delivered within the retention period (so pruning leaves them)."""

import time
import uuid
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from bulk import BulkWriter, IdBlocks
from growth_data import (
    BOOKINGS_PER_PERSON,
    FACILITATORS,
    FAST_HASH_METHOD,
    HEAVY_BOOKINGS,
    TABLES,
    UNIT_EVENTS,
    UNIT_PEOPLE,
    booking_row,
    event_row,
    event_times,
    ledger_row,
    pass_row,
    session_row,
    settle,
    user_row,
)
from werkzeug.security import generate_password_hash

from crm_microservice.models import Notification
from main_app.extensions import db
from main_app.models import (
    ROLE_USER,
    Booking,
    Checkin,
    DeliveryAttempt,
    Event,
    EventSession,
    OutboxMessage,
    Pass,
    PassLedgerEntry,
    User,
)

RETAINED = 29 * 86_400  # seconds back over which the delivered messages spread: inside the 30-day retention
UNIT_SESSIONS = UNIT_EVENTS * 5


class History:
    """Writes units of history into the main database and the CRM's; units counts those written."""

    def __init__(self, app, crm_url: str, products: list[dict], heavy: int):
        self.app, self.products, self.heavy = app, products, heavy
        self.crm = sa.create_engine(crm_url, poolclass=sa.pool.NullPool)
        self.password_hash = generate_password_hash("growth-password", FAST_HASH_METHOD)
        self.stamp = uuid.uuid4().hex[:8]
        self.units = 0

    def grow_to(self, units: int) -> float:
        """Add units until there are units of them, then settle both databases; returns the seconds it took."""
        started = time.monotonic()
        with self.app.app_context():
            while self.units < units:
                now = datetime.now(UTC)
                with db.engine.begin() as conn:
                    notifications = self._unit(IdBlocks(conn), BulkWriter(conn), self.units, now)
                with self.crm.begin() as conn:
                    BulkWriter(conn).write(Notification.__table__, notifications)
                self.units += 1
            settle(db.engine, TABLES)
            db.session.remove()
        settle(self.crm, [Notification.__table__])
        return time.monotonic() - started

    def close(self) -> None:
        """Release the CRM engine."""
        self.crm.dispose()

    def _unit(self, ids: IdBlocks, bulk: BulkWriter, u: int, now: datetime) -> list[dict]:
        """Write unit u; returns the CRM's notifications of its bookings, for the caller to write there."""
        week = now - timedelta(days=9 + 7 * u)  # every session of the unit has ended two days before now at least
        people = list(ids.take(User.__table__, UNIT_PEOPLE))
        bulk.write(
            User.__table__, [user_row(p, f"Past Person {p}", ROLE_USER, self.password_hash, now) for p in people]
        )
        events, sessions, owner = [], [], {}
        for i, event_id in enumerate(ids.take(Event.__table__, UNIT_EVENTS)):
            times = event_times(week + timedelta(days=7) * i / UNIT_EVENTS, i % 4 == 0, timedelta(hours=6))
            events.append(event_row(event_id, i, self.products[i % FACILITATORS], times, now))
            for sid, t in zip(ids.take(EventSession.__table__, len(times)), times, strict=True):
                sessions.append(session_row(sid, events[-1], t, 30, 0, now))
                owner[sid] = events[-1]
        passes, bookings, ledger, checkins = self._bookings(ids, u, people, sessions)
        taken = {}
        for row in bookings:
            taken[row["session_id"]] = taken.get(row["session_id"], 0) + (row["status"] == "active")
        for row in sessions:
            row["seats_taken"] = taken.get(row["id"], 0)
        bulk.write(Event.__table__, events)
        bulk.write(EventSession.__table__, sessions)
        bulk.write(Pass.__table__, passes)
        bulk.write(Booking.__table__, bookings)
        bulk.write(PassLedgerEntry.__table__, ledger)
        bulk.write(Checkin.__table__, checkins)
        messages, attempts, notifications = self._messages(u, bookings, {s["id"]: s for s in sessions}, owner, now)
        bulk.write(OutboxMessage.__table__, messages)
        bulk.write(DeliveryAttempt.__table__, attempts)
        ids.done()
        return notifications

    def _bookings(self, ids: IdBlocks, u: int, people: list[int], sessions: list[dict]):
        """Each person's 10 bookings in different sessions (every tenth cancelled), the active ones paid from the
        person's pack (its ledger: the purchase and a spend each) and every other one checked in; in the first
        unit, the heavy person's booking in each session. Returns (passes, bookings, ledger, check-ins)."""
        count = len(people) * BOOKINGS_PER_PERSON + (HEAVY_BOOKINGS if u == 0 else 0)
        booking_ids = iter(ids.take(Booking.__table__, count))
        stride = len(sessions) // BOOKINGS_PER_PERSON
        passes, bookings, ledger, checkins = [], [], [], []
        for j, (person, pass_id) in enumerate(zip(people, ids.take(Pass.__table__, len(people)), strict=True)):
            bought = sessions[j % len(sessions)]["starts_at"] - timedelta(days=30)
            spent = 0
            for k in range(BOOKINGS_PER_PERSON):
                session = sessions[(j + k * stride) % len(sessions)]
                created = session["starts_at"] - timedelta(days=5)
                if (j + k) % 10 == 9:
                    bookings.append(booking_row(next(booking_ids), session["id"], person, created, "cancelled"))
                    continue
                attended = (j + k) % 2 == 0
                attendance = "attended" if attended else "no_show"
                row = booking_row(next(booking_ids), session["id"], person, created, "active", pass_id, attendance)
                bookings.append(row)
                ledger.append(ledger_row(pass_id, "spend", -1, row["id"], created))
                spent += 1
                if attended:
                    checkins.append(_checkin(row, session))
            product = self.products[j % FACILITATORS]
            passes.append(pass_row(pass_id, product, person, 10, 10 - spent, bought, bought + timedelta(days=90)))
            ledger.append(ledger_row(pass_id, "purchase", 10, None, bought))
        if u == 0:
            for session in sessions[:HEAVY_BOOKINGS]:
                created = session["starts_at"] - timedelta(days=5)
                row = booking_row(next(booking_ids), session["id"], self.heavy, created, attendance="attended")
                bookings.append(row)
                checkins.append(_checkin(row, session))
        return passes, bookings, ledger, checkins

    def _messages(self, u: int, bookings: list[dict], sessions: dict, owner: dict, now: datetime):
        """Per booking a delivered booking_created CRM message with its one attempt, and the CRM's copy of it."""
        messages, attempts, notifications = [], [], []
        for k, row in enumerate(bookings):
            session, event = sessions[row["session_id"]], owner[row["session_id"]]
            message_id = f"{self.stamp}{u:06d}{k:018d}"
            delivered = now - timedelta(seconds=(u * 7919 + k * 131) % RETAINED)
            due = delivered - timedelta(seconds=2)
            text = f"Past Person {row['user_id']} booked a seat in {event['title']}"
            messages.append(
                {
                    "id": message_id,
                    "channel": "crm",
                    "type": "booking_created",
                    "payload": {
                        "notification_id": message_id,
                        "type": "booking_created",
                        "occurred_at": due.isoformat(),
                        "booking_id": row["id"],
                        "session_id": session["id"],
                        "facilitator_id": event["facilitator_id"],
                        "studio_id": event["studio_id"],
                        "message": text,
                    },
                    "status": "delivered",
                    "attempts": 1,
                    "next_attempt_at": due,
                    "created_at": due,
                    "delivered_at": delivered,
                }
            )
            attempts.append(
                {
                    "message_id": message_id,
                    "attempted_at": delivered - timedelta(milliseconds=40),
                    "worker_id": "growth-seeded-dispatcher",
                    "status_code": 201,
                    "latency_ms": 38.5,
                }
            )
            notifications.append(
                {
                    "notification_id": message_id,
                    "type": "booking_created",
                    "source_format": "nested",
                    "booking_id": row["id"],
                    "session_id": session["id"],
                    "facilitator_id": event["facilitator_id"],
                    "studio_id": event["studio_id"],
                    "user_id": row["user_id"],
                    "user_name": f"Past Person {row['user_id']}",
                    "user_email": f"past-person-{row['user_id']}@growth.example.com",
                    "event_id": event["id"],
                    "event_title": event["title"],
                    "event_start": event["starts_at"].isoformat(),
                    "message": text,
                    "data": {"booking_status": row["status"]},
                    "occurred_at": due,
                    "received_at": delivered,
                }
            )
        return messages, attempts, notifications


def _checkin(booking: dict, session: dict) -> dict:
    """The booker's seat checked in at the door five minutes before the start."""
    at = session["starts_at"] - timedelta(minutes=5)
    return {
        "session_id": session["id"],
        "booking_id": booking["id"],
        "seat": 1,
        "checked_in_at": at,
        "device_id": "door-1",
        "created_at": at,
    }

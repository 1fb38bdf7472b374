"""The mixed rush's exact counts: seats, bookings and pass credits in the database against what the API answered,
then every outbox row the sale made delivered once, the CRM holding each of its notifications once, each email on
disk."""

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlalchemy as sa
from rush import attempt_counts
from sqlalchemy import func, select

from crm_microservice.models import Notification
from main_app.extensions import db
from main_app.models import (
    SEAT_HOLDING,
    Booking,
    EventSession,
    OutboxMessage,
    Pass,
    PassLedgerEntry,
)

SETTLE_TIMEOUT = 120  # seconds to wait for everything due to be handed over


@dataclass
class Expected:
    """What the API's answers promise the database, the CRM and the mail folder hold."""

    session_id: int
    seats: int
    since: datetime  # the sale's outbox rows are those made after this
    answered: set[int] = field(default_factory=set)  # bookings answered 201 (booked, or an offer taken)
    confirmed: set[int] = field(default_factory=set)  # bookings made active: with a pass at once, or once paid
    cancelled: set[int] = field(default_factory=set)
    with_pass: set[int] = field(default_factory=set)  # bookings paid with a pass's credits
    guests: Counter = field(default_factory=Counter)  # the guests (each with an email) of each group booking
    first_sale_seats: int = 0  # the seats of the book wave's 201s: the sale sells out exactly
    paid: int = 0
    joins: int = 0
    freed: int = 0  # seats given back by the cancellations
    offers: int = 0  # offers the people in line found

    def booked(self, document: dict, first_sale: bool = False, with_pass: bool = False, guests: int = 0) -> None:
        self.answered.add(document["id"])
        self.guests[document["id"]] = guests
        if with_pass:
            self.with_pass.add(document["id"])
        self.first_sale_seats += document["seats"] if first_sale else 0
        if document["status"] == "active":
            self.confirmed.add(document["id"])


def _wait_settled(app, since: datetime) -> tuple[float, int]:
    """Poll until none of the sale's outbox rows (any channel) is pending and due; (seconds, left)."""
    started = time.monotonic()
    while True:
        with app.app_context():
            left = db.session.scalar(
                select(func.count()).where(
                    OutboxMessage.created_at >= since,
                    OutboxMessage.status == "pending",
                    OutboxMessage.next_attempt_at <= datetime.now(UTC),
                )
            )
            db.session.remove()
        if not left or time.monotonic() - started > SETTLE_TIMEOUT:
            return time.monotonic() - started, left
        time.sleep(0.1)


def _seats(app, expected: Expected, problems: list[str]) -> str:
    """Seats taken against the bookings holding them and what was answered."""
    with app.app_context():
        taken, capacity = db.session.execute(
            select(EventSession.seats_taken, EventSession.capacity).where(EventSession.id == expected.session_id)
        ).one()
        rows = db.session.execute(
            select(Booking.id, Booking.status, Booking.seats).where(Booking.session_id == expected.session_id)
        ).all()
        db.session.remove()
    holding = sum(row.seats for row in rows if row.status in SEAT_HOLDING)
    if not taken == holding <= capacity:
        problems.append(f"seats taken {taken}, held by bookings {holding}, capacity {capacity}")
    if expected.first_sale_seats != capacity:
        problems.append(f"the sale's 201s took {expected.first_sale_seats} seats of {capacity}")
    if {row.id for row in rows} != expected.answered:
        problems.append(f"{len(rows)} bookings stored, {len(expected.answered)} answered 201")
    statuses = Counter(row.status for row in rows)
    active = {row.id for row in rows if row.status == "active"}
    ended = {row.id for row in rows if row.status in ("cancelled", "refunded")}  # refunded: a paid one, given back
    if active != expected.confirmed - expected.cancelled or ended != expected.cancelled:
        problems.append(f"bookings by status {dict(statuses)}: not the answers' ({len(expected.confirmed)} confirmed)")
    return (
        f"{taken} of {capacity} seats taken, {holding} held by the session's bookings; {len(rows)} bookings "
        f"stored (answered 201: {len(expected.answered)}) by status {dict(statuses)}"
    )


def _passes(app, pass_ids: list[int], credits: int, problems: list[str]) -> str:
    """Each pack's credits_left against its ledger and against the seats its active bookings hold."""
    with app.app_context():
        left = dict(db.session.execute(select(Pass.id, Pass.credits_left).where(Pass.id.in_(pass_ids))).all())
        ledger = dict(
            db.session.execute(
                select(PassLedgerEntry.pass_id, func.sum(PassLedgerEntry.credits))
                .where(PassLedgerEntry.pass_id.in_(pass_ids))
                .group_by(PassLedgerEntry.pass_id)
            ).all()
        )
        used = dict(
            db.session.execute(
                select(Booking.pass_id, func.sum(Booking.seats))
                .where(Booking.pass_id.in_(pass_ids), Booking.status == "active")
                .group_by(Booking.pass_id)
            ).all()
        )
        db.session.remove()
    wrong = [p for p in pass_ids if not left[p] == ledger.get(p) == credits - used.get(p, 0)]
    if wrong:
        problems.append(f"{len(wrong)} passes whose credits_left, ledger and bookings disagree (e.g. {wrong[:5]})")
    spent = sum(used.values())
    return f"{len(pass_ids)} packs of {credits}: {spent} credits held by active bookings, {len(wrong)} out of step"


def _outbox(app, since: datetime):
    """The sale's outbox rows with the attempts logged for each, and the booking ids of its CRM booking_created."""
    with app.app_context():
        rows = db.session.execute(
            select(
                OutboxMessage.id,
                OutboxMessage.channel,
                OutboxMessage.type,
                OutboxMessage.status,
                OutboxMessage.next_attempt_at,
                OutboxMessage.payload,
            ).where(OutboxMessage.created_at >= since)
        ).all()
        attempts = attempt_counts([row.id for row in rows])
        db.session.remove()
    return rows, attempts


def _crm_held(crm_database_url: str, ids: list[str]) -> Counter:
    """How many times the CRM stored each of these notification ids."""
    engine = sa.create_engine(crm_database_url)
    held = Counter()
    with engine.connect() as conn:
        for first in range(0, len(ids), 500):
            chunk = ids[first : first + 500]
            held.update(
                conn.scalars(select(Notification.notification_id).where(Notification.notification_id.in_(chunk)))
            )
    engine.dispose()
    return held


def check(stack, expected: Expected, pass_ids: list[int], credits: int) -> tuple[list[str], list[str]]:
    """(the report's lines, every count that is not exact) once everything due was delivered."""
    problems: list[str] = []
    lines = [_seats(stack.app, expected, problems), _passes(stack.app, pass_ids, credits, problems)]
    settle_seconds, left = _wait_settled(stack.app, expected.since)
    rows, attempts = _outbox(stack.app, expected.since)
    now = datetime.now(UTC)
    due = [row for row in rows if row.next_attempt_at.replace(tzinfo=UTC) <= now]
    due_ids = {row.id for row in due}
    later = Counter((row.channel, row.type) for row in rows if row.id not in due_ids)
    delivered = Counter(
        (row.channel, row.type) for row in due if row.status == "delivered" and attempts.get(row.id) == 1
    )
    if odd := Counter((r.channel, r.type, r.status, attempts.get(r.id, 0)) for r in due if r.status != "delivered"):
        problems.append(f"due and not delivered: {dict(odd)} ({left} left after {settle_seconds:.0f} s)")
    if odd := Counter((r.channel, r.type, attempts.get(r.id, 0)) for r in due if attempts.get(r.id, 0) != 1):
        problems.append(f"not one attempt each: {dict(odd)}")
    if odd := [r.id for r in rows if r.id not in due_ids and (r.status != "pending" or attempts.get(r.id))]:
        problems.append(f"{len(odd)} rows due later were handled already")
    confirmed, cancelled = len(expected.confirmed), len(expected.cancelled)
    promised = {
        ("crm", "booking_created"): confirmed,
        ("crm", "booking_cancelled"): cancelled,
        ("crm", "payment_succeeded"): expected.paid,
        ("crm", "credit_spent"): len(expected.with_pass),
        ("crm", "credit_returned"): len(expected.with_pass & expected.cancelled),  # cancelled days ahead: in time
        ("crm", "refund_processed"): len(expected.cancelled - expected.with_pass),
        ("payments", "refund"): len(expected.cancelled - expected.with_pass),
        ("email", "booking_confirmed"): confirmed,
        ("email", "booking_cancelled"): cancelled,
        ("email", "waitlist_joined"): expected.joins,
        ("email", "waitlist_offer"): expected.offers,
        ("email", "guest_confirmed"): sum(expected.guests[b] for b in expected.confirmed),
        ("email", "guest_cancelled"): sum(expected.guests[b] for b in expected.cancelled),
    }
    if expected.offers != min(expected.freed, expected.joins):
        problems.append(f"{expected.offers} offers found for {expected.freed} seats freed, {expected.joins} in line")
    if odd := {key: (n, delivered[key]) for key, n in promised.items() if delivered[key] != n}:
        problems.append(f"(promised, delivered once) differ: {odd}")
    created = Counter(r.payload["booking_id"] for r in due if (r.channel, r.type) == ("crm", "booking_created"))
    if set(created) != expected.confirmed or set(created.values()) - {1}:
        problems.append(f"CRM booking_created for {len(created)} bookings, {confirmed} confirmed")
    crm_ids = [row.id for row in due if row.channel == "crm"]
    held = _crm_held(stack.env["CRM_DATABASE_URL"], crm_ids)
    if len(held) != len(crm_ids) or set(held.values()) - {1}:
        problems.append(f"the CRM holds {sum(held.values())} of the {len(crm_ids)} notifications ({len(held)} once)")
    mailed = [row.id for row in due if row.channel == "email" and row.status == "delivered"]
    on_disk = sum((stack.mail_folder / f"{message_id}.eml").exists() for message_id in mailed)
    if on_disk != len(mailed):
        problems.append(f"{on_disk} email files for {len(mailed)} emails delivered")
    lines += [
        f"everything due delivered {settle_seconds:.1f} s after the last wave ({left} left): "
        + ", ".join(f"{c} {t} {n}" for (c, t), n in sorted(delivered.items())),
        f"the CRM holds {sum(held.values())} notifications for the {len(crm_ids)} CRM rows; {on_disk} email files "
        f"for {len(mailed)} emails; due later (reminders, expiries): {sum(later.values())}",
    ]
    return lines, problems

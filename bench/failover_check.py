"""After the failover drill, the database against what people were told: every booking, payment, pack credit,
check-in and place in line a person was told of is there; no class has more seats taken than it has, nor other
than its bookings hold; every outbox row due is delivered, the CRM holding each of its notifications once and each
email on disk."""

import time
from collections import Counter
from datetime import datetime

import sqlalchemy as sa
from failover_data import PACK, Studio
from failover_rush import Answer
from rush import attempt_counts
from rush_mix_check import _crm_held, _passes

from main_app.extensions import db
from main_app.models import (
    PAYMENT_SUCCEEDED,
    SEAT_HOLDING,
    Booking,
    Checkin,
    DeliveryAttempt,
    EventSession,
    OutboxMessage,
    Payment,
    WaitlistEntry,
)

STALLED = 180  # seconds without one more message delivered before the wait for delivery gives up


def _told(answers: list[Answer], step: str, statuses: set[int], codes: set[str] | None = None) -> list[Answer]:
    return [a for a in answers if a.step == step and a.status in statuses and (codes is None or a.code in codes)]


def _bookings(studio: Studio, answers: list[Answer], problems: list[str]) -> str:
    told = {a.booking_id: a.user_id for a in _told(answers, "book", {201})}
    session_ids = [s for ids in studio.sessions.values() for s in ids]
    rows = db.session.execute(
        sa.select(Booking.id, Booking.user_id, Booking.session_id, Booking.status, Booking.seats).where(
            Booking.session_id.in_(session_ids)
        )
    ).all()
    stored = {row.id: row.user_id for row in rows}
    if lost := [b for b, user in told.items() if stored.get(b) != user]:
        problems.append(f"{len(lost)} bookings answered 201 are not stored as told (e.g. {lost[:5]})")
    holding = Counter()
    for row in rows:
        holding[row.session_id] += row.seats if row.status in SEAT_HOLDING else 0
    seats = db.session.execute(
        sa.select(EventSession.id, EventSession.seats_taken, EventSession.capacity).where(
            EventSession.id.in_(session_ids)
        )
    ).all()
    if wrong := [s.id for s in seats if not s.seats_taken == holding[s.id] <= s.capacity]:
        problems.append(f"{len(wrong)} classes whose seats taken are not their bookings' or over capacity: {wrong}")
    taken = sum(s.seats_taken for s in seats)
    return (
        f"{len(told)} bookings answered 201, {len(told) - len(lost)} stored as told; {len(rows)} stored in all (the "
        f"one-seat classes' first seats, booked before the clock, and any whose answer was lost and whose retry was "
        f"told already_booked among them); {taken} seats taken, none beyond a class's capacity"
    )


def _payments(answers: list[Answer], problems: list[str]) -> str:
    paid = {a.booking_id for a in _told(answers, "pay", {200}, {"applied", "duplicate"})}
    if ignored := [a.booking_id for a in _told(answers, "pay", {200}, {"ignored"})]:
        problems.append(f"{len(ignored)} payment webhooks answered 200 but ignored (e.g. {ignored[:5]})")
    rows = db.session.execute(
        sa.select(Payment.booking_id, Booking.status)
        .join(Booking, Booking.id == Payment.booking_id)
        .where(Payment.booking_id.in_(paid), Payment.status == PAYMENT_SUCCEEDED)
    ).all()
    each = Counter(row.booking_id for row in rows)
    if odd := [b for b in paid if each[b] != 1]:
        problems.append(f"{len(odd)} payments told paid without exactly one succeeded payment (e.g. {odd[:5]})")
    if odd := [row.booking_id for row in rows if row.status != "active"]:
        problems.append(f"{len(odd)} paid bookings not active (e.g. {odd[:5]})")
    return f"{len(paid)} payments told paid: {sum(each.values())} succeeded payments for them, one each"


def _checkins_and_joins(answers: list[Answer], problems: list[str]) -> str:
    seen = {a.booking_id for a in _told(answers, "checkin", {200}, {"checked_in", "already_checked_in"})}
    stored = set(db.session.scalars(sa.select(Checkin.booking_id).where(Checkin.booking_id.in_(seen))))
    if lost := seen - stored:
        problems.append(f"{len(lost)} check-ins told done are not stored")
    joined = {(a.session_id, a.user_id) for a in _told(answers, "join", {201})}
    sessions = {session for session, _ in joined}
    rows = db.session.execute(
        sa.select(WaitlistEntry.session_id, WaitlistEntry.user_id).where(WaitlistEntry.session_id.in_(sessions))
    ).all()
    if lost := joined - {tuple(row) for row in rows}:
        problems.append(f"{len(lost)} places in line told taken are not stored")
    return f"{len(seen)} check-ins told done, {len(stored)} stored; {len(joined)} places in line told, all stored"


def _due_left(app, since: datetime) -> int:
    with app.app_context():
        left = db.session.scalar(
            sa.select(sa.func.count()).where(
                OutboxMessage.created_at >= since,
                OutboxMessage.status == "pending",
                OutboxMessage.next_attempt_at <= sa.func.now(),
            )
        )
        db.session.remove()
    return left


def _wait_delivered(app, since: datetime) -> tuple[float, int]:
    """Poll until nothing due is pending, giving up only after STALLED seconds without progress; (seconds, left)."""
    started = last_change = time.monotonic()
    left = _due_left(app, since)
    while left and time.monotonic() - last_change < STALLED:
        time.sleep(0.5)
        now_left = _due_left(app, since)
        last_change = time.monotonic() if now_left < left else last_change
        left = now_left
    return time.monotonic() - started, left


def _delivery(stack, since: datetime, problems: list[str]) -> str:
    seconds, left = _wait_delivered(stack.app, since)
    with stack.app.app_context():
        rows = db.session.execute(
            sa.select(OutboxMessage.id, OutboxMessage.channel, OutboxMessage.status).where(
                OutboxMessage.created_at >= since, OutboxMessage.next_attempt_at <= sa.func.now()
            )
        ).all()
        ids = [row.id for row in rows]
        tries = attempt_counts(ids)
        succeeded = Counter(
            db.session.scalars(
                sa.select(DeliveryAttempt.message_id).where(
                    DeliveryAttempt.message_id.in_(ids),
                    DeliveryAttempt.error.is_(None),
                    sa.or_(DeliveryAttempt.status_code.is_(None), DeliveryAttempt.status_code < 300),
                )
            )
        )
        db.session.remove()
    if odd := Counter((r.channel, r.status) for r in rows if r.status != "delivered"):
        problems.append(f"due and not delivered {seconds:.0f} s after the rush: {dict(odd)} ({left} left)")
    crm = [row.id for row in rows if row.channel == "crm"]
    held = _crm_held(stack.env["CRM_DATABASE_URL"], crm)
    if len(held) != len(crm) or set(held.values()) - {1}:
        problems.append(f"the CRM holds {sum(held.values())} notifications for {len(crm)} CRM rows ({len(held)} once)")
    mailed = [row.id for row in rows if row.channel == "email" and row.status == "delivered"]
    on_disk = sum((stack.mail_folder / f"{message_id}.eml").exists() for message_id in mailed)
    if on_disk != len(mailed):
        problems.append(f"{on_disk} email files for {len(mailed)} emails")
    # A send whose acknowledgement was lost with the primary is sent again: the CRM keeps one per notification id,
    # and a repeated email carries the same Message-ID (its .eml file the same), which mail clients show once.
    again = Counter(r.channel for r in rows if succeeded[r.id] > 1)
    retried = sum(1 for m in ids if tries.get(m, 0) > 1)
    return (
        f"{len(rows)} outbox rows due, delivered {seconds:.1f} s after the rush; the CRM holds {sum(held.values())} "
        f"for its {len(crm)}; {on_disk} email files for {len(mailed)} emails; {retried} needed a second attempt; "
        f"sent again after a lost acknowledgement (same id, kept once): {dict(again) or 'none'}"
    )


def check(stack, studio: Studio, answers: list[Answer], since: datetime) -> tuple[list[str], list[str]]:
    """(the report's lines, every promise broken)."""
    problems: list[str] = []
    with stack.app.app_context():
        lines = [
            _bookings(studio, answers, problems),
            _payments(answers, problems),
            _checkins_and_joins(answers, problems),
        ]
        db.session.remove()
    lines.append(_passes(stack.app, studio.pass_ids, PACK, problems))
    lines.append(_delivery(stack, since, problems))
    return lines, problems

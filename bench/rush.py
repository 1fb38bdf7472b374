"""The rush: a popular session opens and far more people press Book at once than it has seats, while others browse
the catalogue. Then everything it set off must be delivered exactly once: the CRM's notifications and the emails."""

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import requests
from burst import Raw, rush
from measure import percentile, wait_settled
from sqlalchemy import func, select
from stack import HOST, SERVICE_TOKEN

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Booking, DeliveryAttempt, Event, EventSession, OutboxMessage

BOOKING_P99_SECONDS = 2.0
BROWSING_P99_SECONDS = 0.150
BROWSERS, BROWSE_PACE = 4, 0.02  # four people browsing, each loading the catalogue up to 50 times a second


@dataclass
class RushResult:
    """What the rush gave, and whether every promise held."""

    people: int
    seats: int
    connections: int
    front: str  # what the load met first: nginx as in production, or gunicorn itself
    seconds: float
    sold_seconds: float  # from the first request sent to the last booking answered
    statuses: Counter
    codes: Counter  # the error codes of the refusals
    booking_p99: float
    browsing: int
    browsing_statuses: Counter
    browsing_p99: float
    booked_in_db: int
    settle_seconds: float
    left: int
    crm_stored: int  # booking_created notifications the CRM holds for the session
    crm_distinct: int  # ... for how many distinct bookings
    messages: Counter  # (channel, type, status, attempts) of the bookings' outbox rows, reminders aside
    emails_on_disk: int

    @property
    def per_minute(self) -> float:
        """Bookings answered a minute while seats were being sold."""
        return self.statuses.get(201, 0) / self.sold_seconds * 60 if self.sold_seconds else 0.0

    def problems(self, latency: bool = True) -> list[str]:
        """Every promise that did not hold (empty: the rush met all of them); latency=False leaves the p99s out."""
        found = []
        if self.statuses.get(201, 0) != self.seats or self.booked_in_db != self.seats:
            found.append(f"{self.statuses.get(201, 0)} bookings answered, {self.booked_in_db} stored, not {self.seats}")
        others = {s: n for s, n in self.statuses.items() if s not in (201, 409)}
        if others:
            found.append(f"answers other than 201 and 409: {others}")
        if latency and self.booking_p99 >= BOOKING_P99_SECONDS:
            found.append(f"booking p99 {self.booking_p99 * 1000:.0f} ms, not under {BOOKING_P99_SECONDS * 1000:.0f}")
        if set(self.browsing_statuses) - {200} or (latency and self.browsing_p99 >= BROWSING_P99_SECONDS):
            found.append(f"GET /events p99 {self.browsing_p99 * 1000:.0f} ms, statuses {dict(self.browsing_statuses)}")
        if self.left or self.crm_stored != self.seats or self.crm_distinct != self.seats:
            found.append(f"CRM holds {self.crm_stored} notifications of {self.crm_distinct} bookings, {self.left} left")
        once = Counter(
            {
                ("crm", "booking_created", "delivered", 1): self.seats,
                ("email", "booking_confirmed", "delivered", 1): self.seats,
                ("app", "booking_confirmed", "delivered", 1): self.seats,  # the notification centre's notice
            }
        )
        if any(channel == "whatsapp" for channel, *_ in self.messages):  # people with WhatsApp on (--whatsapp)
            once["whatsapp", "booking_confirmed", "delivered", 1] = self.seats
        if self.messages != once or self.emails_on_disk != self.seats:
            found.append(f"outbox {dict(self.messages)}, {self.emails_on_disk} email files")
        return found

    def lines(self) -> list[str]:
        """The rush's block of the printed report."""
        refusals = ", ".join(f"{code} {n}" for code, n in self.codes.most_common())
        verdict = "; ".join(self.problems()) or "every promise held"
        return [
            f"rush      {self.people:,} people book one session of {self.seats} seats at once over "
            f"{self.connections} connections, {BROWSERS} more connections browse GET /events meanwhile (each up to "
            f"{1 / BROWSE_PACE:.0f} a second); {self.front}",
            f"  bookings  {self.seconds:.2f} s in all; answers {dict(sorted(self.statuses.items()))} "
            f"(409s: {refusals}); p99 {self.booking_p99 * 1000:.0f} ms (target < {BOOKING_P99_SECONDS * 1000:.0f})",
            f"  browsing  {self.browsing} GET /events while it lasted, answers {dict(self.browsing_statuses)}; "
            f"p99 {self.browsing_p99 * 1000:.0f} ms (target < {BROWSING_P99_SECONDS * 1000:.0f})",
            f"  after     {self.booked_in_db} bookings stored; everything due delivered {self.settle_seconds:.1f} s "
            f"after the burst ({self.left} left); the CRM holds {self.crm_stored} booking_created for "
            f"{self.crm_distinct} bookings; outbox {dict(self.messages)}; {self.emails_on_disk} confirmation "
            "emails on disk",
            f"  verdict   {verdict}",
        ]


def open_session(app, seats: int) -> int:
    """A new session of an existing event, starting in ten days, with `seats` seats."""
    starts = datetime.now(UTC) + timedelta(days=10)
    with app.app_context():
        with unit_of_work():
            event = db.session.scalar(select(Event).where(Event.status == "scheduled").order_by(Event.id))
            session = EventSession(
                event_id=event.id,
                instructor_id=event.facilitator_id,
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                capacity=seats,
            )
            db.session.add(session)
        session_id = session.id
        db.session.remove()
    return session_id


def run_rush(
    stack,
    tokens: list[str],
    *,
    people: int,
    seats: int,
    connections: int,
    settle_timeout: float = 120,
    when_settled: Callable[[], None] | None = None,
) -> RushResult:
    """The burst with browsing beside it, through nginx as the production profile runs it where nginx is
    installed, then the wait for delivery (at most settle_timeout seconds), then the count of what was delivered.
    when_settled is called once everything is delivered, before the counting (whose reads are no part of the sale)."""
    session_id = open_session(stack.app, seats)
    port = stack.start_front() or stack.main_port
    front = (
        "through nginx as in production (the catalogue micro-cached)"
        if stack.front
        else "straight to gunicorn (nginx is not installed: no micro-cache)"
    )
    host = f"{HOST}:{port}"
    body = json.dumps({"session_id": session_id})
    burst = [
        Raw.build(
            "POST",
            "/bookings/book",
            host,
            {"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
            body,
        )
        for token in tokens[:people]
    ]
    booked, browsed, seconds = rush(
        HOST,
        port,
        burst,
        connections=connections,
        browse=Raw.build("GET", "/events", host),
        browsers=BROWSERS,
        pace=BROWSE_PACE,
    )
    codes = Counter(
        json.loads(answer)["error"]["code"]
        for status, answer in zip(booked.statuses, booked.bodies, strict=True)
        if status == 409
    )
    answered = zip(booked.statuses, booked.sent, booked.seconds, strict=True)
    sold = [sent + took for status, sent, took in answered if status == 201]
    settle_seconds, left = wait_settled(stack.app, settle_timeout)
    if when_settled is not None:
        when_settled()
    return RushResult(
        people=people,
        seats=seats,
        connections=connections,
        front=front,
        seconds=seconds,
        sold_seconds=max(sold) - min(booked.sent) if sold else 0.0,
        statuses=Counter(booked.statuses),
        codes=codes,
        booking_p99=percentile(booked.seconds, 99),
        browsing=len(browsed.statuses),
        browsing_statuses=Counter(browsed.statuses),
        browsing_p99=percentile(browsed.seconds, 99),
        booked_in_db=len(_booking_ids(stack.app, session_id)),
        settle_seconds=settle_seconds,
        left=left,
        crm_stored=len(crm := _crm_booked(stack.crm_url, session_id, _booking_ids(stack.app, session_id))),
        crm_distinct=len(set(crm)),
        messages=_messages(stack.app, session_id),
        emails_on_disk=_emails_on_disk(stack, session_id),
    )


def _booking_ids(app, session_id: int) -> set[int]:
    with app.app_context():
        ids = set(db.session.scalars(select(Booking.id).where(Booking.session_id == session_id)))
        db.session.remove()
    return ids


def _crm_booked(crm_url: str, session_id: int, booking_ids: set[int]) -> list[int]:
    """The booking ids of the booking_created notifications the CRM holds for these bookings, one per notification."""
    items, page = [], 1
    while True:
        answer = requests.get(
            f"{crm_url}/notifications",
            params={"session_id": session_id, "type": "booking_created", "per_page": 100, "page": page},
            headers={"Authorization": f"Bearer {SERVICE_TOKEN}"},
            timeout=30,
        ).json()
        items += answer["items"]
        if page >= answer["pages"]:
            break
        page += 1
    return [item["booking_id"] for item in items if item["booking_id"] in booking_ids]


def _outbox_rows(app, session_id: int):
    """The outbox rows about the session's bookings, reminders aside (due days later), with their attempt counts."""
    mine = select(Booking.id).where(Booking.session_id == session_id)
    with app.app_context():
        rows = db.session.execute(
            select(OutboxMessage.id, OutboxMessage.channel, OutboxMessage.type, OutboxMessage.status).where(
                OutboxMessage.type.not_in(("reminder_24h", "reminder_2h")),
                (OutboxMessage.booking_id.in_(mine)) | (OutboxMessage.payload["booking_id"].as_integer().in_(mine)),
            )
        ).all()
        attempts = attempt_counts([row.id for row in rows])
        db.session.remove()
    return rows, attempts


def attempt_counts(message_ids: list[str]) -> dict[str, int]:
    """The delivery attempts logged for each of these outbox messages (inside an app context); WhatsApp's statuses,
    which its webhook adds to the same log, are Meta's word on a send, not one."""
    query = (
        select(DeliveryAttempt.message_id, func.count())
        .where(DeliveryAttempt.message_id.in_(message_ids), DeliveryAttempt.worker_id != "whatsapp-status")
        .group_by(DeliveryAttempt.message_id)
    )
    return dict(db.session.execute(query).all())


def _messages(app, session_id: int) -> Counter:
    """(channel, type, status, attempts logged) of each outbox row about the session's bookings."""
    rows, attempts = _outbox_rows(app, session_id)
    return Counter((row.channel, row.type, row.status, attempts.get(row.id, 0)) for row in rows)


def _emails_on_disk(stack, session_id: int) -> int:
    """Confirmation emails of the session's bookings written to the mail folder (named by their outbox ids)."""
    rows, _ = _outbox_rows(stack.app, session_id)
    folder = stack.mail_folder
    return sum((folder / f"{row.id}.eml").exists() for row in rows if row.type == "booking_confirmed")

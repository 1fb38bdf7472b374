"""A booking's schedule under its event's payment plan: written when the deposit is paid (deposit paid, the
balance's instalments due), then one timers-lane message per instalment and step, due on its date: reminders 7
days and 1 day before, the pay link on the day, and after the last one the grace period's end (services.payments.
balance). Each message looks at the instalment when it is due and sends nothing once it is paid or cancelled; each
instalment's state changes by a conditional UPDATE on the state it was read in. Lock order: sessions, bookings,
then instalments."""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from main_app.services.common import format_money, local_time
from main_app.services.discounts import amount_off
from main_app.services.seats import option_seat_price as seat_price
from main_app.services.studios import charged_tax, with_tax

from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    INSTALMENT_CANCELLED,
    INSTALMENT_DUE,
    INSTALMENT_PAID,
    Booking,
    BookingInstalment,
    Event,
    EventSession,
    Payment,
    User,
    utcnow,
)
from .. import news, timers
from . import plans
from .plans import DEPOSIT, Part
from .records import booking_for_update, receipt
from .refunds import request_refund

# The steps of an instalment's messages and how long before its due date each goes; "grace" follows the last one.
REMINDERS = {"reminder_7": timedelta(days=7), "reminder_1": timedelta(days=1)}
DUE, GRACE = "due", "grace"
MESSAGE_TYPES = timers.InstalmentTimer.KINDS  # the timers lane's kinds


def quoted_tax(booking: Booking, event_session: EventSession, event: Event) -> dict:
    """The tax a booking's seats are charged with from now: admission where the class is held; a class online is a
    general service, reverse charged to a business elsewhere in the EU."""
    return charged_tax(event.studio_id, buyer_id=booking.user_id, general=event_session.mode == "online")


def booking_total(booking: Booking, event_session: EventSession, studio_id: int, tax: dict | None = None) -> int:
    """What a booking's seats cost in all: its room option's price (or the session's) per seat, less its code's,
    and the tax its studio adds to its prices, if it adds one (at the quote tax's rate, else today's)."""
    net = seat_price(event_session, booking.option_id) * booking.seats - amount_off(booking.id)
    return with_tax(studio_id, net, tax)


def first_payment(booking: Booking, event_session: EventSession, event: Event, total: int) -> tuple[int, int | None]:
    """What a held seat's checkout asks: the deposit (instalment 0) under the event's plan, else the total (None)."""
    parts = plans.schedule(event.payment_plan, total, booking.seats, event_session.starts_at, event.timezone, utcnow())
    return (total, None) if parts is None else (parts[0].amount, DEPOSIT)


def start(booking: Booking, deposit: Payment, event_session: EventSession, event: Event, total: int) -> None:
    """The deposit was paid (in the caller's unit of work, the booking locked): the schedule as the plan made it
    when the seat was booked, dates already past due now, and each instalment's messages."""
    now = utcnow()
    if of_booking(booking.id):
        return  # written already: a booking has one schedule
    made = event.payment_plan and plans.schedule(
        event.payment_plan, total, booking.seats, event_session.starts_at, event.timezone, booking.created_at
    )
    if not made or made[0].amount != deposit.amount:  # the plan changed while the deposit was being paid
        rest = total - deposit.amount
        made = [Part(DEPOSIT, deposit.amount, now), *([Part(1, rest, now)] if rest > 0 else [])]
    rows = [
        BookingInstalment(
            booking_id=booking.id,
            number=part.number,
            amount=part.amount,
            currency=deposit.currency,
            due_at=max(part.due_at, now),
            **(
                {"status": INSTALMENT_PAID, "payment_id": deposit.id, "paid_at": now}
                if part.number == DEPOSIT
                else {"status": INSTALMENT_DUE}
            ),
        )
        for part in made
    ]
    db.session.add_all(rows)
    db.session.flush()
    for row in rows[1:]:
        for step, before in [*REMINDERS.items(), (DUE, timedelta(0))]:
            if step == DUE or row.due_at - before > now:  # a reminder whose time passed is not sent late
                _message(row, step, row.due_at - before)
    if len(rows) > 1:
        grace = timedelta(days=current_app.config["BALANCE_GRACE_DAYS"])
        _message(rows[-1], GRACE, rows[-1].due_at + grace)


def _message(row: BookingInstalment, step: str, at: datetime) -> None:
    """One step's message, its id made of the instalment and step: written once, whatever retries."""
    timers.schedule(timers.InstalmentTimer(instalment_id=row.id, booking_id=row.booking_id, step=step, due=at))


def of_booking(booking_id: int) -> list[BookingInstalment]:
    return db.session.scalars(
        select(BookingInstalment)
        .where(BookingInstalment.booking_id == booking_id)
        .order_by(BookingInstalment.number)
        .execution_options(populate_existing=True)
    ).all()


def due(job: timers.InstalmentTimer) -> None:
    """An instalment's step is due (dispatcher, in its unit of work, the booking's session locked): its reminder or
    pay link, only while it is unpaid on an active booking (the grace period's end is services.payments.balance)."""
    booking, user, event_session, event = booking_for_update(job.booking_id)
    row = db.session.get(BookingInstalment, job.instalment_id, populate_existing=True)
    if row is None or row.status != INSTALMENT_DUE or booking.status != BOOKING_ACTIVE:
        return  # paid, or cancelled with its booking: nothing to send
    kind = "instalment_due" if job.step == DUE else "instalment_reminder"
    about = (booking, user, event_session, event, _fields(row), shown(booking, row, event))
    news.publish(news.InstalmentStep(kind, *about))


def paid(payment: Payment, booking: Booking, user: User, event_session: EventSession, event: Event) -> None:
    """A verified payment for one instalment (webhook, the booking locked): it is marked paid once and a receipt
    goes; money for an instalment paid already, or of a booking no longer active, goes back."""
    marked = 0
    if booking.status == BOOKING_ACTIVE:
        marked = db.session.execute(
            update(BookingInstalment)
            .where(
                BookingInstalment.booking_id == booking.id,
                BookingInstalment.number == payment.instalment,
                BookingInstalment.status == INSTALMENT_DUE,
            )
            .values(status=INSTALMENT_PAID, payment_id=payment.id, paid_at=utcnow())
            .execution_options(synchronize_session=False)
        ).rowcount
    if marked != 1:
        why = "This instalment was already paid." if booking.status == BOOKING_ACTIVE else "The booking was cancelled."
        request_refund(payment, why)
        return
    row = db.session.scalars(
        select(BookingInstalment)
        .where(BookingInstalment.booking_id == booking.id, BookingInstalment.number == payment.instalment)
        .execution_options(populate_existing=True)
    ).one()
    about = (booking, user, event_session, event, _fields(row), shown(booking, row, event))
    news.publish(news.InstalmentStep("instalment_paid", *about, receipt(payment), payment.payment_id))


def cancel_unpaid(booking_id: int) -> int:
    """The booking ended (in the caller's unit of work): its unpaid instalments are cancelled, so their messages
    send nothing; how many."""
    return db.session.execute(
        update(BookingInstalment)
        .where(BookingInstalment.booking_id == booking_id, BookingInstalment.status == INSTALMENT_DUE)
        .values(status=INSTALMENT_CANCELLED)
        .execution_options(synchronize_session=False)
    ).rowcount


def _fields(row: BookingInstalment) -> dict:
    return {"number": row.number, "amount": row.amount, "currency": row.currency, "due_at": row.due_at.isoformat()}


def shown(booking: Booking, row: BookingInstalment, event: Event) -> dict:
    """What an instalment's emails show: the instalment, its pay link, and the whole schedule."""
    web = current_app.config["PUBLIC_WEB_URL"]
    return {
        "instalment": {
            "number": row.number,
            "amount": format_money(row.amount, row.currency),
            "due": local_time(row.due_at, event.timezone),
            # The same as values, for an email that writes them in its person's language.
            "value": row.amount,
            "currency": row.currency,
            "due_at": row.due_at.isoformat(),
            "pay_url": f"{web}/bookings/{booking.id}/instalments/{row.number}/pay",
        },
        "plan": schedule_shown(of_booking(booking.id), event.timezone),
    }


def shown_of(zones: dict[int, str]) -> dict[int, dict]:
    """The schedules of these bookings ({booking id: its event's zone}) as schedule_shown gives them: one query."""
    if not zones:
        return {}
    found: dict[int, list[BookingInstalment]] = {}
    rows = db.session.scalars(
        select(BookingInstalment)
        .where(BookingInstalment.booking_id.in_(zones))
        .order_by(BookingInstalment.booking_id, BookingInstalment.number)
    )
    for row in rows:
        found.setdefault(row.booking_id, []).append(row)
    now = utcnow()
    return {booking_id: schedule_shown(parts, zones[booking_id], now) for booking_id, parts in found.items()}


def schedule_shown(rows: list[BookingInstalment], zone: str, now: datetime | None = None) -> dict:
    """A schedule as emails and the booking's JSON show it: each part with its status (paid, due, overdue,
    cancelled, refunded), and what is paid and outstanding."""
    now = now or utcnow()
    currency = rows[0].currency if rows else "INR"
    parts = [
        {
            "number": row.number,
            "deposit": row.number == DEPOSIT,
            "amount": row.amount,
            "formatted": format_money(row.amount, row.currency),
            "due_at": row.due_at.isoformat(),
            "due": local_time(row.due_at, zone),
            "status": "overdue" if row.status == INSTALMENT_DUE and row.due_at <= now else row.status,
        }
        for row in rows
    ]
    paid_total = sum(row.amount for row in rows if row.status == INSTALMENT_PAID)
    outstanding = sum(row.amount for row in rows if row.status == INSTALMENT_DUE)
    upcoming = next((row.number for row in rows if row.status == INSTALMENT_DUE), None)
    return {
        "schedule": parts,
        "currency": currency,
        "paid": paid_total,
        "paid_formatted": format_money(paid_total, currency),
        "outstanding": outstanding,
        "outstanding_formatted": format_money(outstanding, currency),
        "next_due": upcoming,
    }

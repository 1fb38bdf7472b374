"""The records of a booking's money after its first payment (a plan's instalments, refunds), and their channel
writers (the CRM's rows, the people's words)."""

from collections.abc import Sequence
from dataclasses import dataclass

from main_app.services.common import format_money
from main_app.services.crm import BOOKING_TYPES, about_session_row, booking_change_payload, message_row

from ...models import GUEST_ACTIVE, Booking, BookingGuest, Event, EventSession, User
from .guest_mail import mail_words
from .words import Word, booking_words


@dataclass(frozen=True)
class RefundSettled:
    """A refund done, or failed for good (data: the CRM's refund fields; guest: whose seat it was, when one seat's):
    the CRM hears either way, the person when it was done."""

    booking: Booking
    user: User
    session: EventSession
    event: Event
    processed: bool
    data: dict
    guest: BookingGuest | None = None
    in_person: bool = False  # money taken at the door or the desk, given back there


@dataclass(frozen=True)
class InstalmentStep:
    """A plan's instalment reminded, due or paid (kind: instalment_reminder, instalment_due, instalment_paid;
    instalment: the CRM's fields; shown: what the emails show; receipt and payment_id: when paid)."""

    kind: str
    booking: Booking
    user: User
    session: EventSession
    event: Event
    instalment: dict
    shown: dict
    receipt: dict | None = None
    payment_id: str | None = None


def instalment_mail(news: InstalmentStep) -> list[Word]:
    """The person's word of the step (its receipt when paid)."""
    about = (news.booking, news.user, news.session, news.event, news.event.facilitator)
    paid = {"receipt": news.receipt} if news.kind == "instalment_paid" else {}
    return booking_words(news.kind, *about, **paid, **news.shown)


def crm_instalment(news: InstalmentStep) -> list[dict]:
    """CRM instalment_due (news for the facilitator) or instalment_paid (made by the person); nothing of a reminder."""
    user, title, step = news.user, news.event.title, news.instalment
    money = format_money(step["amount"], step["currency"])
    data = {**step, "booking_id": news.booking.id}
    if news.kind == "instalment_due":
        message, actor = f"Instalment {step['number']} of {user.name}'s {title} is due: {money}", None
    elif news.kind == "instalment_paid":
        message, actor = f"{user.name} paid instalment {step['number']} for {title}: {money}", user
        data["payment_id"] = news.payment_id
    else:
        return []
    about = (news.session, news.event, user, message, data)
    return [about_session_row(news.kind, *about, booking_id=news.booking.id, actor=actor)]


@dataclass(frozen=True)
class BalanceMissed:
    """A plan's booking cancelled when its balance went unpaid past the grace (plan: its schedule as shown;
    refunded: what goes back): the CRM, the person and their guests hear."""

    booking: Booking
    user: User
    session: EventSession
    event: Event
    guests: Sequence[BookingGuest]
    plan: dict
    refunded: int


def crm_balance_missed(news: BalanceMissed) -> list[dict]:
    """CRM booking_cancelled and balance_missed."""
    booking, user, plan = news.booking, news.user, news.plan
    payload = booking_change_payload(booking, "cancelled", user, news.session, news.event, guests=news.guests)
    message = f"{user.name}'s booking of {news.event.title} was cancelled: the balance was not paid"
    data = {"booking_id": booking.id, "paid": plan["paid"], "refunded": news.refunded, "currency": plan["currency"]}
    about = (news.session, news.event, user, message, data)
    return [
        message_row(BOOKING_TYPES["cancelled"], payload, actor=user),
        about_session_row("balance_missed", *about, booking_id=booking.id),
    ]


def balance_missed_mail(news: BalanceMissed) -> list[Word]:
    """Each guest still coming's guest_cancelled, the person's balance_missed."""
    about = (news.booking, news.user, news.session, news.event, news.event.facilitator)
    coming = [guest for guest in news.guests if guest.status == GUEST_ACTIVE]
    refund = {"amount": format_money(news.refunded, news.plan["currency"])} if news.refunded else None
    words = mail_words("guest_cancelled", coming, *about, by="plan")
    return words + booking_words("balance_missed", *about, refund=refund, plan=news.plan)


def crm_refund_settled(news: RefundSettled) -> list[dict]:
    """CRM refund_processed or refund_failed, made by no one: news for the facilitator either way."""
    outcome = "processed" if news.processed else "failed"
    paid = format_money(news.data["amount"], news.data["currency"])
    seat = news.event.title if news.guest is None else f"{news.guest.name}'s seat in {news.event.title}"
    message = f"Refund of {paid} to {news.user.name} for {seat} {outcome}"
    data = {"booking_id": news.booking.id, **news.data}
    about = (news.session, news.event, news.user, message, data)
    return [about_session_row(f"refund_{outcome}", *about, booking_id=news.booking.id)]


def email_refund_processed(news: RefundSettled) -> list[Word]:
    """The person's refund_processed."""
    if not news.processed:
        return []
    # total: the minor units given back, by which the email finds its credit note when it is sent
    refund = {"amount": format_money(news.data["amount"], news.data["currency"]), "total": news.data["amount"]}
    refund["currency"] = news.data["currency"]  # with total, the amount in the person's language
    if news.in_person:
        refund["in_person"] = True
    about = (news.booking, news.user, news.session, news.event, news.event.facilitator)
    return booking_words("refund_processed", *about, refund=refund)

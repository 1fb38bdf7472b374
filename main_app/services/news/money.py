"""The records of money going back to a booking's person, and their channel writers."""

from dataclasses import dataclass
from typing import Any

from main_app.services.common import format_money
from main_app.services.crm import about_session_row
from main_app.services.emails import booking_rows


@dataclass(frozen=True)
class RefundSettled:
    """A refund done, or failed for good (data: the CRM's refund fields; guest: whose seat it was, when one seat's):
    the CRM hears either way, the person when it was done."""

    booking: Any
    user: Any
    session: Any
    event: Any
    processed: bool
    data: dict
    guest: Any = None


def crm_refund_settled(news: RefundSettled) -> list[dict]:
    """CRM refund_processed or refund_failed, made by no one: news for the facilitator either way."""
    outcome = "processed" if news.processed else "failed"
    paid = format_money(news.data["amount"], news.data["currency"])
    seat = news.event.title if news.guest is None else f"{news.guest.name}'s seat in {news.event.title}"
    message = f"Refund of {paid} to {news.user.name} for {seat} {outcome}"
    data = {"booking_id": news.booking.id, **news.data}
    about = (news.session, news.event, news.user, message, data)
    return [about_session_row(f"refund_{outcome}", *about, booking_id=news.booking.id)]


def email_refund_processed(news: RefundSettled) -> list[dict]:
    """The person's refund_processed, its notice and its text where texts say it."""
    if not news.processed:
        return []
    refund = {"amount": format_money(news.data["amount"], news.data["currency"])}
    about = (news.booking, news.user, news.session, news.event, news.event.facilitator)
    return booking_rows("refund_processed", *about, refund=refund)

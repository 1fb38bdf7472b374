"""The writers of staff's changes (news.organiser's records): the CRM's rows and the people's words."""

from main_app.services.crm import (
    BOOKING_TYPES,
    about_session_row,
    approval_step_row,
    booking_change_payload,
    event_change_row,
    message_row,
    seat_for,
    session_change_row,
)

from ...models import BOOKING_ACTIVE, GUEST_ACTIVE
from .guest_mail import mail_words
from .organiser import (
    Approved,
    CalledOff,
    CheckinUndone,
    Declined,
    EventChanged,
    Moved,
    RequestEnded,
    SessionChanged,
    WalkedIn,
)
from .words import Word, booking_words


def crm_called_off(news: CalledOff) -> list[dict]:
    """CRM booking_cancelled, made by staff, a member of the cancellation's batch."""
    payload = booking_change_payload(
        news.booking, "cancelled", news.user, news.session, news.event, batch_id=news.batch_id, guests=news.guests
    )
    return [message_row(BOOKING_TYPES["cancelled"], payload, actor=news.staff)]


def guests_called_off(news: CalledOff) -> list[Word]:
    """Each guest still coming with an email hears the facilitator cancelled, and why."""
    coming = [guest for guest in news.guests if guest.status == GUEST_ACTIVE]
    about = (news.booking, news.user, news.session, news.event, news.staff)
    return mail_words("guest_cancelled", coming, *about, by="facilitator", reason=news.reason)


def email_called_off(news: CalledOff) -> list[Word]:
    """The person's booking_cancelled email, notice and text, with what goes back."""
    about = (news.booking, news.user, news.session, news.event, news.staff)
    told = {"by": "facilitator", "reason": news.reason, "refund": news.refund, "credit": news.credit}
    return booking_words("booking_cancelled", *about, **told)


def email_moved(news: Moved) -> list[Word]:
    """The person's booking_changed email, notice and text, with what changed."""
    about = (news.booking, news.user, news.session, news.event, news.staff)
    return booking_words("booking_changed", *about, changes=news.changes)


def guests_moved(news: Moved) -> list[Word]:
    """Each guest still coming with an email: their guest_changed, then their reminders again."""
    coming = [guest for guest in news.guests if guest.status == GUEST_ACTIVE]
    about = (news.booking, news.user, news.session, news.event, news.staff)
    return mail_words("guest_changed", coming, *about, party=news.guests, changes=news.changes)


def crm_approved(news: Approved) -> list[dict]:
    """CRM booking_created for a seat booked (made by the event's organiser), then booking_approved."""
    booking, user, event_session, event = news.booking, news.user, news.session, news.event
    rows = []
    if booking.status == BOOKING_ACTIVE:  # a paid seat is reported as booked once it is paid
        payload = booking_change_payload(booking, "created", user, event_session, event, guests=news.guests)
        rows.append(message_row(BOOKING_TYPES["created"], payload, actor=news.organiser))
    return [*rows, approval_step_row("booking_approved", booking, user, event_session, event, actor=news.organiser)]


def email_approved(news: Approved) -> list[Word]:
    """The person's booking_confirmed for a seat booked, or approval_granted with where to pay (text, notice)."""
    about = (news.booking, news.user, news.session, news.event, news.organiser)
    if news.booking.status == BOOKING_ACTIVE:
        return booking_words("booking_confirmed", *about)
    return booking_words("approval_granted", *about, pay=news.pay)


def email_declined(news: Declined) -> list[Word]:
    """The person's approval_declined with the facilitator's message."""
    about = (news.booking, news.user, news.session, news.event, news.organiser)
    return booking_words("approval_declined", *about, message=news.message)


def crm_declined(news: Declined) -> list[dict]:
    """CRM booking_declined, made by the event's organiser."""
    booking, user, event_session, event = news.booking, news.user, news.session, news.event
    return [
        approval_step_row(
            "booking_declined", booking, user, event_session, event, actor=news.organiser, reason=news.message
        )
    ]


def crm_request_ended(news: RequestEnded) -> list[dict]:
    """CRM approval_expired (no one acted) or approval_withdrawn (made by the person)."""
    actor = news.user if news.kind == "approval_withdrawn" else None
    return [approval_step_row(news.kind, news.booking, news.user, news.session, news.event, actor=actor)]


def email_request_ended(news: RequestEnded) -> list[Word]:
    """An expired request's approval_expired to its person."""
    if news.kind != "approval_expired":
        return []
    about = (news.booking, news.user, news.session, news.event, news.event.facilitator)
    return booking_words("approval_expired", *about)


def crm_walked_in(news: WalkedIn) -> list[dict]:
    """CRM booking_created, made by staff, with the payment's fields when paid at the door."""
    payload = booking_change_payload(news.booking, "created", news.user, news.seen, news.event, payment=news.payment)
    return [message_row(BOOKING_TYPES["created"], payload, actor=news.staff)]


def email_walked_in(news: WalkedIn) -> list[Word]:
    """The person's booking_confirmed (its receipt when paid at the door) and its notice."""
    about = (news.booking, news.user, news.session, news.event, news.staff)
    return booking_words("booking_confirmed", *about, **({"receipt": news.receipt} if news.receipt else {}))


def crm_checkin_undone(news: CheckinUndone) -> list[dict]:
    """CRM checkin_undone, made by staff."""
    message = f"A check-in to {news.event.title} was undone"
    data = {"booking_id": news.booking_id, "seat": news.seat, **seat_for(news.dependent_id)}
    about = (news.session, news.event, news.booker, message, data)
    return [about_session_row("checkin_undone", *about, booking_id=news.booking_id, actor=news.staff)]


def crm_event_changed(news: EventChanged) -> list[dict]:
    """CRM event_created, event_updated or event_cancelled, made by staff."""
    return [event_change_row(news.event, news.action, news.staff, news.changes, message_id=news.message_id)]


def crm_session_changed(news: SessionChanged) -> list[dict]:
    """CRM session_created, session_updated or session_cancelled, made by staff."""
    about = (news.session, news.event, news.action, news.staff, news.changes)
    return [session_change_row(*about, message_id=news.message_id)]

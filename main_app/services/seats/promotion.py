"""Promotion: every seat freed in a session with a line goes to the line in the transaction that freed it, first come
first served, never after the start. A session in waitlist_mode "auto" books it for the head of the line at once; in
"offer" (past auto_until_hours, when set) the seat is claimed for an offer to the head, who has offer_minutes (never
past the start) to take it with a signed link; declined or not taken, it passes to the next (services.seats.offers).

Each seat is claimed first (the usual conditional UPDATE: never a seat that is not there, none once the session has
started or was cancelled), and only then the head is read: the claim holds the session's row until commit, so
promoters take turns and each finds the true head. One claimed seat, one offer: no seat is offered twice."""

from datetime import timedelta

from flask import current_app

from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    CHANNEL_PAYMENTS,
    Booking,
    EventSession,
    OutboxMessage,
    User,
    WaitlistEntry,
    new_message_id,
    utcnow,
)
from ..common.local_times import local_time, short_time
from ..common.money import format_money
from ..common.tokens import offer_token
from ..emails.attendee_mail import booking_snapshot, drop_emails, enqueue_email
from ..texts.outbox import text_booking
from . import line
from .capacity import claim_seat, give_back_seat
from .holds import hold

OFFER_EXPIRY = "offer_expiry"


def promote(session_id: int) -> list[Booking]:
    """Give every free seat of the session to its line, inside the caller's transaction: the bookings made (none
    when the seats were offered instead)."""
    if not line.waiting_exists(session_id):  # the usual case, one query
        return []
    event_session = line.session_with_event(session_id)
    if event_session.offers_seats(utcnow()):
        offer_free_seats(event_session)
        return []
    return _book_free_seats(session_id)


def _next_head(session_id: int) -> WaitlistEntry | None:
    """With a seat claimed: the head of the line that will get it, or None (the seat given back: nobody waits). A
    head who holds a seat another way leaves the line, and the next is asked."""
    while (head := line.head(session_id)) is not None:
        if not line.holds_seat(head.user_id, session_id):
            return head
        drop_emails([head.notice_id])
        db.session.delete(head)
        db.session.flush()
    give_back_seat(session_id)
    return None


def _book_free_seats(session_id: int) -> list[Booking]:
    promoted = []
    while line.waiting_exists(session_id) and claim_seat(session_id) is not None:
        if (head := _next_head(session_id)) is None:
            return promoted
        drop_emails([head.notice_id])  # it got a seat: no "no seat came free" at the start
        db.session.delete(head)
        booking = Booking(session_id=session_id, user_id=head.user_id, status=BOOKING_ACTIVE, from_waitlist=True)
        db.session.add(booking)
        db.session.flush()
        event_session = line.session_with_event(session_id)  # fresh: the seat count just changed
        if event_session.price > 0:
            hold(booking, event_session, promoted=True)  # theirs once they pay, as for any paid seat
        line.tell_promoted(booking, db.session.get(User, head.user_id), event_session)
        promoted.append(booking)
    return promoted


def offer_free_seats(event_session: EventSession) -> list[WaitlistEntry]:
    """Offer every free seat to the next people in line without an offer, one claimed seat each; the places
    offered."""
    offered = []
    while line.waiting_exists(event_session.id) and claim_seat(event_session.id) is not None:
        if (head := _next_head(event_session.id)) is None:
            return offered
        now = utcnow()
        head.offered_at = now
        head.offer_expires_at = min(now + timedelta(minutes=event_session.offer_minutes), event_session.starts_at)
        db.session.add(
            OutboxMessage(
                id=new_message_id(),
                channel=CHANNEL_PAYMENTS,
                type=OFFER_EXPIRY,
                payload={"offer_entry_id": head.id},
                next_attempt_at=head.offer_expires_at,
            )
        )
        db.session.flush()
        _tell_offered(head, db.session.get(User, head.user_id), event_session)
        offered.append(head)
    return offered


def offer_terms(entry: WaitlistEntry, event_session: EventSession) -> dict:
    """What an offer's email, text and notice say: until when (on the event's clock), the price, the link."""
    path, price = f"/offers/{offer_token(entry.id)}", event_session.price
    return {
        "until": local_time(entry.offer_expires_at, event_session.event.timezone),
        "until_short": short_time(entry.offer_expires_at, event_session.event.timezone),
        "amount": format_money(price, event_session.currency) if price else "",
        "url": f"{current_app.config['PUBLIC_WEB_URL']}{path}",
        "path": path,
    }


def _tell_offered(entry: WaitlistEntry, user: User, event_session: EventSession) -> None:
    """The person offered a seat hears of it by email, text (texts on) and in the notification centre."""
    event = event_session.event
    snapshot = {
        **booking_snapshot(None, user, event_session, event, event.facilitator),
        "offer": offer_terms(entry, event_session),
    }
    text_booking("waitlist_offer", None, user, snapshot)
    enqueue_email("waitlist_offer", snapshot)

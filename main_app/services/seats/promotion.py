"""Promotion: every seat freed in a session with a line goes to the line in the transaction that freed it, first come
first served, never after the start. A session in waitlist_mode "auto" books it for the head of the line at once; in
"offer" (past auto_until_hours, when set) the seat is claimed for an offer to the head, who has offer_minutes (never
past the start) to take it with a signed link; declined or not taken, it passes to the next (services.seats.offers).

A place waits for a number of seats (a group waits together): the head gets free seats only when all of its seats
are free, and nobody behind it goes first (first come, first served). Promotion runs under the session's lock (its
callers freed a seat with an UPDATE of it, or locked it), so promoters take turns and each finds the true head; the
head's seats are then claimed with the usual conditional UPDATE (never seats that are not there, none once the
session has started or was cancelled). One claim, one offer: no seat is offered twice.

A session with room options has a line per option: a seat freed in option X goes to the head of X's line (its seats
claimed from the session and the option together); each line is asked in turn, the longest-waiting first, since a
seat freed in one option also frees one of the session's capacity that another option's line may need."""

from datetime import timedelta

from flask import current_app

from main_app.services.common import child_named, format_money, local_time, offer_token, short_time
from main_app.services.passes import release_places, seat_with_place_pass

from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    Booking,
    EventSession,
    User,
    WaitlistEntry,
    utcnow,
)
from .. import news, timers
from . import guests, line, requests
from .capacity import claim_seat, lock_free_seats
from .holds import hold
from .options import seat_price

OFFER_EXPIRY = timers.OfferExpiry.KIND


def promote(session_id: int) -> list[Booking]:
    """Give every free seat of the session to its line, inside the caller's transaction: the bookings made (none
    when the seats were offered instead)."""
    lines = line.lines_waiting(session_id)
    if not lines:  # the usual case, one query
        return []
    # Held already by every caller; taken here so promotion never runs without it. With no seat free there is
    # nothing to give, so a place joining a full session asks no further while others wait for the lock.
    if lock_free_seats(session_id) <= 0:
        return []
    event_session = line.session_with_event(session_id)
    if event_session.offers_seats(utcnow()):
        for option_id in lines:
            offer_free_seats(event_session, option_id)
        return []
    return [booking for option_id in lines for booking in _book_free_seats(session_id, option_id)]


def _next_head(session_id: int, option_id: int | None) -> WaitlistEntry | None:
    """The head of the option's line, locked, or None when nobody waits. A head who holds a seat another way leaves
    the line, and the next is asked."""
    while (head := line.head(session_id, option_id)) is not None:
        if not line.holds_seat(head):
            return head
        news.publish(news.Withdrawn([head.notice_id]))
        release_places([(head.id, head.pass_id)])
        db.session.delete(head)
        db.session.flush()
    return None


def _claim_for_head(session_id: int, option_id: int | None) -> WaitlistEntry | None:
    """The head of the option's line with all its seats claimed for it (in the session and the option), or None
    (nobody waits, or its seats are not all free: it keeps its place and nobody behind it goes first)."""
    head = _next_head(session_id, option_id)
    if head is None or claim_seat(session_id, head.seats, head.option_id) is None:
        return None
    return head


def _book_free_seats(session_id: int, option_id: int | None = None) -> list[Booking]:
    promoted = []
    while (head := _claim_for_head(session_id, option_id)) is not None:
        news.publish(news.Withdrawn([head.notice_id]))  # it got its seats: no "no seat came free" at the start
        db.session.delete(head)
        booking = Booking(
            session_id=session_id,
            user_id=head.user_id,
            status=BOOKING_ACTIVE,
            from_waitlist=True,
            seats=head.seats,
            option_id=head.option_id,
            dependent_id=head.dependent_id,
        )
        db.session.add(booking)
        db.session.flush()
        party = guests.add(booking.id, guests.named(head.guests, head.seats))
        event_session = line.session_with_event(session_id)  # fresh: the seat count just changed
        user = db.session.get(User, head.user_id)
        by_pass = seat_with_place_pass(booking, head.id, head.pass_id, user, event_session)
        if event_session.event.requires_approval and not by_pass:
            # Their place in line asked to book: the freed seat waits for the facilitator's decision.
            requests.hold_for_decision(booking, event_session.starts_at)
            requests.tell_requested(booking, user, event_session)
        elif seat_price(event_session, booking.option_id) > 0 and not by_pass:
            hold(booking, event_session, promoted=True)  # theirs once they pay, as for any paid seat
        line.tell_promoted(booking, user, event_session, party)
        promoted.append(booking)
    return promoted


def offer_free_seats(event_session: EventSession, option_id: int | None = None) -> list[WaitlistEntry]:
    """Offer the free seats to the next people in the option's line without an offer, each place's seats claimed
    for it; the places offered."""
    offered = []
    while (head := _claim_for_head(event_session.id, option_id)) is not None:
        now = utcnow()
        head.offered_at = now
        head.offer_expires_at = min(now + timedelta(minutes=event_session.offer_minutes), event_session.starts_at)
        timers.schedule(timers.OfferExpiry(entry_id=head.id, due=head.offer_expires_at))
        db.session.flush()
        _tell_offered(head, db.session.get(User, head.user_id), event_session)
        offered.append(head)
    return offered


def offer_terms(entry: WaitlistEntry, event_session: EventSession) -> dict:
    """What an offer's email, text and notice say: until when (on the event's clock), the price, the link."""
    path, price = f"/offers/{offer_token(entry.id, entry.offered_at)}", seat_price(event_session, entry.option_id)
    return {
        "until": local_time(entry.offer_expires_at, event_session.event.timezone),
        "until_short": short_time(entry.offer_expires_at, event_session.event.timezone),
        "amount": format_money(price, event_session.currency) if price else "",
        # The same as values, for an email that writes them in its person's language.
        "until_at": entry.offer_expires_at.isoformat(),
        "value": price,
        "currency": event_session.currency,
        "url": f"{current_app.config['PUBLIC_WEB_URL']}{path}",
        "path": path,
    }


def _tell_offered(entry: WaitlistEntry, user: User, event_session: EventSession) -> None:
    """The person offered a seat hears of it by email, text (texts on) and in the notification centre."""
    terms, child = offer_terms(entry, event_session), child_named(entry.dependent_id)
    news.publish(news.SeatOffered(user, event_session, event_session.event, terms, child))

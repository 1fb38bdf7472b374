"""Offers of freed seats (services.seats.promotion makes them): taken with the offer's signed link, declined, or
ended when their time runs out, each a conditional DELETE of the offered place, so exactly one of them happens.

Every path locks the session first (the lock order of seats.capacity). Taken, the place becomes a booking on the
seat claimed for the offer; declined or ended, that seat goes back and is offered to the next in line at once."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from main_app.services.common import TokenRefused, child_named, offer_claimed_entry_id, offer_token_is_for
from main_app.services.passes import release_places, seat_with_place_pass
from service_kit.errors import Conflict, NotFound

from ...error_codes import api_error
from ...extensions import db
from ...models import BOOKING_ACTIVE, Booking, EventSession, User, WaitlistEntry, utcnow
from .. import news
from . import guests, line, promotion, requests
from .capacity import give_back_seat, lock_sessions
from .holds import hold
from .options import seat_price


@dataclass
class Offer:
    """An offered place, as its link shows it."""

    entry: WaitlistEntry
    session: EventSession

    @property
    def open(self) -> bool:
        return self.entry.offer_expires_at > utcnow()


def _not_found() -> NotFound:
    return api_error("offer_not_found")


def _offered(token: str, *columns) -> tuple:
    """The columns (after the place's id and offer time) of the open or ended offer a link was signed for; 404
    offer_not_found when it was taken, declined or ended, or for a link that is not ours."""
    try:
        entry_id = offer_claimed_entry_id(token)
    except TokenRefused:
        raise _not_found() from None
    offered = db.session.execute(
        select(WaitlistEntry.id, WaitlistEntry.offered_at, *columns).where(
            WaitlistEntry.id == entry_id, WaitlistEntry.offered_at.is_not(None)
        )
    ).one_or_none()
    if offered is None or not offer_token_is_for(token, entry_id, offered.offered_at):
        raise _not_found()
    return tuple(offered)


def find(token: str) -> Offer:
    """The offer a link names, open or past its time; 404 when it was taken, declined or ended."""
    _entry_id, _offered_at, entry = _offered(token, WaitlistEntry)
    return Offer(entry, line.session_with_event(entry.session_id))


def _locked_entry(token: str) -> tuple[int, datetime, int]:
    """(place id, offer time, session id) of the offer a link names, its session locked (the lock order); 404 when
    gone."""
    offered = _offered(token, WaitlistEntry.session_id)
    lock_sessions([offered[2]])
    return offered


def _take(
    entry_id: int,
    *,
    offered_at: datetime | None = None,
    open_until_after: datetime | None = None,
    ended_by: datetime | None = None,
):
    """Delete the offered place if it is in the state asked for (the offer made at a time, open after a time, or
    ended by it): (session id, user id, notice id, seats, guests, place id, pass id, option id, dependent id), or
    None when not."""
    conditions = [WaitlistEntry.id == entry_id, WaitlistEntry.offered_at.is_not(None)]
    if offered_at is not None:
        conditions.append(WaitlistEntry.offered_at == offered_at)
    if open_until_after is not None:
        conditions.append(WaitlistEntry.offer_expires_at > open_until_after)
    if ended_by is not None:
        conditions.append(WaitlistEntry.offer_expires_at <= ended_by)
    return db.session.execute(
        delete(WaitlistEntry)
        .where(*conditions)
        .returning(
            WaitlistEntry.session_id,
            WaitlistEntry.user_id,
            WaitlistEntry.notice_id,
            WaitlistEntry.seats,
            WaitlistEntry.guests,
            WaitlistEntry.id,
            WaitlistEntry.pass_id,
            WaitlistEntry.option_id,
            WaitlistEntry.dependent_id,
        )
        .execution_options(synchronize_session=False)
    ).one_or_none()


def accept(token: str) -> Booking | None:
    """Take an open offer (inside the caller's unit of work): the booking on the seat claimed for it, active for a
    free session, held for payment for a paid one. 404 when taken, declined or ended; None when its time ran out
    (its seat is passed on now, as the dispatcher would: the caller commits that, then answers offer_expired)."""
    entry_id, offered_at, session_id = _locked_entry(token)
    now = utcnow()
    taken = _take(entry_id, offered_at=offered_at, open_until_after=now)
    if taken is None:
        if expire(entry_id, now=now):
            return None  # ended: the caller commits the pass-on, then answers offer_expired
        raise _not_found()
    _, user_id, notice_id, seats, named, entry_id, pass_id, option_id, dependent_id = taken
    news.publish(news.Withdrawn([notice_id]))
    booking = Booking(
        session_id=session_id,
        user_id=user_id,
        status=BOOKING_ACTIVE,
        from_waitlist=True,
        seats=seats,
        option_id=option_id,
        dependent_id=dependent_id,
    )
    db.session.add(booking)
    db.session.flush()
    party = guests.add(booking.id, guests.named(named, seats))
    event_session = line.session_with_event(session_id)
    user = db.session.get(User, user_id)
    if event_session.event.requires_approval:  # taking the offer asks to book: the facilitator decides, as at booking
        requests.hold_for_decision(booking, event_session.starts_at)
        requests.tell_requested(booking, user, event_session)
        return booking
    if seat_price(event_session, option_id) > 0 and not seat_with_place_pass(
        booking, entry_id, pass_id, user, event_session
    ):
        hold(booking, event_session)  # they are paying now: the usual hold while the checkout is open
        return booking
    line.tell_promoted(booking, user, event_session, party)
    return booking


def offer_expired(offer_until: str) -> Conflict:
    return api_error("offer_expired", offer_until=offer_until)


def decline(token: str) -> None:
    """Say no to an open offer (inside the caller's unit of work): the seat goes to the next in line. 404 when taken,
    declined or ended already."""
    entry_id, offered_at, _session_id = _locked_entry(token)
    taken = _take(entry_id, offered_at=offered_at)
    if taken is None:
        raise _not_found()
    _pass_on(taken, reason="declined")


def expire(entry_id: int, *, now: datetime | None = None) -> bool:
    """End an offer whose time ran out (inside the caller's unit of work, its session locked): the seat goes to the
    next in line and the person is told. False when there is nothing to end (taken, declined, or not due)."""
    taken = _take(entry_id, ended_by=now or utcnow())
    if taken is None:
        return False
    _pass_on(taken, reason="time")
    return True


def _pass_on(taken, reason: str) -> None:
    session_id, user_id, notice_id, seats, _, entry_id, pass_id, option_id, dependent_id = taken
    news.publish(news.Withdrawn([notice_id]))
    release_places([(entry_id, pass_id)])
    give_back_seat(session_id, seats, option_id)
    event_session = line.session_with_event(session_id)
    event, user = event_session.event, db.session.get(User, user_id)
    news.publish(news.OfferEnded(user, event_session, event, reason, child_named(dependent_id)))
    promotion.promote(session_id)


def sessions_of(entry_ids: list[int]) -> list[int]:
    """The sessions of these places (for the lock order), those that still exist."""
    if not entry_ids:
        return []
    return list(db.session.scalars(select(WaitlistEntry.session_id).where(WaitlistEntry.id.in_(entry_ids))))

"""The records of news taken back or told again without a change of what was booked: a person's reminders written
again as their choices now say, and messages queued ahead that no longer hold."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from main_app.services.emails import REMINDER_KINDS

from ...extensions import db
from ...models import BOOKING_ACTIVE, Booking, Event, EventSession, User, utcnow
from .words import Unsaid, Word, reminder_words


@dataclass(frozen=True)
class RemindersRedone:
    """A person's choices of how they are reminded changed (emails, texts, the number): the reminders of their
    active bookings ahead are taken back and written again as the choices now say."""

    user: User
    bookings: Sequence[Booking]  # with their sessions, events and facilitators

    @classmethod
    def of(cls, user: User) -> "RemindersRedone":
        """The record for user's active bookings ahead, read now."""
        bookings = db.session.scalars(
            select(Booking)
            .join(Booking.session)
            .options(joinedload(Booking.session).joinedload(EventSession.event).joinedload(Event.facilitator))
            .where(Booking.user_id == user.id, Booking.status == BOOKING_ACTIVE, EventSession.starts_at > utcnow())
        ).all()
        return cls(user, bookings)


@dataclass(frozen=True)
class Withdrawn:
    """Messages queued ahead that no longer hold: those named (message_ids: their emails' ids, None skipped), a place
    in line's "no seat came free" once it got a seat or left the line; and those of these kinds about these bookings,
    a held seat's "pay to keep it" once its hold ended."""

    message_ids: Sequence[str | None] = ()
    booking_ids: Sequence[int] = ()
    kinds: Sequence[str] = ()


def reminders_again(news: RemindersRedone) -> list[Word]:
    """Each booking's reminders still ahead."""
    return [
        word
        for booking in news.bookings
        for word in reminder_words(
            booking, news.user, booking.session, booking.session.event, booking.session.event.facilitator
        )
    ]


def redone_unsaid(news: RemindersRedone) -> list[Unsaid]:
    """The person's own reminders of those bookings not sent yet: their guests' reminders stay, as the person's
    choices (reminders, texts, WhatsApp) do not reach their guests and reminders_again writes none back."""
    ids = tuple(booking.id for booking in news.bookings)
    return [Unsaid(booking_ids=ids, kinds=tuple(REMINDER_KINDS))] if ids else []


def withdrawn_unsaid(news: Withdrawn) -> list[Unsaid]:
    """The messages named, with what was written beside them, and those of its kinds about its bookings."""
    ids = tuple(message_id for message_id in news.message_ids if message_id)
    unsaid = [Unsaid(message_ids=ids)] if ids else []
    if news.booking_ids:
        unsaid.append(Unsaid(booking_ids=tuple(news.booking_ids), kinds=tuple(news.kinds)))
    return unsaid

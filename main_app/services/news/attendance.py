"""The records of who came to a session once it closed, and their channel writers."""

from collections.abc import Sequence
from dataclasses import dataclass

from main_app.services.crm import about_session_row, seat_for
from main_app.services.emails import booking_snapshot

from ...models import Booking, BookingGuest, Event, EventSession, User
from .facts import BookingRow, PersonFacts, StaffFacts
from .guest_mail import mail_words
from .words import Word

WORDS = {"no_show": "did not come to", "attendance_attended": "came to", "attendance_no_show": "did not come to"}


@dataclass(frozen=True)
class AttendanceNoted:
    """A booking marked as a no-show at the close, or its attendance corrected by staff (kind: no_show,
    attendance_attended, attendance_no_show): the CRM hears, made by staff."""

    kind: str
    session: EventSession
    user: User
    booking_id: int
    seats: int
    staff: StaffFacts  # at the close: the event's organiser, whose door it was
    dependent_id: int | None = None  # the child the seats are for


@dataclass(frozen=True)
class FeedbackAsked:
    """A booking whose seats were checked in, at the session's close: the booker is asked for feedback (links: the
    page and the ratings), and each guest who came with their own links (guests: (guest, links) pairs)."""

    booking: BookingRow
    user: User
    session: EventSession
    event: Event
    organiser: PersonFacts
    links: dict
    guests: Sequence[tuple[BookingGuest, dict]] = ()


@dataclass(frozen=True)
class FeedbackGiven:
    """A rating (and comment) of a session attended, by its booker or a guest of theirs (changed: a rating given
    again): the CRM hears, made by the booker."""

    booking: Booking
    user: User
    session: EventSession
    event: Event
    guest: BookingGuest | None
    rating: int
    comment: str
    changed: bool


def crm_attendance(news: AttendanceNoted) -> list[dict]:
    """CRM no_show, attendance_attended or attendance_no_show."""
    event, user = news.session.event, news.user
    message = f"{user.name} {WORDS[news.kind]} {event.title}"
    data = {"booking_id": news.booking_id, "seats": news.seats, **seat_for(news.dependent_id)}
    about = (news.session, event, user, message, data)
    return [about_session_row(news.kind, *about, booking_id=news.booking_id, actor=news.staff)]


def feedback_mail(news: FeedbackAsked) -> list[Word]:
    """The booker's feedback_request, then each guest's guest_feedback."""
    about = (news.booking, news.user, news.session, news.event, news.organiser)
    snapshot = {**booking_snapshot(*about), "feedback": news.links}
    words = [Word("feedback_request", snapshot, news.user, news.booking.id)]
    for guest, links in news.guests:
        words += mail_words("guest_feedback", [guest], *about, feedback=links)
    return words


def crm_feedback(news: FeedbackGiven) -> list[dict]:
    """CRM feedback_received."""
    user, guest, booking = news.user, news.guest, news.booking
    who = f"{guest.name}, a guest of {user.name}" if guest else user.name
    message = f"{who} rated {news.event.title} {news.rating} of 5"
    data = {"booking_id": booking.id, "guest_id": guest.id if guest else None, "rating": news.rating}
    data |= {"comment": news.comment, "changed": news.changed, **seat_for(booking.dependent_id)}
    about = (news.session, news.event, user, message, data)
    return [about_session_row("feedback_received", *about, booking_id=booking.id, actor=user)]

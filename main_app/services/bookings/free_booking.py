"""Booking a seat of a free session, the busiest write of the API: one read before the transaction, then the seat,
the booking and its outbox rows in one short transaction of statements built once, and the answer shaped from what
was read and written (no ORM objects, nothing read back).

A paid session's seat (a hold and a checkout) takes services.bookings' general path."""

from types import SimpleNamespace
from typing import Any

from sqlalchemy import bindparam, exists, insert, select

from main_app.services.discounts import take_code_use
from main_app.services.family import FAMILY_GUARDIANS, hold_child
from main_app.services.intake import store_answers
from main_app.services.passes import spend_credits
from main_app.services.seats import (
    add_guests,
    claim_priced_seat,
    forget_waitlist,
    option_full,
    too_few_seats,
    why_not_claimed,
)
from service_kit.errors import Conflict, NotFound

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    SEAT_HOLDING,
    STATUS_SCHEDULED,
    Booking,
    Event,
    EventQuestion,
    EventSession,
    Pass,
    SessionOption,
    Studio,
    User,
    utcnow,
)
from .. import news
from .documents import booking_document
from .seat_taking import PriceChanged, already_booked

SESSIONS, EVENTS, BOOKINGS, QUESTIONS = (model.__table__ for model in (EventSession, Event, Booking, EventQuestion))
OPTIONS, PASSES = SessionOption.__table__, Pass.__table__
FACILITATORS = User.__table__.alias("facilitator")
INSTRUCTORS, STUDIOS = User.__table__.alias("instructor"), Studio.__table__
# Whether the person the seat is for already holds one there: the booker themself (their own seat, not a child's)
# or a child on their family (whichever guardian booked it). Each has its partial unique index to answer from.
HOLDS_OWN_SEAT = (BOOKINGS.c.user_id == bindparam("user_id"), BOOKINGS.c.dependent_id.is_(None))
HOLDS_CHILDS_SEAT = (BOOKINGS.c.dependent_id == bindparam("dependent_id"),)


# The session's and its event's columns a booking reads.
SESSION_COLUMNS = (
    SESSIONS.c.id,
    SESSIONS.c.event_id,
    SESSIONS.c.starts_at,
    SESSIONS.c.ends_at,
    SESSIONS.c.capacity,
    SESSIONS.c.seats_taken,
    SESSIONS.c.status,
    SESSIONS.c.price,
    SESSIONS.c.currency,
    SESSIONS.c.max_seats_per_booking,
    SESSIONS.c.mode,
    SESSIONS.c.instructor_id,
    SESSIONS.c.reserved_for_id,
    SESSIONS.c.credits_per_seat,
    INSTRUCTORS.c.name.label("instructor_name"),
    EVENTS.c.title,
    EVENTS.c.kind,
    EVENTS.c.location,
    EVENTS.c.timezone,
    EVENTS.c.facilitator_id,
    EVENTS.c.studio_id,
    EVENTS.c.status.label("event_status"),
    EVENTS.c.starts_at.label("event_starts_at"),
    EVENTS.c.refund_until_hours,
    EVENTS.c.late_cancel_hours,
    EVENTS.c.private,
    EVENTS.c.requires_approval,
    EVENTS.c.min_age,
    EVENTS.c.max_age,
    FACILITATORS.c.name.label("facilitator_name"),
    STUDIOS.c.name.label("studio_name"),
    STUDIOS.c.slug.label("studio_slug"),
)


def _session_to_book(holds_seat: tuple):
    """Everything the checks, the answer and the messages need, with whether the person the seat is for already
    holds one there: one query, read before the transaction, so on SQLite the write lock is held for the writes
    only. On the tables, not the models: the ORM's handling of a select of columns costs three times the query."""
    return (
        select(
            *SESSION_COLUMNS,
            exists()
            .where(BOOKINGS.c.session_id == SESSIONS.c.id, BOOKINGS.c.status.in_(SEAT_HOLDING), *holds_seat)
            .label("booked"),
            exists().where(QUESTIONS.c.event_id == EVENTS.c.id, QUESTIONS.c.retired.is_(False)).label("asks"),
            exists().where(OPTIONS.c.session_id == SESSIONS.c.id, OPTIONS.c.retired.is_(False)).label("has_options"),
        )
        .join(EVENTS, EVENTS.c.id == SESSIONS.c.event_id)
        .join(FACILITATORS, FACILITATORS.c.id == EVENTS.c.facilitator_id)
        .join(INSTRUCTORS, INSTRUCTORS.c.id == SESSIONS.c.instructor_id)
        .join(STUDIOS, STUDIOS.c.id == EVENTS.c.studio_id)
        .where(SESSIONS.c.id == bindparam("session_id"))
    )


def _with_pass(statement):
    """The same, with the fixed terms of the pass the person books with (None when it does not exist)."""
    return statement.add_columns(
        PASSES.c.user_id.label("pass_user_id"),
        PASSES.c.shareable.label("pass_shareable"),
        PASSES.c.user_id.in_(FAMILY_GUARDIANS).label("pass_in_family"),
        PASSES.c.studio_id.label("pass_studio_id"),
        PASSES.c.event_ids.label("pass_event_ids"),
    ).outerjoin(PASSES, PASSES.c.id == bindparam("pass_id"))


SESSION_TO_BOOK = _session_to_book(HOLDS_OWN_SEAT)
SESSION_TO_BOOK_WITH_PASS = _with_pass(SESSION_TO_BOOK)
SESSION_TO_BOOK_FOR_CHILD = _session_to_book(HOLDS_CHILDS_SEAT)
SESSION_TO_BOOK_FOR_CHILD_WITH_PASS = _with_pass(SESSION_TO_BOOK_FOR_CHILD)
INSERT_BOOKING = insert(BOOKINGS).returning(BOOKINGS.c.id)


class SessionToBook(SimpleNamespace):
    """A row of SESSION_TO_BOOK with the room option its booking names (option_id, option_name, option_seats_left:
    None without one), seat_price, what one seat costs: the option's price, or the session's without one, and the
    child it is for (child: its id and name, and dependent_id; None: for the booker)."""

    option: Any = None
    child: Any = None
    dependent_id: int | None = None

    def _asdict(self) -> dict:
        return dict(vars(self))


def with_option(row, option, child=None) -> SessionToBook | None:
    """The session's row (None stays None) with the option a booking names (a row of seats.options, or None) and
    the child of the booker's family its seats are for (a Dependent, or a row with its id and name; None: for the
    booker themself), read now: the row outlives the transactions that would expire a model."""
    if row is None:
        return None
    return SessionToBook(
        **row._asdict(),
        seat_price=row.price if option is None else option.price,
        option=option,
        option_id=option and option.id,
        option_name=option and option.name,
        option_seats_left=option and option.capacity - option.seats_taken,
        child=child and SimpleNamespace(id=child.id, name=child.name),
        dependent_id=child and child.id,
    )


def session_to_book(user: User, session_id: int, pass_id: int | None = None, dependent_id: int | None = None):
    """The session's row as SESSION_TO_BOOK reads it for user, or for the child dependent_id on their family (with
    the pass's terms, booking with one), or None when there is no such session."""
    params = {"session_id": session_id, "user_id": user.id, "pass_id": pass_id, "dependent_id": dependent_id}
    params["member_id"] = user.id  # whose family's shareable passes they may book with
    if dependent_id is None:
        statement = SESSION_TO_BOOK if pass_id is None else SESSION_TO_BOOK_WITH_PASS
    else:
        statement = SESSION_TO_BOOK_FOR_CHILD if pass_id is None else SESSION_TO_BOOK_FOR_CHILD_WITH_PASS
    row = db.session.execute(statement, params).one_or_none()
    # A private session is its person's alone: to anyone else it does not exist.
    return None if row is None or row.reserved_for_id not in (None, user.id) else row


def refusal(row, session_id: int, seats: int = 1) -> Conflict | NotFound | None:
    """Why the session read in row cannot be booked (this many seats) by its reader, or None while it can."""
    if row is None:
        return api_error("session_not_found", session_id=session_id)
    if row.booked:
        return api_error("already_booked")
    if row.status != STATUS_SCHEDULED or row.event_status != STATUS_SCHEDULED:
        return api_error("session_cancelled")
    if row.starts_at <= utcnow():
        return api_error("session_started")
    if getattr(row, "option_id", None) is not None and row.option_seats_left < seats:
        return option_full(row.option_seats_left, seats, row.option_name)
    return too_few_seats(row.capacity - row.seats_taken, seats)


def _event(row) -> news.EventFacts:
    """The event of the session read in row, as its messages and the booking's document read it."""
    return news.EventFacts(
        id=row.event_id,
        title=row.title,
        kind=row.kind,
        location=row.location,
        timezone=row.timezone,
        facilitator_id=row.facilitator_id,
        studio_id=row.studio_id,
        studio_name=row.studio_name,
        studio_slug=row.studio_slug,
        starts_at=row.event_starts_at,
        refund_until_hours=row.refund_until_hours,
        late_cancel_hours=row.late_cancel_hours,
        private=row.private,
    )


def _booking_values(row, user: User, seats: int, now, pass_id: int | None) -> dict:
    """The new booking's row, as INSERT_BOOKING writes it."""
    return {
        "session_id": row.id,
        "user_id": user.id,
        "status": BOOKING_ACTIVE,
        "seats": seats,
        "created_at": now,
        "from_waitlist": False,
        "calendar_sequence": 0,
        "pass_id": pass_id,
        "option_id": row.option_id,
        "dependent_id": row.dependent_id,
    }


def _spent(pass_id: int | None, user: User, seats: int, booking_id: int, row) -> list:
    """The news of the pass's credits spent on the booking (its session's credits a seat), or none without one."""
    if pass_id is None:
        return []
    return [spend_credits(pass_id, user, seats, booking_id, row.starts_at, row.credits_per_seat)]


def book_free(
    user: User, row, party: list[dict] = (), pass_id: int | None = None, quote=None, answered=(), also=None, record=None
) -> dict:
    """Book a seat of the free session read in row (refusal(row) found nothing against it) for user, and one for
    each guest in party (guests.named()), or of any session with a pass (its credits spent in the same transaction):
    the booking's document as BookingSchema gives it. 409 session_full or not_enough_seats when the seats went
    meanwhile, or the pass's refusal (credits.spend); or with a code that leaves nothing to pay (quote), its use
    taken in the same transaction. answered: the intake answers (intake.questions.checked()), written with it. also:
    called with the new booking's id inside its transaction (the desk's door payment and audit entry), it returns
    more fields of its news.Booked record (payment, receipt). record: the news record it makes (news.Booked's
    kind: a booking brought by an import is news.BookingImported)."""
    now, seats = utcnow(), 1 + len(party)
    with unit_of_work(on_integrity_error=already_booked):
        claimed = claim_priced_seat(row.id, seats, row.option_id)
        if claimed is None:  # the seats went (or the session changed) since the read: nothing was written
            raise why_not_claimed(row.id, seats, row.option_id)
        if pass_id is None and claimed.seat_price != row.seat_price:  # free (or the code's) at a price gone since
            raise PriceChanged()
        hold_child(row.dependent_id)  # erased since the read: refused; being erased: it waits for this seat
        session = SessionToBook(**{**row._asdict(), "seats_taken": claimed.taken})
        values = _booking_values(row, user, seats, now, pass_id)
        booking_id = db.session.execute(INSERT_BOOKING, values).scalar_one()
        spent = _spent(pass_id, user, seats, booking_id, row)
        if quote is not None:
            take_code_use(quote, user.id, booking_id=booking_id)
        store_answers(booking_id, answered, row)
        booking = news.BookingFacts(id=booking_id, **values, option_name=row.option_name)
        # Booked while in line: the place goes. Asked here, after the seat's UPDATE locked the session, not in the
        # read before: a join that committed in between is seen now (and a later one waits and finds this booking).
        forget_waitlist(user.id, row.id, row.dependent_id)
        brought = add_guests(booking_id, party)
        organiser = news.PersonFacts(row.facilitator_id, row.facilitator_name)
        more = also(booking_id) if also is not None else {}
        booked = (record or news.Booked)(booking, user, session, _event(row), organiser, brought, **more)
        written = news.publish_all([booked, *spent])
    reminders_at = news.reminders_due(written)
    return booking_document(
        booking,
        session,
        booked.event,
        row.facilitator_name,
        reminders_at,
        guests=brought,
        option_name=row.option_name,
        amount_paid=0,  # nothing paid: free, with a pass or a code that left nothing
        instructor_name=row.instructor_name,
        child_name=row.child and row.child.name,
    )

"""A person's bookings page (GET /bookings), the API's busiest read after the catalogue: plain rows from statements
built once on the tables (a page with its sessions, events, facilitators and latest payments in one query),
shaped by the functions of schemas.bookings, which give exactly what BookingPageSchema gives
(tests/main_app/test_my_bookings.py compares them). The places in line are read only when there are any."""

from types import SimpleNamespace

from sqlalchemy import and_, bindparam, exists, func, select

from main_app.delivery import waiting
from main_app.services.emails import REMINDER_KINDS
from main_app.services.payments import Paid, instalments_shown_of, paid_of
from main_app.services.seats import GUESTS as guests_GUESTS
from main_app.services.seats import guests_of

from ...extensions import db
from ...models import (
    CHANNEL_EMAIL,
    Booking,
    Dependent,
    Event,
    EventSession,
    OutboxMessage,
    Payment,
    SessionOption,
    User,
    utcnow,
)
from ...models import WaitlistEntry as Place
from .documents import booking_document, waiting_document

BOOKINGS, SESSIONS, EVENTS, LINES = (model.__table__ for model in (Booking, EventSession, Event, Place))
OUTBOX, PAYMENTS, GUESTS, OPTIONS = OutboxMessage.__table__, Payment.__table__, guests_GUESTS, SessionOption.__table__
CHILDREN = Dependent.__table__
FACILITATORS, INSTRUCTORS = User.__table__.alias("facilitator"), User.__table__.alias("instructor")
# A page row is a booking's columns, then its session's, then its event's, the facilitator's and the instructor's
# names: the names below, so booking_document takes each part as it takes the models.
BOOKING_NAMES = (
    "id",
    "status",
    "session_id",
    "user_id",
    "created_at",
    "cancelled_at",
    "cancel_reason",
    "cancelled_by",
    "reactivated_at",
    "hold_expires_at",
    "seats",
    "pass_id",
    "option_id",
    "dependent_id",
)
SESSION_NAMES = (
    "id",
    "event_id",
    "starts_at",
    "ends_at",
    "capacity",
    "seats_taken",
    "status",
    "price",
    "currency",
    "max_seats_per_booking",
    "mode",
    "instructor_id",
)
EVENT_NAMES = (
    "id",
    "title",
    "kind",
    "location",
    "timezone",
    "facilitator_id",
    "refund_until_hours",
    "late_cancel_hours",
)
SESSION_AND_EVENT = (
    *(SESSIONS.c[name] for name in SESSION_NAMES),
    *(EVENTS.c[name] for name in EVENT_NAMES),
    FACILITATORS.c.name,
    INSTRUCTORS.c.name,
)
PAYMENT_NAMES = (
    "status",
    "amount",
    "currency",
    "provider",
    "checkout_url",
    "expires_at",
    "payment_id",
    "paid_at",
    "refund_status",
    "refund_id",
    "refund_amount",
    "refunded_at",
    "instalment",
    "staff_refunded",
)
USER_ID = bindparam("user_id")

WAITS = exists().where(LINES.c.user_id == USER_ID)
COUNTS = select(
    select(func.count()).select_from(BOOKINGS).where(BOOKINGS.c.user_id == USER_ID).scalar_subquery(), WAITS
)
# The page of the person's bookings, each with their booking count (a window counts before LIMIT).
_PAGE_OF_BOOKINGS = (
    select(*(BOOKINGS.c[name] for name in BOOKING_NAMES), func.count().over().label("total"))
    .where(BOOKINGS.c.user_id == USER_ID)
    .order_by(BOOKINGS.c.id.desc())
    .limit(bindparam("limit"))
    .offset(bindparam("offset"))
    .subquery("page")
)
_OTHER_PAYMENTS = PAYMENTS.alias("other_payments")
_LATEST_PAYMENT = (
    select(func.max(_OTHER_PAYMENTS.c.id))
    .where(_OTHER_PAYMENTS.c.booking_id == _PAGE_OF_BOOKINGS.c.id)
    .correlate(_PAGE_OF_BOOKINGS)
    .scalar_subquery()
)
# One query for a page with bookings on it: each booking with its session, event, facilitator and latest payment,
# whether the person waits in any line, and one row per reminder not yet sent (a booking without any has one row,
# reminder_at NULL). COUNTS answers for a page past the last. The payment is in the same statement as its booking
# so that, under READ COMMITTED, a refund settling between two reads never shows a refunded payment on a booking
# still read as merely cancelled.
PAGE = (
    select(
        *(_PAGE_OF_BOOKINGS.c[name] for name in BOOKING_NAMES),
        *SESSION_AND_EVENT,
        *(PAYMENTS.c[name] for name in PAYMENT_NAMES),
        PAYMENTS.c.id.label("payment_row_id"),
        _PAGE_OF_BOOKINGS.c.total,
        WAITS.label("waits"),
        exists().where(GUESTS.c.booking_id == _PAGE_OF_BOOKINGS.c.id).label("has_guests"),
        OUTBOX.c.next_attempt_at.label("reminder_at"),
        OPTIONS.c.name.label("option_name"),
        CHILDREN.c.name.label("child_name"),
    )
    .select_from(_PAGE_OF_BOOKINGS)
    .join(SESSIONS, SESSIONS.c.id == _PAGE_OF_BOOKINGS.c.session_id)
    .join(EVENTS, EVENTS.c.id == SESSIONS.c.event_id)
    .join(FACILITATORS, FACILITATORS.c.id == EVENTS.c.facilitator_id)
    .join(INSTRUCTORS, INSTRUCTORS.c.id == SESSIONS.c.instructor_id)
    .outerjoin(PAYMENTS, PAYMENTS.c.id == _LATEST_PAYMENT)
    .outerjoin(OPTIONS, OPTIONS.c.id == _PAGE_OF_BOOKINGS.c.option_id)
    .outerjoin(CHILDREN, CHILDREN.c.id == _PAGE_OF_BOOKINGS.c.dependent_id)
    .outerjoin(
        OUTBOX,
        and_(
            OUTBOX.c.booking_id == _PAGE_OF_BOOKINGS.c.id,
            OUTBOX.c.channel == CHANNEL_EMAIL,
            OUTBOX.c.type.in_(sorted(REMINDER_KINDS)),
            waiting(OUTBOX),
        ),
    )
    .order_by(_PAGE_OF_BOOKINGS.c.id.desc(), OUTBOX.c.next_attempt_at)
)
# Each place's position: its rank in its session's line, or its room option's (first come, first served).
_LINE = (
    select(
        LINES.c.id,
        func.row_number()
        .over(partition_by=(LINES.c.session_id, LINES.c.option_id), order_by=(LINES.c.created_at, LINES.c.id))
        .label("position"),
    )
    .where(LINES.c.session_id.in_(select(LINES.c.session_id).where(LINES.c.user_id == USER_ID)))
    .subquery()
)
PLACES = (
    select(
        _LINE.c.position,
        LINES.c.created_at,
        *SESSION_AND_EVENT,
        LINES.c.id.label("entry_id"),
        LINES.c.offered_at,
        LINES.c.offer_expires_at,
        LINES.c.seats.label("place_seats"),
        LINES.c.dependent_id,
        CHILDREN.c.name.label("child_name"),
    )
    .join(_LINE, _LINE.c.id == LINES.c.id)
    .join(SESSIONS, SESSIONS.c.id == LINES.c.session_id)
    .join(EVENTS, EVENTS.c.id == SESSIONS.c.event_id)
    .join(FACILITATORS, FACILITATORS.c.id == EVENTS.c.facilitator_id)
    .join(INSTRUCTORS, INSTRUCTORS.c.id == SESSIONS.c.instructor_id)
    .outerjoin(CHILDREN, CHILDREN.c.id == LINES.c.dependent_id)
    .where(LINES.c.user_id == USER_ID, SESSIONS.c.starts_at > bindparam("now", type_=SESSIONS.c.starts_at.type))
    .order_by(SESSIONS.c.starts_at, LINES.c.id)
)


def _parts(row, start: int):
    """The session, the event (as objects with the models' names) and (the facilitator's name, the instructor's)
    from row[start:]."""
    middle = start + len(SESSION_NAMES)
    end = middle + len(EVENT_NAMES)
    session = SimpleNamespace(**dict(zip(SESSION_NAMES, row[start:middle], strict=True)))
    event = SimpleNamespace(**dict(zip(EVENT_NAMES, row[middle:end], strict=True)))
    return session, event, (row[end], row[end + 1])


def _booking_parts(row):
    """A page row's booking, session, event (objects with the models' names), (the facilitator's name, the
    instructor's) and the latest payment (None when there is none)."""
    booking = SimpleNamespace(**dict(zip(BOOKING_NAMES, row[: len(BOOKING_NAMES)], strict=True)))
    payment = None
    if row.payment_row_id is not None:
        start = len(BOOKING_NAMES) + len(SESSION_AND_EVENT)
        payment = SimpleNamespace(**dict(zip(PAYMENT_NAMES, row[start : start + len(PAYMENT_NAMES)], strict=True)))
    return (booking, *_parts(row, len(BOOKING_NAMES)), payment)


def page_document(user: User, page: int, per_page: int) -> dict:
    """The caller's bookings, newest first, each with its session, event, reminder times and latest payment; and
    their places in lines of sessions not yet started: BookingPageSchema's document. 1 or 2 queries."""
    rows = db.session.execute(PAGE, {"user_id": user.id, "limit": per_page, "offset": (page - 1) * per_page}).all()
    total, waits = (rows[0].total, rows[0].waits) if rows else db.session.execute(COUNTS, {"user_id": user.id}).one()
    parts, reminders, with_guests, names_shown = {}, {}, [], {}  # by booking id, newest first, as the rows come
    for row in rows:
        booking_id = row[0]
        if booking_id not in parts:
            parts[booking_id], reminders[booking_id] = _booking_parts(row), []
            names_shown[booking_id] = (row.option_name, row.child_name)
            if row.has_guests:
                with_guests.append(booking_id)
        if row.reminder_at is not None:
            reminders[booking_id].append(row.reminder_at)
    party = guests_of(with_guests)
    # Bookings under a payment plan (their payments name an instalment): their schedules, in one more query.
    planned = {b.id: e.timezone for b, _s, e, _n, paid in parts.values() if paid and paid.instalment is not None}
    plans = instalments_shown_of(planned)
    paid = paid_of([b.id for b, *_rest, payment in parts.values() if payment is not None])
    items = [
        booking_document(
            booking,
            session,
            event,
            names[0],
            reminders[booking.id],
            payment,
            party.get(booking.id, ()),
            option_name=names_shown[booking.id][0],
            plan=plans.get(booking.id),
            amount_paid=paid.get(booking.id, Paid()).kept,
            instructor_name=names[1],
            child_name=names_shown[booking.id][1],
        )
        for booking, session, event, names, payment in parts.values()
    ]
    return {
        "page": page,
        "per_page": per_page,
        "total": total,
        "pages": max(1, -(-total // per_page)),
        "items": items,
        "waiting": _places(user) if waits else [],
    }


def _places(user: User) -> list[dict]:
    """The person's places in lines of sessions not yet started, as WaitingSchema dumps them, by start."""
    waiting = []
    for row in db.session.execute(PLACES, {"user_id": user.id, "now": utcnow()}):
        session, event, names = _parts(row, 2)
        offer = (row.entry_id, row.offered_at, row.offer_expires_at) if row.offer_expires_at is not None else None
        place = (row.position, row.created_at, offer, row.place_seats)
        child = {"id": row.dependent_id, "name": row.child_name} if row.dependent_id is not None else None
        waiting.append(waiting_document(session, event, names, *place, child=child))
    return waiting

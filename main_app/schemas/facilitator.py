"""Schemas of the facilitator endpoints."""

from datetime import timedelta

from marshmallow import ValidationError, fields, validate, validates_schema

from main_app.services.common import session_window
from main_app.services.languages import gettext, lazy_gettext
from service_kit.schemas import BaseSchema, Id, PageSchema, UTCDateTimeField

from ..models import BOOKING_ACTIVE, BOOKING_CANCELLED, EVENT_KINDS, PAYMENT_AT_DOOR, PAYMENT_SUCCEEDED, utcnow
from .bookings import BookedEventSchema, BookedOptionSchema, GuestSchema
from .common import PageArgsSchema, TimeZone
from .events import EventSchema, SessionSchema
from .family import FOR_CHILD, ChildNamedSchema
from .intake import AnswerSchema
from .options import OPTIONS, NewOptionSchema, OptionChangeSchema
from .places import EventPlaceSchema
from .plans import PaymentPlanSchema
from .session_fields import (
    AUTO_UNTIL_HOURS,
    CURRENCY,
    MAX_SEATS_PER_BOOKING,
    MODE,
    OFFER_MINUTES,
    PRICE,
    VIDEO_URL,
    WAITLIST_MODE,
)

MAX_CAPACITY = 10_000
AGE = validate.Range(min=0, max=120)


def at_least_one(data: dict) -> None:
    if not data:
        raise ValidationError(gettext("Give at least one field to change."), field_name="body")


def _within_window(data: dict, *, new: bool) -> None:
    """Times inside the session window, compared as instants (UTC), so none can overflow when read in any zone; an
    edit may keep a date in the past (a session under way), never move one beyond the window."""
    earliest, latest = session_window(utcnow())
    for field in ("starts_at", "ends_at"):  # the first out of the window: the other is usually out with it
        if field in data and data[field] > latest:
            raise ValidationError(gettext("Must not be more than five years ahead."), field_name=field)
        if new and field in data and data[field] < earliest:
            raise ValidationError(gettext("Must not be more than a day in the past."), field_name=field)


def _ends_after_start(data: dict) -> None:
    if "starts_at" in data and "ends_at" in data and data["ends_at"] <= data["starts_at"]:
        raise ValidationError(gettext("Must be after starts_at."), field_name="ends_at")


# Examples for the docs page's "Try it out" (and Schemathesis' first cases): a month after the process started, inside
# the window that moves with the clock, so no fixed date would stay valid.
EXAMPLE_DAY = (utcnow() + timedelta(days=30)).date().isoformat()
STARTS_EXAMPLE, ENDS_EXAMPLE = f"{EXAMPLE_DAY}T09:00:00+00:00", f"{EXAMPLE_DAY}T10:30:00+00:00"


class SessionCreateSchema(BaseSchema):
    starts_at = UTCDateTimeField(required=True, metadata={"example": STARTS_EXAMPLE})
    ends_at = UTCDateTimeField(required=True, metadata={"example": ENDS_EXAMPLE})
    capacity = fields.Integer(
        strict=True, required=True, validate=validate.Range(min=1, max=MAX_CAPACITY), metadata={"example": 12}
    )
    price = fields.Integer(**PRICE)
    currency = fields.String(**CURRENCY)
    waitlist_mode = fields.String(**WAITLIST_MODE)
    offer_minutes = fields.Integer(**OFFER_MINUTES)
    auto_until_hours = fields.Integer(**AUTO_UNTIL_HOURS)
    max_seats_per_booking = fields.Integer(**MAX_SEATS_PER_BOOKING)
    mode = fields.String(**MODE)
    video_url = fields.String(**VIDEO_URL)
    options = fields.List(fields.Nested(NewOptionSchema), **OPTIONS)
    instructor_id = Id(metadata={"description": "Who teaches it: a member of the studio who teaches; you if not given"})

    @validates_schema
    def _times(self, data, **_kwargs):
        _within_window(data, new=True)
        _ends_after_start(data)


class SessionUpdateSchema(BaseSchema):
    starts_at = UTCDateTimeField(metadata={"example": STARTS_EXAMPLE})
    ends_at = UTCDateTimeField(metadata={"example": ENDS_EXAMPLE})
    capacity = fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_CAPACITY), metadata={"example": 12})
    price = fields.Integer(**PRICE)
    currency = fields.String(**CURRENCY)
    waitlist_mode = fields.String(**WAITLIST_MODE)
    offer_minutes = fields.Integer(**OFFER_MINUTES)
    auto_until_hours = fields.Integer(**AUTO_UNTIL_HOURS)
    max_seats_per_booking = fields.Integer(**MAX_SEATS_PER_BOOKING)
    mode = fields.String(**MODE)
    video_url = fields.String(**VIDEO_URL)
    options = fields.List(fields.Nested(OptionChangeSchema), **OPTIONS)

    @validates_schema
    def _check(self, data, **_kwargs):
        at_least_one(data)
        _within_window(data, new=False)
        _ends_after_start(data)


class EventFieldsSchema(EventPlaceSchema):
    title = fields.String(validate=validate.Length(min=1, max=200))
    description = fields.String(validate=validate.Length(max=5000))
    kind = fields.String(validate=validate.OneOf(EVENT_KINDS))
    location = fields.String(validate=validate.Length(max=200))
    # Changing it keeps the sessions' instants; only how they read changes.
    timezone = TimeZone()
    refund_until_hours = fields.Integer(
        strict=True,
        validate=validate.Range(min=0, max=8760),
        metadata={"example": 24, "description": "Cancelled this many hours before the start or earlier: refunded."},
    )
    late_cancel_hours = fields.Integer(
        strict=True,
        validate=validate.Range(min=0, max=8760),
        metadata={"example": 12, "description": "Booked with a pass and cancelled this many hours ahead: credit back."},
    )
    requires_approval = fields.Boolean(
        metadata={"example": False, "description": "Each booking is a request I approve or decline (default false)."}
    )
    min_age = fields.Integer(allow_none=True, validate=AGE, metadata={"description": "Youngest age (children); null"})
    max_age = fields.Integer(allow_none=True, validate=AGE, metadata={"description": "Oldest age; adults count as 18"})
    payment_plan = fields.Nested(
        PaymentPlanSchema,
        allow_none=True,
        metadata={"description": "Deposit and instalments for bookings made from now on; null: paid in full"},
    )


class EventCreateSchema(EventFieldsSchema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    kind = fields.String(required=True, validate=validate.OneOf(EVENT_KINDS))
    timezone = TimeZone(required=True)
    sessions = fields.List(fields.Nested(SessionCreateSchema), required=True, validate=validate.Length(min=1, max=100))


class EventUpdateSchema(EventFieldsSchema):
    @validates_schema
    def _check(self, data, **_kwargs):
        at_least_one(data)


class BookingsQuerySchema(PageArgsSchema):
    status = fields.String(validate=validate.OneOf([BOOKING_ACTIVE, BOOKING_CANCELLED]))


def _refundable_payment(booking) -> int | None:
    """The id of the booking's latest payment if it succeeded (staff may refund it: through the provider, or in
    person when taken at the door or the desk), else None."""
    paid = booking.payment
    return paid.id if paid and paid.status == PAYMENT_SUCCEEDED else None


class RegistrantSchema(BaseSchema):
    booking_id = Id(attribute="id")
    child = fields.Nested(ChildNamedSchema, attribute="dependent", allow_none=True, metadata={"description": FOR_CHILD})
    name = fields.String(attribute="user.name")
    email = fields.String(attribute="user.email")
    user_id = Id()
    booked_at = fields.AwareDateTime(attribute="created_at")
    status = fields.String()
    seats, guests = fields.Integer(), fields.List(fields.Nested(GuestSchema), attribute="party")  # as BookingSchema's
    cancelled_at = fields.AwareDateTime(allow_none=True)
    cancel_reason = fields.String(allow_none=True)
    attendance = fields.String(
        allow_none=True, metadata={"description": "attended or no_show once the session closed after check-in"}
    )
    # Null for a free session's bookings.
    payment_status = fields.Function(
        lambda b: b.payment and b.payment.status, metadata={"type": "string", "nullable": True}
    )
    amount_paid = fields.Function(
        lambda b: b.paid if b.payment else None,
        metadata={"type": "integer", "nullable": True, "description": "every payment received less refunds"},
    )
    amount_refunded = fields.Function(
        lambda b: b.refunded if b.payment else None,
        metadata={"type": "integer", "nullable": True, "description": "every refund asked, of payments or seats"},
    )
    currency = fields.Function(
        lambda b: b.payment and b.payment.currency, metadata={"type": "string", "nullable": True}
    )
    refund_status = fields.Function(
        lambda b: b.payment and b.payment.refund_status, metadata={"type": "string", "nullable": True}
    )
    refund_payment_id = fields.Function(
        _refundable_payment,
        metadata={
            "type": "integer",
            "nullable": True,
            "description": "Its latest payment, when paid: what .../payments/<id>/refunds takes",
        },
    )
    paid_in_person = fields.Function(
        lambda b: bool(b.payment and b.payment.provider == PAYMENT_AT_DOOR),
        metadata={"type": "boolean", "description": "Paid at the door or the desk: refunded there, and recorded"},
    )
    answers = fields.List(fields.Nested(AnswerSchema), metadata={"description": "The intake answers, in order"})
    option = fields.Nested(BookedOptionSchema, allow_none=True, metadata={"description": "The room option booked"})


class WaitingPersonSchema(BaseSchema):
    position = fields.Integer()
    child = fields.Nested(ChildNamedSchema, allow_none=True, metadata={"description": FOR_CHILD})
    name = fields.String()
    email = fields.String()
    user_id = Id()
    joined_at = fields.AwareDateTime()
    seats = fields.Integer(metadata={"description": "The seats the place waits for, all together"})
    option = fields.Nested(
        BookedOptionSchema, allow_none=True, metadata={"description": "The room option it waits for (its own line)"}
    )


class ManagedSessionSchema(SessionSchema):
    """A session as its facilitator manages it: with the weekly series it was made in and its video link."""

    series_id = Id(allow_none=True, metadata={"description": "Its series (.../series/<id>), or null"})
    video_url = fields.String(allow_none=True, metadata={"description": "Its video link (staff only)"})


class ManagedEventSchema(EventSchema):
    """An event as its staff see it: each session with its series and video link."""

    sessions = fields.List(fields.Nested(ManagedSessionSchema))


class ManagedEventPageSchema(PageSchema):
    """A page of events as their staff see them (the dashboard shows each session's video link or its absence)."""

    items = fields.List(fields.Nested(ManagedEventSchema))


class RegistrantsSchema(BaseSchema):
    session = fields.Nested(ManagedSessionSchema)
    event = fields.Nested(BookedEventSchema)
    active = fields.Integer()
    items = fields.List(fields.Nested(RegistrantSchema))
    waiting = fields.List(
        fields.Nested(WaitingPersonSchema), metadata={"description": "The session's waiting list, in order."}
    )


class CancelledSessionSchema(BaseSchema):
    session = fields.Nested(SessionSchema)
    bookings_cancelled = fields.Integer()


class PersonSchema(BaseSchema):
    """Who booked: enough for a facilitator to reach them."""

    id = Id()
    name = fields.String()
    email = fields.String()


class FacilitatorBookingSchema(BaseSchema):
    id = Id()
    status = fields.String()
    created_at = fields.AwareDateTime()
    cancelled_at = fields.AwareDateTime(allow_none=True)
    cancel_reason = fields.String(allow_none=True)
    user = fields.Nested(PersonSchema)
    session = fields.Nested(SessionSchema)
    event = fields.Nested(BookedEventSchema, attribute="session.event")


class FacilitatorBookingPageSchema(PageSchema):
    items = fields.List(fields.Nested(FacilitatorBookingSchema))


class CancelledEventSchema(BaseSchema):
    event = fields.Nested(EventSchema)
    bookings_cancelled = fields.Integer()


def _not_blank(length: int):
    return validate.And(
        validate.Length(min=1, max=length), validate.Predicate("strip", error=lazy_gettext("Must not be blank."))
    )


class SessionMessageSchema(BaseSchema):
    """What a facilitator writes to everyone booked in a session."""

    subject = fields.String(required=True, validate=_not_blank(200), metadata={"example": "Bring a warm layer"})
    text = fields.String(
        required=True, validate=_not_blank(5000), metadata={"example": "The hall is cold in the mornings."}
    )


class MessageSentSchema(BaseSchema):
    recipients = fields.Integer(metadata={"description": "How many people booked in the session will be emailed."})

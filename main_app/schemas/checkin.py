"""Schemas of the day of a session: the roster a check-in device downloads, and the check-ins it sends."""

from datetime import UTC, datetime, timedelta

from marshmallow import ValidationError, fields, validate, validates_schema

from main_app.services.languages import gettext
from service_kit.schemas import BaseSchema, Id, UTCDateTimeField

from ..models import ATTENDED, NO_SHOW
from .bookings import BookedEventSchema
from .common import NEW_PERSONS_OTHER_NAME, OtherName
from .events import SessionSchema

SEAT = {"strict": True, "validate": validate.Range(min=1, max=1000)}


class CheckinItemSchema(BaseSchema):
    """One seat seen at the door: by its code (scanned or typed) or by its booking and seat (found by name)."""

    code = fields.String(
        validate=validate.Length(min=1, max=120),
        metadata={"description": "A QR code's text (CHK1:...) or a short code", "example": "K7Q2M9XD"},
    )
    booking_id = Id()
    seat = fields.Integer(load_default=1, metadata={"description": "1: the booker; 2 on: their guests"}, **SEAT)
    at = fields.AwareDateTime(metadata={"description": "When the device saw them (default: now)"})
    device_id = fields.String(validate=validate.Length(max=64), load_default="")

    @validates_schema
    def _code_or_booking(self, data, **_kwargs):
        if ("code" in data) == ("booking_id" in data):
            raise ValidationError(gettext("Give code or booking_id, not both."), field_name="code")


class CheckinBatchSchema(BaseSchema):
    checkins = fields.List(fields.Nested(CheckinItemSchema), required=True, validate=validate.Length(min=1, max=500))


class CheckinResultSchema(BaseSchema):
    status = fields.String(metadata={"description": "checked_in, already_checked_in or not_valid"})
    reason = fields.String(
        metadata={
            "description": "not_valid: code_not_recognised, other_session, booking_not_active, no_such_seat, "
            "seat_given_back, checkin_not_open, checkin_closed"
        }
    )
    booking_id = fields.Integer(allow_none=True)
    seat = fields.Integer(allow_none=True)
    name = fields.String()
    checked_in_at = UTCDateTimeField()
    device_id = fields.String()


class CheckinResultsSchema(BaseSchema):
    results = fields.List(fields.Nested(CheckinResultSchema), metadata={"description": "One per item, in order"})
    checked_in = fields.Integer(metadata={"description": "Seats of the session checked in now"})


class MissingFormSchema(BaseSchema):
    """A form the studio requires whose current version the person has not signed: the desk collects it."""

    document_id = fields.Integer()
    title = fields.String()
    version = fields.Integer()


class RosterChildSchema(BaseSchema):
    id = fields.Integer()
    name = fields.String()
    notes_for_teacher = fields.String(allow_none=True, metadata={"description": "What their guardian tells teachers"})


class RosterSeatSchema(BaseSchema):
    booking_id = fields.Integer()
    seat = fields.Integer()
    name = fields.String()
    email = fields.String(allow_none=True)
    booked_by = fields.String()
    booked_by_id = fields.Integer(metadata={"description": "The booker's account: a client of the studio"})
    child = fields.Nested(
        RosterChildSchema,
        allow_none=True,
        metadata={"description": "Seat 1 of a booking for a child of the booker's family (name: theirs); else null"},
    )
    code = fields.String()
    qr = fields.String()
    checked_in_at = UTCDateTimeField(allow_none=True)
    device_id = fields.String(allow_none=True)
    forms_missing = fields.List(
        fields.Nested(MissingFormSchema),
        metadata={"description": "The required forms whose current version the booker has not signed (seat 1)"},
    )


class GivenBackSeatSchema(BaseSchema):
    booking_id = fields.Integer()
    seat = fields.Integer()


class RosterSchema(BaseSchema):
    session = fields.Nested(SessionSchema)
    event = fields.Nested(BookedEventSchema)
    opens_at = UTCDateTimeField()
    closes_at = UTCDateTimeField()
    checkin_key = fields.String(metadata={"description": "Hex HMAC-SHA256 key: a device checks QR codes offline"})
    seats = fields.List(fields.Nested(RosterSeatSchema))
    given_back = fields.List(fields.Nested(GivenBackSeatSchema), metadata={"description": "Codes to refuse"})
    expected = fields.Integer()
    checked_in = fields.Integer()


class UndoQuerySchema(BaseSchema):
    seat = fields.Integer(load_default=1, **{**SEAT, "strict": False})  # a query string's "2" is a seat number


class TicketSchema(BaseSchema):
    seat = fields.Integer(metadata={"description": "1: the booker; 2 on: their guests"})
    name = fields.String()
    code = fields.String(metadata={"description": "8 characters, to say at the door"})
    qr = fields.String(metadata={"description": "The QR code's text"})
    qr_svg = fields.String(metadata={"description": "The QR code as an SVG data: URI, for an <img>"})
    checked_in_at = UTCDateTimeField(allow_none=True)


class TicketsSchema(BaseSchema):
    booking_id = fields.Integer()
    session_id = fields.Integer()
    seats = fields.List(fields.Nested(TicketSchema))


class AttendanceSchema(BaseSchema):
    attendance = fields.String(required=True, validate=validate.OneOf((ATTENDED, NO_SHOW)))


class AttendanceSetSchema(AttendanceSchema):
    booking_id = fields.Integer()


class SessionAttendanceSchema(BaseSchema):
    session_id = fields.Integer()
    starts_at = UTCDateTimeField()
    capacity = fields.Integer()
    booked = fields.Integer(metadata={"description": "Seats of active bookings"})
    attended = fields.Integer(metadata={"description": "Bookings attended (once closed)"})
    no_shows = fields.Integer()
    checked_in = fields.Integer(metadata={"description": "Seats checked in"})
    walk_ins = fields.Integer(metadata={"description": "Bookings made at the door"})
    late_cancels = fields.Integer(metadata={"description": "People's own cancellations after the late-cancel cut-off"})
    closed = fields.Boolean(metadata={"description": "Attendance is set (the session closed after check-in)"})
    average_rating = fields.Float(allow_none=True, metadata={"description": "Feedback's average; null: none yet"})


class VisitSchema(BaseSchema):
    booking_id = fields.Integer()
    session_id = fields.Integer()
    title = fields.String()
    starts_at = UTCDateTimeField()
    status = fields.String()
    seats = fields.Integer()
    attendance = fields.String(allow_none=True)
    late_cancel = fields.Boolean()


class PersonAttendanceSchema(BaseSchema):
    user_id = fields.Integer()
    name = fields.String()
    email = fields.String()
    booked = fields.Integer()
    attended = fields.Integer()
    no_shows = fields.Integer()
    late_cancels = fields.Integer()
    items = fields.List(fields.Nested(VisitSchema), metadata={"description": "Newest first"})


# Dates far enough from the calendar's ends that a default range around them never overflows.
SANE_DATES = validate.Range(min=datetime(1970, 1, 1, tzinfo=UTC), max=datetime(9000, 1, 1, tzinfo=UTC))


class RangeQuerySchema(BaseSchema):
    start = fields.AwareDateTime(
        data_key="from", validate=SANE_DATES, metadata={"description": "Default: 91 days before to"}
    )
    end = fields.AwareDateTime(
        data_key="to", validate=SANE_DATES, metadata={"description": "Default: tomorrow; at most 366 days after from"}
    )

    @validates_schema
    def _a_year_at_most(self, data, **_kwargs):
        start, end = data.get("start"), data.get("end")
        if start and end and not timedelta(0) < end - start <= timedelta(days=366):
            raise ValidationError(gettext("It must end after from, and within 366 days of it."), field_name="to")


class WalkInSchema(BaseSchema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    other_name = OtherName(NEW_PERSONS_OTHER_NAME)
    email = fields.Email(required=True, validate=validate.Length(max=254), metadata={"description": "Found or made"})
    pass_id = Id(metadata={"description": "A paid session: spend a credit of this pass of theirs"})
    paid_at_door = fields.Boolean(load_default=False, metadata={"description": "A paid session: paid in person"})
    device_id = fields.String(validate=validate.Length(max=64), load_default="")


class WalkInResultSchema(BaseSchema):
    booking_id = fields.Integer()
    user_id = fields.Integer()
    new_account = fields.Boolean(metadata={"description": "An account was made for them (claimed by a password reset)"})
    result = fields.Nested(CheckinResultSchema)


class FeedbackQuerySchema(BaseSchema):
    token = fields.String(required=True, validate=validate.Length(min=1, max=500))


class FeedbackAnswerSchema(FeedbackQuerySchema):
    rating = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=5))
    comment = fields.String(validate=validate.Length(max=2000), metadata={"description": "Left out: kept as it was"})


class FeedbackSchema(BaseSchema):
    booking_id = fields.Integer()
    title = fields.String()
    starts_at = UTCDateTimeField()
    rating = fields.Integer(allow_none=True, metadata={"description": "null: not rated yet"})
    comment = fields.String()


class FeedbackItemSchema(BaseSchema):
    booking_id = fields.Integer()
    name = fields.String()
    rating = fields.Integer()
    comment = fields.String()
    at = UTCDateTimeField()


class SessionFeedbackSchema(BaseSchema):
    count = fields.Integer()
    average = fields.Float(allow_none=True, metadata={"description": "To one decimal; null when nobody answered"})
    items = fields.List(fields.Nested(FeedbackItemSchema), metadata={"description": "Newest first"})


class JoinSchema(BaseSchema):
    """An online class's video link, for the person booked."""

    booking_id = Id()
    session_id = Id()
    url = fields.String(metadata={"description": "The video link the studio gave (https)"})

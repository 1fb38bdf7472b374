"""Schemas of /timetable."""

from datetime import timedelta

from marshmallow import ValidationError, fields, validate, validates_schema

from main_app.services.catalogue import MAX_DAYS
from main_app.services.common import HORIZON
from main_app.services.languages import gettext
from service_kit.schemas import BaseSchema, Id

from ..models import EVENT_KINDS, utcnow
from .events import AddedTaxSchema, EventStudioSchema, SessionInstructorSchema, SessionOptionSchema

# The timetable reaches back a year (what happened last term) and forward as far as a session may be.
REACH_BACK = timedelta(days=366)


class TimetableQuerySchema(BaseSchema):
    from_ = fields.Date(
        data_key="from", metadata={"example": "2027-01-04", "description": "First day; today if left out"}
    )
    to = fields.Date(metadata={"example": "2027-01-10", "description": f"Last day, at most {MAX_DAYS} days on"})
    kind = fields.String(validate=validate.OneOf(EVENT_KINDS))
    facilitator_id = Id(strict=False, metadata={"description": "Only the events this person made"})
    instructor_id = Id(strict=False, metadata={"description": "Only the sessions this person teaches"})
    q = fields.String(validate=validate.Length(max=200), metadata={"description": "Part of the event's title"})
    studio = fields.String(
        validate=validate.Length(min=1, max=64),
        metadata={"example": "lotus-yoga", "description": "Only this studio's sessions (its slug): its widget's week"},
    )

    @validates_schema
    def _span(self, data, **_kwargs):
        today = utcnow().date()
        for name, key in (("from", "from_"), ("to", "to")):  # before any arithmetic: 9999-12-31 + 6 days overflows
            if key in data and not today - REACH_BACK <= data[key] <= today + HORIZON:
                raise ValidationError(gettext("Must be within a year back and five years ahead."), field_name=name)
        first = data.setdefault("from_", today)
        last = data.setdefault("to", first + timedelta(days=6))
        if last < first:
            raise ValidationError(gettext("Must not be before from."), field_name="to")
        if (last - first).days >= MAX_DAYS:
            raise ValidationError(gettext("At most %(most)s days from from.", most=MAX_DAYS), field_name="to")


class TimetableEventSchema(BaseSchema):
    id = Id()
    title = fields.String()
    kind = fields.String()
    location = fields.String()
    timezone = fields.String(metadata={"example": "Europe/Berlin", "description": "The clock its times are read on"})
    refund_until_hours = fields.Integer(metadata={"description": "Paid seats cancelled this long ahead are refunded"})
    late_cancel_hours = fields.Integer(
        metadata={"description": "Seats booked with a pass: credit back this long ahead"}
    )
    requires_approval = fields.Boolean(metadata={"description": "Booking sends a request its facilitator decides"})
    min_age = fields.Integer(allow_none=True, metadata={"description": "The youngest a child booked for it may be"})
    max_age = fields.Integer(allow_none=True, metadata={"description": "The oldest (adults count as 18); null: none"})
    studio = fields.Nested(EventStudioSchema, metadata={"description": "Whose event it is"})
    tax_added = fields.Nested(
        AddedTaxSchema, allow_none=True, metadata={"description": "The tax added to its prices at checkout (or null)"}
    )


class TimetableFacilitatorSchema(BaseSchema):
    id = Id()
    name = fields.String()


class TimetableSessionSchema(BaseSchema):
    id = Id()
    event_id = Id()
    starts_at = fields.String(metadata={"format": "date-time"})
    ends_at = fields.String(metadata={"format": "date-time"})
    date = fields.String(metadata={"format": "date", "description": "The day it starts on its event's clock"})
    start_time = fields.String(metadata={"example": "07:00", "description": "On its event's clock"})
    end_time = fields.String(metadata={"example": "08:00", "description": "On its event's clock"})
    capacity = fields.Integer()
    seats_left = fields.Integer()
    waiting = fields.Integer(metadata={"description": "How many are on its waiting list"})
    price = fields.Integer(metadata={"description": "A seat's price in minor units; 0 is free"})
    currency = fields.String()
    max_seats_per_booking = fields.Integer(metadata={"description": "How many seats one booking may take"})
    options = fields.List(
        fields.Nested(SessionOptionSchema), metadata={"description": "Its room options (a booking names one)"}
    )
    bookable = fields.Boolean(metadata={"description": "False once it has started"})
    mode = fields.String(metadata={"description": "in_person, online or hybrid (both)"})
    event = fields.Nested(TimetableEventSchema)
    facilitator = fields.Nested(TimetableFacilitatorSchema)
    instructor = fields.Nested(SessionInstructorSchema, metadata={"description": "Who teaches it"})


class TimetableDaySchema(BaseSchema):
    date = fields.String(metadata={"format": "date"})
    sessions = fields.List(fields.Nested(TimetableSessionSchema))


class TimetableSchema(BaseSchema):
    from_ = fields.String(data_key="from", attribute="from", metadata={"format": "date"})
    to = fields.String(metadata={"format": "date"})
    days = fields.List(fields.Nested(TimetableDaySchema))

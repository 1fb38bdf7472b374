"""A weekly series' bodies: sessions made from a recurrence rule, changed or cancelled from a day on."""

from marshmallow import fields, validate, validates_schema

from service_kit.schemas import BaseSchema, Id

from .events import SessionSchema
from .facilitator import EXAMPLE_DAY, MAX_CAPACITY, at_least_one
from .options import NO_OPTIONS_IN_A_SERIES
from .session_fields import CURRENCY, MAX_SEATS_PER_BOOKING, MODE, PRICE, VIDEO_URL


class SeriesCreateSchema(BaseSchema):
    """Sessions from a recurrence rule, on the event's clock."""

    rrule = fields.String(
        required=True,
        validate=validate.Length(min=1, max=500),
        metadata={"example": "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=12", "description": "RFC 5545 RRULE with COUNT or UNTIL"},
    )
    starts_on = fields.Date(required=True, metadata={"example": EXAMPLE_DAY, "description": "The first day"})
    start_time = fields.Time(required=True, metadata={"example": "07:00", "description": "On the event's clock"})
    duration_minutes = fields.Integer(
        strict=True, required=True, validate=validate.Range(min=5, max=14 * 24 * 60), metadata={"example": 60}
    )
    capacity = fields.Integer(
        strict=True, required=True, validate=validate.Range(min=1, max=MAX_CAPACITY), metadata={"example": 12}
    )
    price = fields.Integer(**PRICE)
    currency = fields.String(**CURRENCY)
    max_seats_per_booking = fields.Integer(**MAX_SEATS_PER_BOOKING)
    mode = fields.String(**MODE)
    video_url = fields.String(**VIDEO_URL)
    options = NO_OPTIONS_IN_A_SERIES
    instructor_id = Id(
        metadata={"description": "Who teaches them: a member of the studio who teaches; you if not given"}
    )


class SeriesUpdateSchema(BaseSchema):
    """This and the following sessions of a series: a new time on the event's clock, duration, capacity, where they
    happen and their video link, or their teacher."""

    from_ = fields.Date(
        required=True, data_key="from", metadata={"example": EXAMPLE_DAY, "description": "This day on, event's clock"}
    )
    start_time = fields.Time(metadata={"example": "07:30", "description": "On the event's clock"})
    duration_minutes = fields.Integer(
        strict=True, validate=validate.Range(min=5, max=14 * 24 * 60), metadata={"example": 75}
    )
    capacity = fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_CAPACITY), metadata={"example": 14})
    mode = fields.String(**MODE)
    video_url = fields.String(**VIDEO_URL)
    instructor_id = Id(
        metadata={
            "description": "A new teacher, a member of the studio who teaches, for the sessions taught by the first "
            "one's teacher (a substitute keeps theirs)"
        }
    )

    @validates_schema
    def _check(self, data, **_kwargs):
        at_least_one({name: value for name, value in data.items() if name != "from_"})


class SeriesChangedSchema(BaseSchema):
    series_id = fields.Integer()
    sessions_changed = fields.Integer(metadata={"description": "How many sessions the change moved or resized"})
    sessions = fields.List(fields.Nested(SessionSchema), metadata={"description": "The sessions from that day on"})


class SeriesCancelSchema(BaseSchema):
    from_ = fields.Date(
        required=True, data_key="from", metadata={"example": EXAMPLE_DAY, "description": "This day on, event's clock"}
    )
    reason = fields.String(validate=validate.Length(max=500), metadata={"example": "The studio closes for repairs."})


class SeriesCancelledSchema(BaseSchema):
    series_id = fields.Integer()
    sessions_cancelled = fields.Integer()
    bookings_cancelled = fields.Integer()


class SeriesSchema(BaseSchema):
    series_id = fields.Integer()
    sessions = fields.List(fields.Nested(SessionSchema))

"""Schemas of /events."""
from marshmallow import fields, validate

from ..models import EVENT_KINDS, STATUS_SCHEDULED, utcnow
from .common import BaseSchema, Id, PageArgsSchema, PageSchema, UTCDateTime


class EventQuerySchema(PageArgsSchema):
    kind = fields.String(validate=validate.OneOf(EVENT_KINDS))
    q = fields.String(validate=validate.Length(max=200))  # empty: an unused search box, no filter
    facilitator_id = Id(strict=False)  # query-string values are always text
    starts_after = UTCDateTime(data_key="from")
    starts_before = UTCDateTime(data_key="to")
    include_past = fields.Boolean(load_default=False)
    include_cancelled = fields.Boolean(load_default=False)


class FacilitatorSchema(BaseSchema):
    id = Id()
    name = fields.String()


class SessionSchema(BaseSchema):
    id = Id()
    event_id = Id()
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    capacity = fields.Integer()
    seats_taken = fields.Integer()
    seats_left = fields.Integer()
    status = fields.String()


class EventSchema(BaseSchema):
    id = Id()
    title = fields.String()
    description = fields.String()
    kind = fields.String()
    location = fields.String()
    status = fields.String()
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    facilitator_id = Id()
    facilitator = fields.Nested(FacilitatorSchema)
    seats_left = fields.Method("_seats_left", metadata={"type": "integer"})
    sessions = fields.List(fields.Nested(SessionSchema))

    def _seats_left(self, event) -> int:
        """Free seats over the sessions that can still be booked (scheduled, not yet started)."""
        now = utcnow()
        return sum(s.seats_left for s in event.sessions if s.status == STATUS_SCHEDULED and s.starts_at > now)


class EventPageSchema(PageSchema):
    items = fields.List(fields.Nested(EventSchema))

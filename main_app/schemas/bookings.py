"""Schemas of booking endpoints."""

from marshmallow import fields, validate

from service_kit.schemas import BaseSchema, Id, PageSchema

from .events import FacilitatorSchema, SessionSchema


class BookRequestSchema(BaseSchema):
    session_id = Id(required=True)


class CancelRequestSchema(BaseSchema):
    reason = fields.String(validate=validate.Length(max=500))


class BookedEventSchema(BaseSchema):
    id = Id()
    title = fields.String()
    kind = fields.String()
    location = fields.String()
    timezone = fields.String()
    facilitator = fields.Nested(FacilitatorSchema)


class BookingSchema(BaseSchema):
    id = Id()
    status = fields.String()
    session_id = Id()
    user_id = Id()
    created_at = fields.AwareDateTime()
    cancelled_at = fields.AwareDateTime(allow_none=True)
    cancel_reason = fields.String(allow_none=True)
    reactivated_at = fields.AwareDateTime(allow_none=True)
    session = fields.Nested(SessionSchema)
    event = fields.Nested(BookedEventSchema, attribute="session.event")
    reminders_at = fields.List(
        fields.AwareDateTime(),
        metadata={"description": "When the reminder emails for this booking will go (none once sent or turned off)."},
    )


class WaitingSchema(BaseSchema):
    """A place in a full session's waiting list."""

    session_id = Id()
    status = fields.String(metadata={"description": "waiting"})
    position = fields.Integer(metadata={"description": "1 for the head of the line"})
    joined_at = fields.AwareDateTime()
    session = fields.Nested(SessionSchema)
    event = fields.Nested(BookedEventSchema, attribute="session.event")


class WaitlistJoinSchema(BaseSchema):
    """POST /sessions/<id>/waitlist: the place in line, or the booking it became at once (a seat freed meanwhile)."""

    session_id = Id()
    status = fields.String(metadata={"description": "waiting, or active when a seat came free at once"})
    position = fields.Integer(allow_none=True, metadata={"description": "1 for the head of the line; null once booked"})
    booking_id = Id(allow_none=True)


class BookingPageSchema(PageSchema):
    items = fields.List(fields.Nested(BookingSchema))
    waiting = fields.List(
        fields.Nested(WaitingSchema),
        metadata={"description": "The caller's places in waiting lists of sessions not yet started (not paged)."},
    )

"""Schemas of a person's bookings page (GET /bookings) and places in waiting lists."""

from marshmallow import fields

from service_kit.schemas import BaseSchema, Id, PageSchema

from .bookings import BookedEventSchema, BookedSessionSchema, BookingSchema
from .family import ChildNamedSchema


class WaitingSchema(BaseSchema):
    """A place in a full session's waiting list."""

    session_id = Id()
    for_ = fields.Nested(
        ChildNamedSchema,
        data_key="for",
        attribute="child",
        allow_none=True,
        metadata={"description": "The child of my family it is for ({id, name}); null: me"},
    )  # my_bookings writes the same documents straight, under "for"
    status = fields.String(metadata={"description": "waiting, or offered (a freed seat is kept for them a while)"})
    seats = fields.Integer(metadata={"description": "The seats the place waits for, all together"})
    position = fields.Integer(metadata={"description": "1 for the head of the line"})
    joined_at = fields.AwareDateTime()
    offer_expires_at = fields.AwareDateTime(allow_none=True, metadata={"description": "Until when it is offered."})
    offer_path = fields.String(allow_none=True, metadata={"description": "The offer's page in the web app."})
    session = fields.Nested(BookedSessionSchema)
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

"""Schemas of requests to book an event that requires approval: the facilitator's queue and their decision."""

from marshmallow import fields, validate

from main_app.services.languages import lazy_gettext
from service_kit.schemas import BaseSchema, Id, PageSchema

from .bookings import BookedEventSchema, GuestSchema
from .events import SessionSchema
from .facilitator import PersonSchema
from .intake import AnswerSchema


class DeclineRequestSchema(BaseSchema):
    message = fields.String(
        required=True,
        validate=validate.And(
            validate.Length(min=1, max=2000), validate.Predicate("strip", error=lazy_gettext("Must not be blank."))
        ),
        metadata={"example": "This retreat asks for some prior practice; the spring one would suit you better."},
    )


class ApprovalSchema(BaseSchema):
    booking_id = Id(attribute="id")
    status = fields.String(metadata={"description": "pending_approval"})
    seats = fields.Integer(metadata={"description": "The seats asked for: the person's and one per guest"})
    guests = fields.List(fields.Nested(GuestSchema), attribute="party")
    requested_at = fields.AwareDateTime(attribute="created_at")
    hold_until = fields.AwareDateTime(
        attribute="hold_expires_at", metadata={"description": "Undecided by then, the seat goes back"}
    )
    person = fields.Nested(PersonSchema, attribute="user")
    session = fields.Nested(SessionSchema)
    event = fields.Nested(BookedEventSchema, attribute="session.event")
    answers = fields.List(fields.Nested(AnswerSchema), metadata={"description": "The intake answers, in order"})


class ApprovalPageSchema(PageSchema):
    items = fields.List(fields.Nested(ApprovalSchema))

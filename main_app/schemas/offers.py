"""Waiting-list offers at the edge: what an offer's link shows, and the answer to declining it."""

from marshmallow import fields

from service_kit.schemas import BaseSchema, Id


class OfferEventSchema(BaseSchema):
    id = Id()
    title = fields.String()
    location = fields.String()
    timezone = fields.String()


class OfferSchema(BaseSchema):
    """An offer of a freed seat, as its signed link shows it to the person it was made to."""

    status = fields.String(metadata={"description": "open, or ended (its time ran out; the seat goes on)"})
    expires_at = fields.AwareDateTime(metadata={"description": "Until when the seat is kept for the offer."})
    expires_local = fields.String(metadata={"description": "The same, written on the event's clock."})
    session_id = Id()
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    event = fields.Nested(OfferEventSchema)
    price = fields.Integer(metadata={"description": "In the currency's minor units; 0 is free."})
    currency = fields.String()
    price_text = fields.String(metadata={"description": "The price as people read it; empty when free."})


class DeclinedSchema(BaseSchema):
    status = fields.String(metadata={"description": "declined"})

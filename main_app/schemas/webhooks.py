"""A studio's webhooks at the edge: an endpoint (its address, description and event types), a change of one, a
REST hook's subscription, and their deliveries."""

from marshmallow import fields, validate

from main_app.services.webhooks import EVENT_TYPES
from service_kit.schemas import BaseSchema

URL = validate.Length(min=1, max=1000)
EVENT_TYPE = fields.String(validate=validate.OneOf(tuple(EVENT_TYPES)))


class WebhookCreateSchema(BaseSchema):
    """A new endpoint: an https address of the studio's own tool and the event types it hears."""

    url = fields.String(required=True, validate=URL, metadata={"example": "https://tools.example.com/hooks/studio"})
    description = fields.String(load_default="", validate=validate.Length(max=200))
    event_types = fields.List(
        EVENT_TYPE,
        required=True,
        validate=validate.Length(min=1, max=len(EVENT_TYPES)),
        metadata={"example": ["booking_created"]},
    )


class WebhookChangeSchema(BaseSchema):
    """Any of an endpoint's address, description, event types, and whether it is on."""

    url = fields.String(validate=URL)
    description = fields.String(validate=validate.Length(max=200))
    event_types = fields.List(EVENT_TYPE, validate=validate.Length(min=1, max=len(EVENT_TYPES)))
    active = fields.Boolean()


class WebhookSchema(BaseSchema):
    """An endpoint as the studio sees it: never its secret."""

    id = fields.Integer()
    url = fields.String()
    description = fields.String()
    event_types = fields.List(fields.String())
    source = fields.String(metadata={"description": "app: made in the web app; api: subscribed by a tool"})
    active = fields.Boolean()
    created_at = fields.DateTime()


class WebhookMadeSchema(WebhookSchema):
    """An endpoint just made, with its Standard Webhooks secret: shown this once."""

    secret = fields.String(metadata={"example": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"})


class EventTypeSchema(BaseSchema):
    type = fields.String()
    description = fields.String()


class WebhookListSchema(BaseSchema):
    """The studio's endpoints, newest first, and the event types they may hear."""

    items = fields.List(fields.Nested(WebhookSchema))
    event_types = fields.List(fields.Nested(EventTypeSchema))


class DeliverySchema(BaseSchema):
    """One delivery to an endpoint: its id (the webhook-id header), type, state and last answer."""

    id = fields.String()
    type = fields.String()
    status = fields.String(metadata={"description": "pending, delivered or dead"})
    attempts = fields.Integer()
    last_status_code = fields.Integer(allow_none=True)
    last_error = fields.String(allow_none=True)
    created_at = fields.DateTime()
    next_attempt_at = fields.DateTime(allow_none=True)
    delivered_at = fields.DateTime(allow_none=True)
    body = fields.Dict(metadata={"description": "What was sent: {type, timestamp, data}"})


class DeliveryPageSchema(BaseSchema):
    items = fields.List(fields.Nested(DeliverySchema))
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    pages = fields.Integer()


class DeliveryQuerySchema(BaseSchema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class HookSubscribeSchema(BaseSchema):
    """A REST hook (Zapier's subscribe): the address to call and the one event type it hears."""

    target_url = fields.String(required=True, validate=URL)
    event = fields.String(required=True, validate=validate.OneOf(tuple(EVENT_TYPES)))


class HookSchema(BaseSchema):
    id = fields.Integer()
    target_url = fields.String()
    event = fields.String()
    secret = fields.String(metadata={"description": "The Standard Webhooks secret its deliveries are signed with"})

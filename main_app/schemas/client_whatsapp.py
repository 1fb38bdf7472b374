"""Schemas of a client's WhatsApp as a studio's staff see it (/api/studios/<slug>/clients/<user_id>/whatsapp) and of
staff's answer to them."""

from marshmallow import ValidationError, fields, validate, validates

from main_app.services.languages import gettext
from service_kit.schemas import BaseSchema


class ClientWhatsappSchema(BaseSchema):
    """A client's WhatsApp with the studio's number."""

    opted_in = fields.Boolean(metadata={"description": "They opted in to WhatsApp messages for their number"})
    stopped = fields.Boolean(metadata={"description": "Their number sent STOP: nothing goes to it until START"})
    number_hint = fields.String(
        allow_none=True,
        metadata={"description": "The last four digits of their number, or null", "example": "•••• 3210"},
    )
    window_open = fields.Boolean(metadata={"description": "They wrote to the studio's number in the last 24 hours"})
    window_closes_at = fields.AwareDateTime(
        allow_none=True, metadata={"description": "When the window closes (or closed); null: they never wrote"}
    )
    can_answer = fields.Boolean(metadata={"description": "Staff may answer now: the window is open and no STOP"})


class WhatsappAnswerSchema(BaseSchema):
    """Staff's answer: free-form text, as WhatsApp carries it."""

    text = fields.String(required=True, validate=validate.Length(min=1, max=4096))

    @validates("text")
    def _not_blank(self, value: str, **_kwargs) -> None:
        if not value.strip():
            raise ValidationError(gettext("Write the answer first."))


class WhatsappAnsweredSchema(BaseSchema):
    """An answer queued for WhatsApp."""

    message_id = fields.String(metadata={"description": "Our outbox id of the message (its delivery log's)"})
    window_closes_at = fields.AwareDateTime(allow_none=True, metadata={"description": "When the window closes"})

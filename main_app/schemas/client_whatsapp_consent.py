"""Schemas of a client's WhatsApp consent recorded at a studio's desk
(/api/studios/<slug>/clients/<user_id>/whatsapp/consent)."""

from marshmallow import ValidationError, fields, validate, validates_schema

from main_app.services.languages import gettext
from service_kit.schemas import BaseSchema

from .client_whatsapp import ClientWhatsappSchema


class DeskConsentChangeSchema(BaseSchema):
    """PUT: the client's opt-in (with the words read to them) or opt-out, said at the desk."""

    opted_in = fields.Boolean(required=True)
    wording = fields.String(
        validate=validate.Length(min=1, max=2000),
        metadata={"description": "The opt-in's words as read to the client (GET's wording, in their language)"},
    )

    @validates_schema
    def _wording_to_opt_in(self, data, **_kwargs):
        if data.get("opted_in") and not data.get("wording"):
            raise ValidationError(gettext("Give the words read to the client to opt them in."), field_name="wording")


class DeskConsentWordsSchema(ClientWhatsappSchema):
    """GET: ClientWhatsappSchema's fields and the words to read out before recording an opt-in."""

    wording = fields.String(
        allow_none=True,
        metadata={"description": "The opt-in's words for their number, in their language (no number: null)"},
    )
    wording_language = fields.String(allow_none=True)

"""Schemas of WhatsApp's settings: a person's consent (/auth/me/whatsapp) and a studio's own number
(/api/studios/<slug>/whatsapp) and its usage by month; and of Meta's webhooks to /whatsapp/webhook[/<slug>]."""

from datetime import date
from typing import ClassVar

from marshmallow import EXCLUDE, ValidationError, fields, validate, validates_schema

from main_app.services.chats import CONSENT_SOURCES
from main_app.services.languages import gettext, lazy_gettext
from service_kit.schemas import BaseSchema, Id

# Where a person gives their consent through these routes (a studio's desk records it for them, never they).
PERSON_SOURCES = tuple(source for source in CONSENT_SOURCES if source != "desk")


class ConsentChangeSchema(BaseSchema):
    """PUT /auth/me/whatsapp: opt in (with the words shown) or out."""

    opted_in = fields.Boolean(required=True)
    wording = fields.String(
        validate=validate.Length(min=1, max=2000),
        metadata={"description": "The opt-in's words exactly as shown (GET's wording, in its language); to opt in"},
    )
    source = fields.String(
        load_default="account",
        validate=validate.OneOf(PERSON_SOURCES),
        metadata={"description": "account (the account page, the default) or booking (asked while booking)"},
    )

    @validates_schema
    def _wording_to_opt_in(self, data, **_kwargs):
        if data.get("opted_in") and not data.get("wording"):
            raise ValidationError(gettext("Give the words shown to opt in."), field_name="wording")


class ConsentEntrySchema(BaseSchema):
    id = Id()
    opted_in = fields.Boolean()
    number = fields.String(metadata={"description": "The number (E.164) the change was for"})
    source = fields.String(metadata={"description": "booking, account or desk"})
    wording = fields.String(allow_none=True, metadata={"description": "The words shown, as shown (an opt-in)"})
    language = fields.String(allow_none=True)
    studio_id = Id(allow_none=True)
    at = fields.AwareDateTime()


class ConsentSchema(BaseSchema):
    """GET /auth/me/whatsapp: the person's WhatsApp consent, what it reaches now, and its history."""

    opted_in = fields.Boolean(metadata={"description": "Whether they opted in for their number as it is now"})
    number = fields.String(allow_none=True, metadata={"description": "The number their opt-in is for, or null"})
    phone = fields.String(allow_none=True)
    phone_verified = fields.Boolean(metadata={"description": "WhatsApp goes only to a number proved with a code"})
    stopped = fields.Boolean(metadata={"description": "The number sent STOP: nothing goes to it until START"})
    active = fields.Boolean(metadata={"description": "Consent, a proved number and no STOP: WhatsApp reaches them"})
    wording = fields.String(
        allow_none=True, metadata={"description": "The words to show for an opt-in (no phone: null)"}
    )
    wording_language = fields.String(metadata={"description": "The language wording is in (the request's)"})
    history = fields.List(fields.Nested(ConsentEntrySchema), metadata={"description": "Each change, newest first"})


class StudioWhatsappSchema(BaseSchema):
    """GET /api/studios/<slug>/whatsapp: the studio's own number (never its secrets) and the install's."""

    connected = fields.Boolean(metadata={"description": "Whether the studio has its own number"})
    phone_number_id = fields.String(allow_none=True)
    business_account_id = fields.String(allow_none=True)
    secrets_hint = fields.String(allow_none=True, metadata={"description": "Which access token is set (never it)"})
    secrets_set_at = fields.AwareDateTime(allow_none=True)
    install_phone_number_id = fields.String(allow_none=True, metadata={"description": "The install's number, or null"})
    sends_through = fields.String(allow_none=True, metadata={"description": "own, install, or null (no WhatsApp)"})
    webhook_url = fields.String(
        allow_none=True, metadata={"description": "The callback URL to give the Meta app (its own number)"}
    )


class MonthField(fields.Field):
    """A calendar month as YYYY-MM, loaded as its first day."""

    default_error_messages: ClassVar[dict] = {"invalid": lazy_gettext("A month as YYYY-MM, such as 2026-04.")}

    def _deserialize(self, value, attr, data, **kwargs) -> date:
        text = value if isinstance(value, str) else ""
        try:
            year, month = text.split("-") if len(text) == 7 else ("", "")
            return date(int(year), int(month), 1)
        except ValueError:
            raise self.make_error("invalid") from None


class UsageQuerySchema(BaseSchema):
    """GET /api/studios/<slug>/whatsapp/usage: which month."""

    month = MonthField(
        load_default=None, metadata={"description": "YYYY-MM on the studio's calendar; this month when left out"}
    )


class CategoryUsageSchema(BaseSchema):
    sent = fields.Integer(metadata={"description": "Messages Meta took"})
    not_billable = fields.Integer(metadata={"description": "Of those, the ones Meta's status said are free"})
    billable = fields.Integer(metadata={"description": "sent less not_billable"})


class WhatsappUsageSchema(BaseSchema):
    """A studio's WhatsApp messages of one month, by what they are priced as."""

    month = fields.String(metadata={"example": "2026-04"})
    categories = fields.Dict(
        keys=fields.String(),
        values=fields.Nested(CategoryUsageSchema),
        metadata={"description": "utility and marketing (templates), service (free-form replies)"},
    )
    total = fields.Nested(CategoryUsageSchema)


def _field(description: str, load_only: bool = False) -> fields.String:
    return fields.String(
        required=True, load_only=load_only, validate=validate.Length(min=1, max=1000),
        metadata={"description": description},
    )  # fmt: skip


class StudioWhatsappChangeSchema(BaseSchema):
    """PUT /api/studios/<slug>/whatsapp: the studio's own number, from its Meta app; the secrets are write-only."""

    phone_number_id = _field("WhatsApp Manager > Phone numbers: the number's id (digits)")
    business_account_id = _field("The WhatsApp Business Account's id (digits)")
    access_token = _field("A system user's access token (starts EAA); write-only", load_only=True)
    app_secret = _field("The Meta app's secret (32 hex digits); write-only", load_only=True)
    verify_token = _field("Your own token for the webhook's handshake (16-200 characters); write-only", load_only=True)


class _MetaSchema(BaseSchema):
    """A part of a WhatsApp webhook: Meta's objects carry more than we read, and more with each API version, so what
    is not read here is left out rather than refused."""

    class Meta:
        unknown = EXCLUDE


META_ID = validate.Length(min=1, max=200)  # a wamid, or our outbox message's id given back


class WhatsappHandshakeSchema(_MetaSchema):
    """GET /whatsapp/webhook[/<slug>]: Meta's subscription handshake."""

    mode = fields.String(data_key="hub.mode", load_default="", metadata={"description": "subscribe"})
    verify_token = fields.String(data_key="hub.verify_token", load_default="", validate=validate.Length(max=200))
    challenge = fields.String(data_key="hub.challenge", load_default="", validate=validate.Length(max=200))


class WhatsappErrorSchema(_MetaSchema):
    code = fields.Integer(load_default=None)
    title = fields.String(load_default=None, validate=validate.Length(max=200))


class WhatsappPricingSchema(_MetaSchema):
    """How Meta prices the message a status is of: billable false for one that costs nothing (inside a window)."""

    billable = fields.Boolean(load_default=None)
    category = fields.String(load_default=None, validate=validate.Length(max=40))


class WhatsappStatusSchema(_MetaSchema):
    """One status of a message we sent: its wamid, sent/delivered/read/failed, our outbox id it carried back, when,
    and Meta's pricing of it."""

    id = fields.String(required=True, validate=META_ID)
    status = fields.String(required=True, validate=validate.Length(min=1, max=40))
    biz_opaque_callback_data = fields.String(load_default=None, validate=validate.Length(max=512))
    errors = fields.List(fields.Nested(WhatsappErrorSchema), load_default=list)
    timestamp = fields.Integer(load_default=None, validate=validate.Range(min=0))
    pricing = fields.Nested(WhatsappPricingSchema, load_default=None)


class WhatsappTextSchema(_MetaSchema):
    body = fields.String(load_default="", validate=validate.Length(max=4096))


class WhatsappMessageSchema(_MetaSchema):
    """One message a person sent the number: its wamid, their number (digits, no +), when, and a text's body."""

    id = fields.String(required=True, validate=META_ID)
    sender = fields.String(data_key="from", required=True, validate=validate.Length(min=1, max=32))
    type = fields.String(required=True, validate=validate.Length(min=1, max=40))
    timestamp = fields.Integer(load_default=None, validate=validate.Range(min=0))
    text = fields.Nested(WhatsappTextSchema, load_default=None)


class WhatsappMetadataSchema(_MetaSchema):
    phone_number_id = fields.String(required=True, validate=validate.Length(min=1, max=32))


class WhatsappValueSchema(_MetaSchema):
    metadata = fields.Nested(WhatsappMetadataSchema, load_default=None)
    statuses = fields.List(fields.Nested(WhatsappStatusSchema), load_default=list)
    messages = fields.List(fields.Nested(WhatsappMessageSchema), load_default=list)


class WhatsappChangeSchema(_MetaSchema):
    field = fields.String(load_default=None, metadata={"description": "messages (others are not read)"})
    value = fields.Nested(WhatsappValueSchema, required=True)


class WhatsappEntrySchema(_MetaSchema):
    changes = fields.List(fields.Nested(WhatsappChangeSchema), required=True)


class WhatsappWebhookSchema(_MetaSchema):
    """POST /whatsapp/webhook[/<slug>]: a messages webhook, read once its signature is checked."""

    object = fields.String(required=True, validate=validate.Equal("whatsapp_business_account"))
    entry = fields.List(fields.Nested(WhatsappEntrySchema), required=True)


class WhatsappWebhookResultSchema(BaseSchema):
    applied = fields.Integer(metadata={"description": "statuses and messages applied now"})
    duplicate = fields.Integer(metadata={"description": "applied before: Meta delivered them again"})
    ignored = fields.Integer(metadata={"description": "not ours: a status not kept, a message of another number"})

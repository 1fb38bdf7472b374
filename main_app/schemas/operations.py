"""Schemas of the operators' endpoints."""

from marshmallow import fields, validate

from service_kit.schemas import BaseSchema, PageSchema

from ..models import (
    CHANNEL_APP,
    CHANNEL_CRM,
    CHANNEL_EMAIL,
    CHANNEL_PAYMENTS,
    CHANNEL_SMS,
    CHANNEL_TIMERS,
    CHANNEL_WHATSAPP,
    OUTBOX_DEAD,
    OUTBOX_DELIVERED,
    OUTBOX_PENDING,
)
from .common import PageArgsSchema

CHANNELS = validate.OneOf(
    [CHANNEL_CRM, CHANNEL_EMAIL, CHANNEL_PAYMENTS, CHANNEL_SMS, CHANNEL_WHATSAPP, CHANNEL_APP, CHANNEL_TIMERS]
)
# Secrets an email carries to its one reader, never shown to operators.
HIDDEN_IN_PAYLOAD = ("reset_url", "unsubscribe_url", "unsubscribe_page")


class OutboxQuerySchema(PageArgsSchema):
    status = fields.String(
        load_default=OUTBOX_PENDING, validate=validate.OneOf([OUTBOX_PENDING, OUTBOX_DEAD, OUTBOX_DELIVERED])
    )
    channel = fields.String(validate=CHANNELS, metadata={"description": "Only this channel's messages."})


class ChannelQuerySchema(BaseSchema):
    channel = fields.String(validate=CHANNELS, metadata={"description": "Only this channel's messages."})


class AttemptSchema(BaseSchema):
    attempted_at = fields.AwareDateTime()
    worker_id = fields.String()
    status_code = fields.Integer(allow_none=True)
    latency_ms = fields.Float()
    error = fields.String(allow_none=True)
    response_excerpt = fields.String(allow_none=True)


class OutboxMessageSchema(BaseSchema):
    id = fields.String()
    channel = fields.String(
        metadata={"description": "crm, email, sms or app (to one person) or payments (a refund, a hold's end)"}
    )
    type = fields.String()
    status = fields.String()
    attempts = fields.Integer()
    next_attempt_at = fields.AwareDateTime()
    last_error = fields.String(allow_none=True)
    failure_kind = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    delivered_at = fields.AwareDateTime(allow_none=True)


def _shown_payload(message) -> dict:
    """The payload, with the links that act for the email's reader (a password reset, unsubscribe) hidden."""
    payload = message.payload
    snapshot = payload.get("snapshot") if isinstance(payload, dict) else None
    if not isinstance(snapshot, dict):
        return payload
    hidden = {key: "(hidden)" for key in HIDDEN_IN_PAYLOAD if key in snapshot}
    return {**payload, "snapshot": {**snapshot, **hidden}}


class OutboxMessageDetailSchema(OutboxMessageSchema):
    payload = fields.Function(_shown_payload, metadata={"type": "object"})
    attempt_log = fields.List(fields.Nested(AttemptSchema))


class OutboxPageSchema(PageSchema):
    items = fields.List(fields.Nested(OutboxMessageSchema))


class StudioOutboxMessageSchema(OutboxMessageSchema):
    whatsapp_status = fields.String(
        allow_none=True,
        metadata={"description": "a WhatsApp message's furthest status from Meta: sent, delivered, read or failed"},
    )
    fell_back_to = fields.String(
        allow_none=True, metadata={"description": "sms or email: where a failed WhatsApp message's news went instead"}
    )
    fallback_of = fields.String(
        allow_none=True, metadata={"description": "on a fallback text or email: the id of the WhatsApp message"}
    )


class StudioOutboxPageSchema(PageSchema):
    items = fields.List(fields.Nested(StudioOutboxMessageSchema))


class CRMStatusSchema(BaseSchema):
    base_url = fields.String()
    reachable = fields.Boolean()
    signing = fields.Boolean()


class OutboxCountsSchema(BaseSchema):
    pending = fields.Integer()
    retrying = fields.Integer()
    dead = fields.Integer()
    delivered_last_hour = fields.Integer()
    oldest_pending_at = fields.AwareDateTime(allow_none=True)


class LastErrorSchema(BaseSchema):
    attempted_at = fields.AwareDateTime()
    message_id = fields.String()
    status_code = fields.Integer(allow_none=True)
    error = fields.String()


class EmailChannelSchema(BaseSchema):
    transport = fields.String(metadata={"description": "smtp://host:port (no credentials), or the development folder"})
    reachable = fields.Boolean()
    outbox = fields.Nested(OutboxCountsSchema)
    last_success_at = fields.AwareDateTime(allow_none=True)
    last_error = fields.Nested(LastErrorSchema, allow_none=True)
    configuration_error = fields.Boolean()


class PaymentsChannelSchema(BaseSchema):
    provider = fields.String(metadata={"description": "test or stripe (PAYMENT_PROVIDER)"})
    reachable = fields.Boolean()
    outbox = fields.Nested(OutboxCountsSchema)
    last_success_at = fields.AwareDateTime(allow_none=True)
    last_error = fields.Nested(LastErrorSchema, allow_none=True)
    configuration_error = fields.Boolean()


class IntegrationStatusSchema(BaseSchema):
    crm = fields.Nested(CRMStatusSchema)
    email = fields.Nested(EmailChannelSchema)
    sms = fields.Nested(EmailChannelSchema, metadata={"description": "texts: transport is the development folder"})
    whatsapp = fields.Nested(EmailChannelSchema, metadata={"description": "WhatsApp: transport is Meta's Cloud API"})
    app = fields.Nested(EmailChannelSchema, metadata={"description": "in-app notices, written to this database"})
    payments = fields.Nested(PaymentsChannelSchema, metadata={"description": "refunds, renewals, checkouts to close"})
    timers = fields.Nested(EmailChannelSchema, metadata={"description": "timed jobs: transport is this database"})
    outbox = fields.Nested(OutboxCountsSchema)
    last_success_at = fields.AwareDateTime(allow_none=True)
    last_error = fields.Nested(LastErrorSchema, allow_none=True)
    configuration_error = fields.Boolean()


class IntegrationTestSchema(BaseSchema):
    reachable = fields.Boolean()
    delivered = fields.Boolean()
    error = fields.String(allow_none=True)
    response = fields.Dict(allow_none=True)


class RequeuedSchema(BaseSchema):
    requeued = fields.Integer()

"""Schemas of the operators' endpoints."""

from marshmallow import fields, validate

from service_kit.schemas import BaseSchema, PageSchema

from ..models import OUTBOX_DEAD, OUTBOX_DELIVERED, OUTBOX_PENDING
from .common import PageArgsSchema


class OutboxQuerySchema(PageArgsSchema):
    status = fields.String(
        load_default=OUTBOX_PENDING, validate=validate.OneOf([OUTBOX_PENDING, OUTBOX_DEAD, OUTBOX_DELIVERED])
    )


class AttemptSchema(BaseSchema):
    attempted_at = fields.AwareDateTime()
    worker_id = fields.String()
    status_code = fields.Integer(allow_none=True)
    latency_ms = fields.Float()
    error = fields.String(allow_none=True)
    response_excerpt = fields.String(allow_none=True)


class OutboxMessageSchema(BaseSchema):
    id = fields.String()
    type = fields.String()
    status = fields.String()
    attempts = fields.Integer()
    next_attempt_at = fields.AwareDateTime()
    last_error = fields.String(allow_none=True)
    failure_kind = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    delivered_at = fields.AwareDateTime(allow_none=True)


class OutboxMessageDetailSchema(OutboxMessageSchema):
    payload = fields.Dict()
    attempt_log = fields.List(fields.Nested(AttemptSchema))


class OutboxPageSchema(PageSchema):
    items = fields.List(fields.Nested(OutboxMessageSchema))


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


class IntegrationStatusSchema(BaseSchema):
    crm = fields.Nested(CRMStatusSchema)
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

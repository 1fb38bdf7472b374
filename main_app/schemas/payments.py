"""Schemas of the payment endpoints."""

from marshmallow import fields

from service_kit.schemas import BaseSchema


class WebhookResultSchema(BaseSchema):
    received = fields.Boolean()
    result = fields.String(metadata={"description": "applied, duplicate (seen before) or ignored (not for us)"})

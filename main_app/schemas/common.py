"""Schemas several main API endpoints share."""

from marshmallow import fields, validate

from service_kit.schemas import BaseSchema


class PageArgsSchema(BaseSchema):
    """?page=&per_page= with a hard cap so no request asks for the whole table."""

    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class HealthSchema(BaseSchema):
    status = fields.String()
    service = fields.String()
    time = fields.AwareDateTime()

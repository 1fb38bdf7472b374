"""Schema base class and pieces shared by several endpoints."""
from datetime import timezone

from marshmallow import EXCLUDE, Schema, fields, validate

# Ids are bounded by the 32-bit integer columns; larger numbers are not ids of anything.
MAX_ID = 2**31 - 1


class BaseSchema(Schema):
    """Unknown fields are ignored everywhere, consistently."""

    class Meta:
        unknown = EXCLUDE


def Id(*, strict: bool = True, **kwargs) -> fields.Integer:
    """A positive integer id field; strict (no "5" for 5) unless it is read from a query string."""
    return fields.Integer(strict=strict, validate=validate.Range(min=1, max=MAX_ID), **kwargs)


def UTCDateTime(**kwargs) -> fields.AwareDateTime:
    """An ISO 8601 date-time; one without an offset is taken as UTC."""
    return fields.AwareDateTime(default_timezone=timezone.utc, **kwargs)


class PageArgsSchema(BaseSchema):
    """?page=&per_page= with a hard cap so no request asks for the whole table."""

    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class PageSchema(BaseSchema):
    """Envelope of every paginated list."""

    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    pages = fields.Integer()


class APIErrorBodySchema(BaseSchema):
    code = fields.String()
    message = fields.String()
    details = fields.Dict()


class APIErrorSchema(BaseSchema):
    """The one error shape: {"error": {code, message, details}}."""

    error = fields.Nested(APIErrorBodySchema)

"""Schema pieces both services use: the base schema, id fields, the page envelope and the error shape."""

from collections.abc import Mapping
from datetime import UTC

from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load, validate

from .routing import MAX_ID


def nul_fields(data, prefix: str = "") -> list[str]:
    """Dotted names of every string (key or value) in data holding a NUL character."""
    if isinstance(data, str):
        return [prefix or "body"] if "\x00" in data else []
    items = data.items() if isinstance(data, Mapping) else enumerate(data) if isinstance(data, list) else ()
    found = []
    for key, value in items:
        name = f"{prefix}.{key}" if prefix else str(key)
        found += [name] if isinstance(key, str) and "\x00" in key else nul_fields(value, name)
    return found


class BaseSchema(Schema):
    """Unknown fields are ignored everywhere, consistently; NUL characters are refused everywhere."""

    class Meta:
        unknown = EXCLUDE

    @pre_load
    def _refuse_nul(self, data, **_kwargs):
        # PostgreSQL cannot store NUL in text and SQLite would: refuse it at the edge, the same on both.
        if isinstance(data, (Mapping, list)) and (bad := nul_fields(data)):
            raise ValidationError({name: ["Must not contain NUL (\\u0000) characters."] for name in bad})
        return data


def Id(*, strict: bool = True, **kwargs) -> fields.Integer:
    """A positive integer id field; strict (no "5" for 5) unless it is read from a query string."""
    return fields.Integer(strict=strict, validate=validate.Range(min=1, max=MAX_ID), **kwargs)


class PageSchema(BaseSchema):
    """Envelope of every paginated list."""

    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    pages = fields.Integer()


class APIErrorBodySchema(BaseSchema):
    code = fields.String(required=True, metadata={"description": "Stable snake_case code, e.g. session_full."})
    message = fields.String(required=True)
    details = fields.Dict(required=True, metadata={"description": "Each bad field and its messages, or {}."})


class APIErrorSchema(BaseSchema):
    """The one error shape: {"error": {code, message, details}}."""

    error = fields.Nested(APIErrorBodySchema, required=True)


def UTCDateTimeField(**kwargs) -> fields.AwareDateTime:
    """An ISO 8601 date-time; one without an offset is taken as UTC."""
    return fields.AwareDateTime(default_timezone=UTC, **kwargs)

"""Schema pieces both services use: the base schema, id fields, the page envelope and the error shape."""

from collections.abc import Iterator, Mapping
from datetime import UTC
from typing import ClassVar

from marshmallow import RAISE, Schema, ValidationError, fields, pre_load, validate

from .errors import UNKNOWN_FIELD
from .json_input import unstorable_fields
from .languages import gettext
from .routing import MAX_ID

# What an integer column holds on PostgreSQL (INTEGER); a larger number is a 400, not a database error.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
INT_RANGE = validate.Range(min=INT_MIN, max=INT_MAX)


class BaseSchema(Schema):
    """Unknown fields are refused by name (a typo is found at once, not dropped); text that cannot be stored (NUL,
    lone surrogates) is refused everywhere, query strings included; every integer fits an integer column."""

    error_messages: ClassVar[dict[str, str]] = {"unknown": UNKNOWN_FIELD}

    class Meta:
        unknown = RAISE

    def on_bind_field(self, field_name, field_obj):
        """Bound every integer the field holds to the column's range, unless a range of its own already lies
        within it (each schema instance binds its own copies of its fields)."""
        for integer in _integers(field_obj):
            if not any(_within_column(check) for check in integer.validators):
                integer.validators = [*integer.validators, INT_RANGE]

    @pre_load
    def _refuse_unstorable_text(self, data, **_kwargs):
        if isinstance(data, (Mapping, list)) and (bad := unstorable_fields(data)):
            raise ValidationError(bad)
        return data


def _integers(field: fields.Field) -> Iterator[fields.Integer]:
    """field itself when it is an integer, or the integers it holds: a list's items, a tuple's members, a
    mapping's values (a nested schema bounds its own)."""
    if isinstance(field, fields.Integer):
        yield field
    elif isinstance(field, fields.List):
        yield from _integers(field.inner)
    elif isinstance(field, fields.Tuple):
        for member in field.tuple_fields:
            yield from _integers(member)
    elif isinstance(field, fields.Mapping) and field.value_field is not None:
        yield from _integers(field.value_field)


def _within_column(check) -> bool:
    return (
        isinstance(check, validate.Range)
        and check.min is not None
        and check.max is not None
        and check.min >= INT_MIN
        and check.max <= INT_MAX
    )


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


class _UTCDateTime(fields.AwareDateTime):
    """AwareDateTime read as UTC; a time whose UTC equivalent falls outside the calendar is a 400."""

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            return moment.astimezone(UTC)
        except OverflowError:  # 0001-01-01T00:00+01:00 is in year 0 in UTC; 9999-12-31T23:30-01:00 in year 10000
            raise ValidationError(gettext("Out of range: in UTC it falls before year 1 or after year 9999.")) from None


def UTCDateTimeField(**kwargs) -> fields.AwareDateTime:
    """An ISO 8601 date-time, returned in UTC; one without an offset is taken as UTC."""
    return _UTCDateTime(default_timezone=UTC, **kwargs)

"""Schemas several main API endpoints share."""

import zoneinfo
from functools import cache

from marshmallow import ValidationError, fields, validate

from service_kit.schemas import BaseSchema

# Names zoneinfo lists that are this machine's settings, not places.
NOT_ZONES = {"localtime", "posixrules", "Factory"}


@cache
def known_time_zones() -> frozenset[str]:
    """Every IANA time zone name (from the tzdata package, so the same on every machine)."""
    return frozenset(zoneinfo.available_timezones() - NOT_ZONES)


def _known_zone(name: str) -> None:
    if name not in known_time_zones():
        raise ValidationError("Not a known IANA time zone; use a name such as Europe/Berlin or Asia/Kolkata.")


def TimeZone(**kwargs) -> fields.String:
    """An IANA time zone name, e.g. Asia/Kolkata."""
    metadata = {"example": "Europe/Berlin", "description": "IANA time zone name, e.g. Asia/Kolkata"}
    return fields.String(validate=_known_zone, metadata=metadata, **kwargs)


class PageArgsSchema(BaseSchema):
    """?page=&per_page= with a hard cap so no request asks for the whole table."""

    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class HealthSchema(BaseSchema):
    status = fields.String()
    service = fields.String()
    time = fields.AwareDateTime()

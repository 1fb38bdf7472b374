"""Schemas and fields several main API endpoints share."""

import ipaddress
import re
import zoneinfo
from datetime import date
from functools import cache
from urllib.parse import urlsplit

from flask import current_app
from marshmallow import ValidationError, fields, validate

from main_app.services.accounts import mobile_number
from main_app.services.languages import gettext
from service_kit.schemas import BaseSchema

# Names zoneinfo lists that are this machine's settings, not places.
NOT_ZONES = {"localtime", "posixrules", "Factory"}


@cache
def known_time_zones() -> frozenset[str]:
    """Every IANA time zone name (from the tzdata package, so the same on every machine)."""
    return frozenset(zoneinfo.available_timezones() - NOT_ZONES)


def _known_zone(name: str) -> None:
    if name not in known_time_zones():
        raise ValidationError(gettext("Not a known IANA time zone; use a name such as Europe/Berlin or Asia/Kolkata."))


def TimeZone(**kwargs) -> fields.String:
    """An IANA time zone name, e.g. Asia/Kolkata."""
    metadata = {"example": "Europe/Berlin", "description": "IANA time zone name, e.g. Asia/Kolkata"}
    return fields.String(validate=_known_zone, metadata={**metadata, **kwargs.pop("metadata", {})}, **kwargs)


MAX_PHONE_TYPED = 40  # spaces, dashes and brackets included
OTHER_NAME = (
    "The person's name in another script, if they write it in two (प्रिया शर्मा beside Priya Sharma): the desk and "
    "the studios' client books find them by either. null or blank: none."
)
NEW_PERSONS_OTHER_NAME = "For someone new, as name: their name in another script, if they write it in two (प्रिया शर्मा)"


def OtherName(description: str = OTHER_NAME) -> fields.String:
    """A person's name in another script: optional, null or blank for none."""
    return fields.String(allow_none=True, validate=validate.Length(max=200), metadata={"description": description})


class Birthday(fields.Date):
    """A birthday: a day from 1900 to today, or null for none."""

    def __init__(self, **kwargs):
        super().__init__(allow_none=True, metadata={"description": "YYYY-MM-DD, or null.", "example": "1990-04-21"})

    def _deserialize(self, value, attr, data, **kwargs):
        day = super()._deserialize(value, attr, data, **kwargs)
        if not date(1900, 1, 1) <= day <= date.today():
            raise ValidationError(gettext("A day from 1900 to today."))
        return day


class PhoneNumber(fields.String):
    """A mobile number, given in any common way (+91 98123-45678, 098123 45678), loaded as E.164; blank is none."""

    def __init__(self, **kwargs):
        metadata = {
            "example": "+919812345678",
            "description": "Mobile number; without +country code, read as PHONE_DEFAULT_REGION's. Answered in E.164.",
        }
        super().__init__(allow_none=True, metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if len(text) > MAX_PHONE_TYPED:
            raise ValidationError(gettext("Longer than maximum length %(most)s.", most=MAX_PHONE_TYPED))
        if not text:
            return None
        try:
            return mobile_number(text, current_app.config["PHONE_DEFAULT_REGION"])
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


class PageArgsSchema(BaseSchema):
    """?page=&per_page= with a hard cap so no request asks for the whole table."""

    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class HealthSchema(BaseSchema):
    status = fields.String()
    service = fields.String()
    time = fields.AwareDateTime()


HOST_LABELS = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$")
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")  # a site being built on its maker's machine may be plain http


class Origin(fields.String):
    """A web origin (https://lotus.example, https://shop.example:8443), given alone or as a page's address on it; kept
    as scheme://host[:port], which is what CSP's frame-ancestors takes."""

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        try:
            parts = urlsplit(text)
            host, port = _host_of(parts.hostname or ""), parts.port
        except ValueError as error:
            raise ValidationError(gettext("Must be a site's address, such as https://lotus.example.")) from error
        if parts.scheme not in ("https", "http") or not host or parts.username or parts.password:
            raise ValidationError(gettext("Must be a site's address, such as https://lotus.example."))
        if parts.scheme == "http" and (parts.hostname or "") not in LOCAL_HOSTS:
            raise ValidationError(gettext("Must be https (plain http only for localhost)."))
        if parts.path not in ("", "/") or parts.query or parts.fragment:
            raise ValidationError(gettext("Must be the site alone, without a path: https://lotus.example."))
        default = {"https": 443, "http": 80}[parts.scheme]
        return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


def _host_of(name: str) -> str:
    """A host name as an origin writes it (IDNA for other scripts, IPv6 in brackets); "" when it is none."""
    try:
        address = ipaddress.ip_address(name)
        return f"[{address}]" if address.version == 6 else str(address)
    except ValueError:
        pass
    try:
        ascii_name = name.encode("idna").decode("ascii")
    except UnicodeError:
        return ""
    return ascii_name if len(ascii_name) <= 253 and HOST_LABELS.match(ascii_name) else ""

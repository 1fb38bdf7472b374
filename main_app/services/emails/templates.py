"""The email templates (templates/email/: a base layout, then an HTML and a plain-text template per kind), with
{% trans %} and the money and date filters in the language `speaking` chose for the email's person."""

from datetime import UTC, date, datetime

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from main_app.services.languages import (
    format_date,
    format_datetime,
    format_money,
    format_range,
    gettext,
    translated,
    translated_plural,
)

TEMPLATES = Environment(
    loader=PackageLoader("main_app", "templates/email"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,  # a missing value is an error at composition, not a blank in someone's inbox
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,  # templates ship with the code: no file check on every email
    extensions=["jinja2.ext.i18n"],
)
# {% trans %} blocks are read trimmed (one line each, whatever their layout in the file), as babel.cfg extracts them.
TEMPLATES.policies["ext.i18n.trimmed"] = True
TEMPLATES.install_gettext_callables(translated, translated_plural, newstyle=True)


def _date(day) -> str:
    """An ISO date (or the date of an ISO time) as the language writes it: 25 Nov 2026, 25 नव॰ 2026."""
    return format_date(date.fromisoformat(str(day)[:10]))


def _moment(iso: str, zone: str) -> str:
    """An ISO time (UTC when it names no zone) on the zone's clock as the language writes it: Wed 25 Nov 2026, 07:00
    IST; बुध 25 नव॰ 2026, 07:00 IST."""
    moment = datetime.fromisoformat(iso)
    return format_datetime(moment if moment.tzinfo else moment.replace(tzinfo=UTC), zone)


def _changed(change: dict, side: str) -> str:
    """What a change's "from" or "to" says in the language: its times (when the change carries them, as [starts,
    ends, zone]), a way of taking part or "(none)" in our words, else the words as the studio wrote them (a title)."""
    if times := change.get(f"{side}_times"):
        starts, ends, zone = times
        return format_range(datetime.fromisoformat(starts), datetime.fromisoformat(ends), zone)
    said = change[side]
    return gettext(said) if change["label"] == "How" or said == "(none)" else said


# {{ amount|money(currency) }}: an amount in minor units (₹1,00,000); {{ day|date }}: an ISO date;
# {{ at|moment(zone) }}: an ISO time on the zone's clock; {{ change|changed("from") }}: one side of a session's change.
TEMPLATES.filters.update(money=format_money, date=_date, moment=_moment, changed=_changed)

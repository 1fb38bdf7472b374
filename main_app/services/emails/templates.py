"""The email templates (templates/email/: a base layout, then an HTML and a plain-text template per kind), with
{% trans %} and the money and date filters in the language `speaking` chose for the email's person."""

from datetime import date

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from main_app.services.languages import format_date, format_money, translated, translated_plural

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


# {{ amount|money(currency) }}: an amount in minor units (₹1,00,000); {{ day|date }}: an ISO date.
TEMPLATES.filters.update(money=format_money, date=_date)

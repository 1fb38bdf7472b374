"""Languages (en, hi, mr): whose a message speaks, its words, amounts, dates and text lengths as each writes them."""

from contextlib import contextmanager

from service_kit.languages import N_, gettext, lazy_gettext, spoken_language, translated, translated_plural
from service_kit.languages import speaking as _speaking

from .choice import DEFAULT_LANGUAGE, LOCALES, SUPPORTED, language_for, request_language, supported
from .formats import digits, format_date, format_datetime, format_money, format_range, format_short
from .recipients import with_languages
from .sms import encoding as sms_encoding
from .sms import part_limits, sms_length, sms_parts


@contextmanager
def speaking(language: str | None):
    """Compose in language within the block (English for one we do not speak): gettext, the Jinja templates'
    {% trans %}, amounts and dates."""
    language = supported(language) or DEFAULT_LANGUAGE
    with _speaking(language, LOCALES[language]):
        yield language


__all__ = [
    "DEFAULT_LANGUAGE",
    "LOCALES",
    "N_",
    "SUPPORTED",
    "digits",
    "format_date",
    "format_datetime",
    "format_money",
    "format_range",
    "format_short",
    "gettext",
    "language_for",
    "lazy_gettext",
    "part_limits",
    "request_language",
    "sms_encoding",
    "sms_length",
    "sms_parts",
    "speaking",
    "spoken_language",
    "supported",
    "translated",
    "translated_plural",
    "with_languages",
]

"""Amounts, dates and times in a language's own words and India's grouping (₹1,00,000), through Babel's CLDR data:
month and day names from the locale, digits Latin in every language (as prices and bank messages write them)."""

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_datetime as babel_datetime
from babel.numbers import format_decimal

from service_kit.languages import spoken_language

from .choice import DEFAULT_LANGUAGE, LOCALES

# ISO 4217 currencies without minor units (a price of 500 JPY is 500, not 5.00).
ZERO_DECIMAL = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF"}
SYMBOLS = {"INR": "₹", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "AUD": "A$", "CAD": "C$", "SGD": "S$"}
# Lakh and crore grouping in all three (CLDR's Marathi groups in thousands; Indian prices are written in lakhs).
WHOLE, WITH_PAISE = "#,##,##0", "#,##,##0.00"
DAY = "EEE d MMM y"  # Wed 25 Nov 2026; बुध 25 नव॰ 2026
TIME = "HH:mm"
DASH = "\u2013"  # the en dash of a range, as typeset


def locale_of(language: str | None) -> str:
    """The Babel locale of a language's numbers and dates (None: the language spoken now)."""
    return LOCALES.get(language or spoken_language(), LOCALES[DEFAULT_LANGUAGE])


def digits(currency: str) -> int:
    """How many minor-unit digits the currency has."""
    return 0 if currency.upper() in ZERO_DECIMAL else 2


def format_money(amount: int | Decimal, currency: str, language: str | None = None) -> str:
    """₹45,000, ₹1,00,000 or ₹800.50 (whole amounts without decimals): an int in minor units (paise, cents), a
    Decimal in major ones; an unknown currency's code after the number."""
    code = currency.upper()
    places = digits(code)
    major = Decimal(amount).scaleb(-places) if isinstance(amount, int) else Decimal(amount)
    pattern = WHOLE if major == major.to_integral_value() else WITH_PAISE
    number = format_decimal(major, pattern, locale=locale_of(language), numbering_system="latn")
    symbol = SYMBOLS.get(code)
    return f"{symbol}{number}" if symbol else f"{number} {code}"


def in_zone(zone: str, *moments: datetime) -> tuple[datetime, ...]:
    """The moments in zone; all in UTC when one of them read there would fall outside the calendar (a stored time
    at its very edge): a true time rather than an error."""
    tz = ZoneInfo(zone)
    try:
        return tuple(moment.astimezone(tz) for moment in moments)
    except OverflowError:
        return tuple(moment.astimezone(UTC) for moment in moments)


def zone_abbreviation(moment: datetime) -> str:
    """IST, CET, CEST, EST; a zone without a letter abbreviation reads UTC+09."""
    name = moment.tzname() or "UTC"
    return f"UTC{name}" if name[:1] in "+-" else name


def _words(moment: datetime | date, pattern: str, language: str | None) -> str:
    return babel_datetime(moment, pattern, tzinfo=getattr(moment, "tzinfo", None), locale=locale_of(language))


def format_date(day: date, language: str | None = None) -> str:
    """25 Nov 2026, 25 नव॰ 2026, 25 नोव्हें 2026."""
    moment = day if isinstance(day, datetime) else datetime(day.year, day.month, day.day)
    return _words(moment, "d MMM y", language)


def format_datetime(moment: datetime, zone: str, language: str | None = None) -> str:
    """ "Wed 25 Nov 2026, 07:00 IST": one moment in the zone (an event's)."""
    (local,) = in_zone(zone, moment)
    return f"{_words(local, DAY, language)}, {_words(local, TIME, language)} {zone_abbreviation(local)}"


def format_range(starts_at: datetime, ends_at: datetime, zone: str, language: str | None = None) -> str:
    """ "Wed 25 Nov 2026, 07:00-08:00 IST" (an en dash), or both dates when it runs past midnight there."""
    start, end = in_zone(zone, starts_at, ends_at)
    day = _words(start, DAY, language)
    if start.date() == end.date():
        times = f"{_words(start, TIME, language)}{DASH}{_words(end, TIME, language)}"
        return f"{day}, {times} {zone_abbreviation(start)}"
    return (
        f"{day}, {_words(start, TIME, language)} {zone_abbreviation(start)} {DASH} "
        f"{_words(end, DAY, language)}, {_words(end, TIME, language)} {zone_abbreviation(end)}"
    )


def format_short(moment: datetime, zone: str, language: str | None = None) -> str:
    """ "Wed 07:00": a moment of the coming days in the zone, short enough for a text."""
    (local,) = in_zone(zone, moment)
    return _words(local, f"EEE {TIME}", language)

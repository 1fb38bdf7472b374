"""CSV downloads (RFC 4180, every cell quoted) that are safe to open in a spreadsheet: no cell runs as a formula.
Both services' downloads write through here, so the rule is kept in one place."""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

# A spreadsheet that splits on ; (a common list separator), on tabs or on lines makes what follows a separator a
# cell of its own, which runs as a formula if it starts one.
# The guard is a ' before a formula's start; one more goes before a run of 's that already stands there, so
# original_cell can take exactly one away and give back the text as it was.
GUARDED_START = re.compile(r"'*[=+\-@\t\r]")
AFTER_SEPARATOR = re.compile(r"([,;\t\r\n]\s*)(?='*[=+\-@])")
GUARD_AFTER_SEPARATOR = re.compile(r"([,;\t\r\n]\s*)'(?='*[=+\-@])")
# ISO 4217 currencies without minor units: their amounts have no decimals.
ZERO_DECIMAL = frozenset(
    ("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF")
)


def money_cell(amount: int | None, currency: str) -> str:
    """An amount in minor units as a person reads it in a spreadsheet: major units with the currency's decimals
    ("590.00" for 59000 paise, "1500" for 1500 yen; a column or cell beside it names the currency), "" for None."""
    if amount is None:
        return ""
    places = 0 if currency.upper() in ZERO_DECIMAL else 2
    return str((Decimal(amount) / 10**places).quantize(Decimal(1).scaleb(-places)))


def clock_cell(moment: datetime | None, timezone: str) -> str:
    """A moment on a studio's clock as spreadsheets read a date and time ("2026-11-29 11:16:00"; the column's header
    names the zone), "" for None."""
    return "" if moment is None else moment.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M:%S")


def clock_header(name: str, timezone: str) -> str:
    """A time column's header naming its zone: "issued_at (Asia/Kolkata)"."""
    return f"{name} ({timezone})"


def safe_cell(value) -> str:
    """Text for a CSV cell that spreadsheets never run as a formula: a ' before = + - @ at its start or after any
    separator inside it (and before a run of 's already there, which original_cell reads back)."""
    text = AFTER_SEPARATOR.sub(r"\1'", "" if value is None else str(value))
    return "'" + text if GUARDED_START.match(text) else text


def original_cell(text: str) -> str:
    """The text safe_cell was given, from what it made."""
    if text.startswith("'") and GUARDED_START.match(text, 1):
        text = text[1:]
    return GUARD_AFTER_SEPARATOR.sub(r"\1", text)


def csv_lines(header: Iterable[str], rows: Iterable[Iterable]) -> Iterator[str]:
    """The CSV a line at a time, the header first, every cell quoted (one holding ; or a tab stays one cell in a
    spreadsheet that splits on those) and made safe."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    yield out.getvalue()
    for row in rows:
        out.seek(0)
        out.truncate()
        writer.writerow([safe_cell(value) for value in row])
        yield out.getvalue()


def csv_document(header: Iterable[str], rows: Iterable[Iterable]) -> str:
    """The whole CSV as one string."""
    return "".join(csv_lines(header, rows))

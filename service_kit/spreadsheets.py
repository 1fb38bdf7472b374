"""CSV downloads (RFC 4180, every cell quoted) that are safe to open in a spreadsheet: no cell runs as a formula.
Both services' downloads write through here, so the rule is kept in one place."""

import csv
import io
import re
from collections.abc import Iterable, Iterator

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A spreadsheet that splits on ; (a common list separator), on tabs or on lines makes what follows a separator a
# cell of its own, which runs as a formula if it starts one.
FORMULA_AFTER_SEPARATOR = re.compile(r"([,;\t\r\n]\s*)(?=[=+\-@])")


def safe_cell(value) -> str:
    """Text for a CSV cell that spreadsheets never run as a formula: a ' before = + - @ at its start or after any
    separator inside it."""
    text = FORMULA_AFTER_SEPARATOR.sub(r"\1'", "" if value is None else str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


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

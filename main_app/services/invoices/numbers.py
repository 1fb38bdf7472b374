"""Gap-free numbers per studio and kind: one conditional UPDATE ... RETURNING on the studio's invoicing row, in the
transaction that issues the document, so a number is taken only when its document is written, and never twice.

The UPDATE is the lock: it holds the studio's counter row until commit, and every caller takes it after every row
lock it needs (what follows it only inserts rows, or changes rows the transaction already holds or made), so it
never waits for a row of the one order (plumbing.locks) while holding the counter another waits for."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ...extensions import db
from ...models import CREDIT_NOTE, INVOICE, Invoice, StudioInvoicing

SERIAL_LIMIT = 16  # characters a printed number may have (CGST Rules, rule 46(b))
DIGITS = 6  # the digits a number is printed with, at the least
PREFIX_ROOM = SERIAL_LIMIT - (DIGITS + 1)  # room for the millionth document's seven digits
PREFIXES = ("invoice_prefix", "credit_note_prefix")
YEAR_PART = "25-26/"  # what a series by financial year prints between the prefix and the digits
PRINTED_IN_YEAR = re.compile(r"(\d{2}-\d{2})/(\d+)$")  # a number of a series by year: its year and its count
# Each kind's running number, the financial year its count within a year is in, that count, and its prefix.
COUNTERS = {
    INVOICE: ("next_invoice", "invoice_series", "next_invoice_in_series", "invoice_prefix"),
    CREDIT_NOTE: ("next_credit_note", "credit_note_series", "next_credit_note_in_series", "credit_note_prefix"),
}
ENSURE_ROW = {
    name: insert(StudioInvoicing.__table__).on_conflict_do_nothing(index_elements=["studio_id"])
    for name, insert in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))
}


def financial_year(day: date) -> str:
    """India's financial year a day is in, as a series names it: 1 April 2025 to 31 March 2026 is 25-26."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start % 100:02d}-{(start + 1) % 100:02d}"


def take_number(studio_id: int, kind: str, moment: datetime, timezone: str) -> tuple[int, str]:
    """The studio's next number of kind (invoice or credit_note), taken for this transaction at moment, and the
    number as printed: running on after the prefix, or by the financial year of the studio's day (in its timezone)
    when it numbers so (its count within the year, which is kept either way: a year's first document restarts it)."""
    year = financial_year(moment.astimezone(ZoneInfo(timezone)).date())
    db.session.execute(ENSURE_ROW[db.engine.dialect.name].values(studio_id=studio_id))
    running, series, in_series, prefix = (getattr(StudioInvoicing, name) for name in COUNTERS[kind])
    taken = db.session.execute(
        update(StudioInvoicing)
        .where(StudioInvoicing.studio_id == studio_id)
        .values({running: running + 1, in_series: case((series == year, in_series + 1), else_=2), series: year})
        .returning(running, in_series, prefix, StudioInvoicing.financial_year_series)
        .execution_options(synchronize_session=False)
    ).one()
    number, within_year, printed_prefix, by_year = taken
    if by_year:
        return number - 1, formatted(printed_prefix, within_year - 1, year)
    return number - 1, formatted(printed_prefix, number - 1)


def continue_numbering(studio_id: int) -> None:
    """The studio's series go on after the highest number it holds (documents brought by a studio import): the
    next invoice or credit note never takes a number one of them has, running or within a financial year."""
    highest = (
        select(Invoice.kind, func.max(Invoice.number)).where(Invoice.studio_id == studio_id).group_by(Invoice.kind)
    )
    found = {kind: number for kind, number in db.session.execute(highest)}
    if not found:
        return
    db.session.execute(ENSURE_ROW[db.engine.dialect.name].values(studio_id=studio_id))
    values = {"next_invoice": found.get(INVOICE, 0) + 1, "next_credit_note": found.get(CREDIT_NOTE, 0) + 1}
    for kind, (year, count) in _latest_year_counts(studio_id).items():
        _running, series, in_series, _prefix = COUNTERS[kind]
        values |= {series: year, in_series: count + 1}
    db.session.execute(update(StudioInvoicing).where(StudioInvoicing.studio_id == studio_id).values(values))


def _latest_year_counts(studio_id: int) -> dict[str, tuple[str, int]]:
    """{kind: (financial year, highest count)} of the latest year the studio's documents were numbered by, read from
    the numbers as printed (the counts within a year are not columns of their own, and a moved studio brings
    only its documents): the year's next document takes the count after it."""
    printed = (
        select(Invoice.kind, Invoice.formatted_number)
        .where(Invoice.studio_id == studio_id, Invoice.formatted_number.like("%/__-__/%"))
        .order_by(Invoice.number)
    )
    found = {}
    for kind, number in db.session.execute(printed):
        match = PRINTED_IN_YEAR.search(number)
        if match is None:
            continue
        year, count = match[1], int(match[2])
        same_year = found.get(kind, ("", 0))
        # In running order a later year's first number ends the year before: its counts start again.
        found[kind] = (year, max(count, same_year[1]) if same_year[0] == year else count)
    return found


def formatted(prefix: str, number: int, year: str | None = None) -> str:
    """The number as printed: the prefix, the financial year of a series by year, and six digits (16 characters at
    most, as GST's rule 46(b) asks, for any prefix prefix_problems lets through up to the ten millionth document)."""
    return f"{prefix}{year}/{number:0{DIGITS}d}" if year else f"{prefix}{number:0{DIGITS}d}"


def prefix_problems(values: dict) -> dict:
    """What is wrong with a set of settings' prefixes, by field: one the same as the other's (an invoice and a
    credit note would print the same number), or one too long for a seven-digit number within 16 characters."""
    found = {}
    room = PREFIX_ROOM - (len(YEAR_PART) if values.get("financial_year_series") else 0)
    for name in PREFIXES:
        if len(values.get(name) or "") > room:
            found[name] = [f"At most {room} characters: a number prints within {SERIAL_LIMIT} with its digits."]
    invoice, credit_note = (values.get(name, "") for name in PREFIXES)
    if invoice.upper() == credit_note.upper():
        found.setdefault("credit_note_prefix", []).append(
            "Not the invoices' prefix: two documents would share a number."
        )
    return found

"""Gap-free numbers per studio and kind: one conditional UPDATE ... RETURNING on the studio's invoicing row, in the
transaction that issues the document, so a number is taken only when its document is written, and never twice.

The UPDATE is the lock: it holds the studio's counter row until commit, and every caller takes it after every row
lock it needs (what follows it only inserts rows, or changes rows the transaction already holds or made), so it
never waits for a row of the one order (services.common.locks) while holding the counter another waits for."""

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ...extensions import db
from ...models import CREDIT_NOTE, INVOICE, Invoice, StudioInvoicing

SERIAL_LIMIT = 16  # characters a printed number may have (CGST Rules, rule 46(b))
DIGITS = 6  # the digits a number is printed with, at the least
PREFIX_ROOM = SERIAL_LIMIT - (DIGITS + 1)  # room for the millionth document's seven digits
PREFIXES = ("invoice_prefix", "credit_note_prefix")
ENSURE_ROW = {
    name: insert(StudioInvoicing.__table__).on_conflict_do_nothing(index_elements=["studio_id"])
    for name, insert in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))
}


def take_number(studio_id: int, kind: str) -> int:
    """The studio's next number of kind (invoice or credit_note), taken for this transaction."""
    db.session.execute(ENSURE_ROW[db.engine.dialect.name].values(studio_id=studio_id))
    column = StudioInvoicing.next_invoice if kind == INVOICE else StudioInvoicing.next_credit_note
    taken = db.session.execute(
        update(StudioInvoicing)
        .where(StudioInvoicing.studio_id == studio_id)
        .values({column: column + 1})
        .returning(column)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    return taken - 1


def continue_numbering(studio_id: int) -> None:
    """The studio's series go on after the highest number it holds (documents brought by a studio import): the
    next invoice or credit note never takes a number one of them has."""
    highest = (
        select(Invoice.kind, func.max(Invoice.number)).where(Invoice.studio_id == studio_id).group_by(Invoice.kind)
    )
    found = {kind: number for kind, number in db.session.execute(highest)}
    if not found:
        return
    db.session.execute(ENSURE_ROW[db.engine.dialect.name].values(studio_id=studio_id))
    values = {"next_invoice": found.get(INVOICE, 0) + 1, "next_credit_note": found.get(CREDIT_NOTE, 0) + 1}
    db.session.execute(update(StudioInvoicing).where(StudioInvoicing.studio_id == studio_id).values(values))


def formatted(prefix: str, number: int) -> str:
    """The number as printed: the prefix and six digits (16 characters at most, as GST's rule 46(b) asks, for any
    prefix prefix_problems lets through up to the ten millionth document)."""
    return f"{prefix}{number:0{DIGITS}d}"


def prefix_problems(values: dict) -> dict:
    """What is wrong with a set of settings' prefixes, by field: one the same as the other's (an invoice and a
    credit note would print the same number), or one too long for a seven-digit number within 16 characters."""
    found = {}
    for name in PREFIXES:
        if len(values.get(name) or "") > PREFIX_ROOM:
            found[name] = [f"At most {PREFIX_ROOM} characters: a number prints within {SERIAL_LIMIT} with its digits."]
    invoice, credit_note = (values.get(name, "") for name in PREFIXES)
    if invoice.upper() == credit_note.upper():
        found.setdefault("credit_note_prefix", []).append(
            "Not the invoices' prefix: two documents would share a number."
        )
    return found

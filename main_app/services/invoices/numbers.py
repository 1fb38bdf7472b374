"""Gap-free numbers per studio and kind: one conditional UPDATE ... RETURNING on the studio's invoicing row, in the
transaction that issues the document, so a number is taken only when its document is written, and never twice.

The UPDATE is the lock: it holds the studio's counter row until commit, and every caller takes it after every row
lock it needs (what follows it only inserts rows, or changes rows the transaction already holds or made), so it
never waits for a row of the one order (services.common.locks) while holding the counter another waits for."""

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite

from ...extensions import db
from ...models import INVOICE, StudioInvoicing

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


def formatted(prefix: str, number: int) -> str:
    """The number as printed: the prefix and six digits (16 characters at most, as GST's rule 46(b) asks)."""
    return f"{prefix}{number:06d}"

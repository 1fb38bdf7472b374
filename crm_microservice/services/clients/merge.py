"""Two clients of the same person made one: the merged client's records read as the other's (timeline, figures,
passes, notes, tags) until the merge is undone, which its staff can do for 30 days; nothing is copied or lost."""

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from service_kit.errors import Conflict, NotFound

from ...database import unit_of_work
from ...extensions import db
from ...models import Client
from .book import find_client, visible
from .children import refuse_child

UNDO_WINDOW = dt.timedelta(days=30)


def merge(book, client_id: int, into_id: int, now: dt.datetime) -> dict:
    """Merge the client into another of the studio's: 409 for the same one, or one that has others merged into it."""
    merged, kept = find_client(book, client_id), find_client(book, into_id)
    if merged.id == kept.id:
        raise Conflict("A client cannot be merged into themselves.", code="merge_refused")
    for client in (merged, kept):  # a child is one person of a family, never the same as another client
        refuse_child(client, "A child's client stands alone: their bookings are their family's.")
    # Conditional: the merged one is still unmerged and has no others of its own (one level: undoing stays exact).
    has_others = sa.exists().where(Client.merged_into_id == merged.id)
    with unit_of_work():
        changed = db.session.execute(
            sa.update(Client)
            .where(Client.id == merged.id, Client.merged_into_id.is_(None), ~has_others)
            .values(merged_into_id=kept.id, merged_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
    if not changed:
        raise Conflict("Others are merged into this client: merge them into the same one first.", code="merge_refused")
    return {"id": merged.id, "merged_into": kept.id, "merged_at": now}


def unmerge(book, client_id: int, now: dt.datetime) -> dict:
    """Undo a merge within UNDO_WINDOW: the client stands alone again (404 unless merged into one the reader sees;
    409 after the window)."""
    kept = aliased(Client)
    into_visible = sa.exists().where(kept.id == Client.merged_into_id, *visible(book, kept))
    merged = db.session.scalar(sa.select(Client).where(Client.id == client_id, into_visible))
    if merged is None:
        raise NotFound(f"No client {client_id} merged into another in this studio's client book.")
    with unit_of_work():
        changed = db.session.execute(
            sa.update(Client)
            .where(Client.id == merged.id, Client.merged_at > now - UNDO_WINDOW)
            .values(merged_into_id=None, merged_at=None)
            .execution_options(synchronize_session=False)
        ).rowcount
    if not changed:
        raise Conflict("A merge can be undone for 30 days; this one is now final.", code="merge_final")
    return {"id": merged.id, "merged_into": None, "merged_at": None}

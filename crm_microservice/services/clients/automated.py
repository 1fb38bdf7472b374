"""What a studio's automations (the main API's rules) tell the client book about one client, written in the
transaction that stores the notification (so a repeat, which stores nothing, writes nothing): a tag added or removed,
and a task for the studio's staff, which their inbox shows.

Each makes the client's row when the book does not know them yet, as any notification about a client does, but a
rule acting is not the person being seen: a known client's first and last seen times stay as they were."""

import functools
from collections.abc import Callable

import sqlalchemy as sa

from ...extensions import db
from ...models import Client, ClientTag
from ...schemas import AutomationTaskSchema, TagChangeSchema
from .statements import INSERTS, client_updates

TAG_ADDED, TAG_REMOVED, TASK = "client_tag_added", "client_tag_removed", "automation_task"
AUTOMATED = frozenset((TAG_ADDED, TAG_REMOVED, TASK))
# A rule's bookkeeping arrives read: nothing new for staff to act on (a task is, and arrives unread).
READ_ON_ARRIVAL = frozenset((TAG_ADDED, TAG_REMOVED))
SEEN = ("first_seen_at", "last_seen_at")
TAG_CHANGE, TASK_DATA = TagChangeSchema(), AutomationTaskSchema()


def automated(record: dict, details: dict) -> Callable[[], None] | None:
    """What an automation's notification writes (details: the client's row as the notification describes them),
    its data checked now (marshmallow's ValidationError); None for one naming no studio or no account."""
    if record["type"] not in AUTOMATED or record["studio_id"] is None or record["user_id"] is None:
        return None
    data = record["data"] if isinstance(record["data"], dict) else {}
    if record["type"] == TASK:
        TASK_DATA.load(data)
        return lambda: known_client(details)
    tag = TAG_CHANGE.load(data)["tag"].strip().lower()  # as staff's tags are kept
    change = _add if record["type"] == TAG_ADDED else _remove
    return lambda: change(record["studio_id"], known_client(details), tag)


def known_client(details: dict) -> int:
    """The id of the client the account's row is read as (itself, or the one it was merged into), the row made or
    its name, email and phone brought up to date."""
    conn = db.session.connection()
    row = conn.execute(_client_upsert(conn.dialect.name), details).one()
    return row.merged_into_id or row.id


@functools.cache
def _client_upsert(dialect: str):
    """The account's client row: made with the notification's time as first and last seen, or its details updated."""
    table = Client.__table__
    insert = INSERTS[dialect](table)
    updates = {name: value for name, value in client_updates(table, insert.excluded).items() if name not in SEEN}
    upsert = insert.on_conflict_do_update(index_elements=["studio_id", "user_id"], set_=updates)
    return upsert.returning(table.c.id, table.c.merged_into_id)


def _add(studio_id: int, client_id: int, tag: str) -> None:
    """The tag on the client, once (ON CONFLICT DO NOTHING: a tag staff or another rule gave stays one)."""
    insert = INSERTS[db.session.connection().dialect.name](ClientTag.__table__)
    values = {"client_id": client_id, "studio_id": studio_id, "tag": tag}
    db.session.execute(insert.values(**values).on_conflict_do_nothing(index_elements=["client_id", "tag"]))


def _remove(studio_id: int, client_id: int, tag: str) -> None:
    """The tag off the client and off those merged into them, whose tags the profile shows as theirs (any case)."""
    group = sa.select(Client.id).where(sa.or_(Client.id == client_id, Client.merged_into_id == client_id))
    db.session.execute(
        sa.delete(ClientTag).where(
            ClientTag.studio_id == studio_id, ClientTag.client_id.in_(group), sa.func.lower(ClientTag.tag) == tag
        )
    )

"""A studio's whole client book a page at a time, for the main API's studio export (the service token): its clients
with their consent, the staff's notes and the tags, each as columns and rows ordered by id."""

import datetime as dt

import sqlalchemy as sa

from service_kit.errors import NotFound

from ...extensions import db
from ...models import Client, ClientNote, ClientTag

# Each part: its rows' table, the columns given (phone_digits and name_key are search's and the list's copies of
# phone and name), the studio's rows.
PARTS = {
    "clients": (Client, lambda studio_id: Client.studio_id == studio_id),
    "notes": (
        ClientNote,
        lambda studio_id: ClientNote.client_id.in_(sa.select(Client.id).where(Client.studio_id == studio_id)),
    ),
    "tags": (ClientTag, lambda studio_id: ClientTag.studio_id == studio_id),
}
LEFT_OUT = frozenset({"studio_id", "phone_digits", "name_key"})


def _cell(value):
    return value.isoformat() if isinstance(value, dt.datetime) else value


def book_page(studio_id: int, part: str, after: int, limit: int) -> dict:
    """{columns, rows (lists in the columns' order), next_after (None after the last page)} of one part."""
    if part not in PARTS:
        raise NotFound(f"The client book has no part {part!r}: clients, notes or tags.", code="book_part_not_found")
    model, of_studio = PARTS[part]
    columns = [column for column in model.__table__.columns if column.key not in LEFT_OUT]
    found = db.session.execute(
        sa.select(*columns).where(of_studio(studio_id), model.id > after).order_by(model.id).limit(limit)
    ).all()
    rows = [[_cell(value) for value in row] for row in found]
    return {
        "columns": [column.key for column in columns],
        "rows": rows,
        "next_after": found[-1].id if len(found) == limit else None,
    }

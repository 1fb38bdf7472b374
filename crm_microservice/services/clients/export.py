"""The client book as rows for a CSV download: the clients a list would show (q, tag, a segment), every one of them,
read a chunk at a time so a studio of any size streams in a few statements per chunk."""

from collections import defaultdict
from collections.abc import Iterator

import sqlalchemy as sa

from service_kit.spreadsheets import clock_cell, clock_header, money_cell

from ...extensions import db
from ...models import Client, ClientMoney, ClientTag
from .book import FIGURES, searched

CHUNK = 500
COLUMNS = (
    "id",
    "name",
    "other_name",
    "email",
    "phone",
    "guest",
    "first_seen_at",
    "last_seen_at",
    "first_visit_at",
    "last_visit_at",
    *FIGURES,
    "marketing_consent",
    "tags",
)
TIMES = ("first_seen_at", "last_seen_at", "first_visit_at", "last_visit_at")  # on the studio's clock
MONEY_COLUMNS = ("spent", "refunded")  # "INR 6500.00; USD 12.00": only for readers who see money


def columns(book) -> tuple[str, ...]:
    """The header, each time column naming the studio's zone: money only for clients.view."""
    named = tuple(clock_header(name, book.timezone) if name in TIMES else name for name in COLUMNS)
    return named + MONEY_COLUMNS if book.sees_all else named


def rows(book, query: dict, segment_conditions: list | None = None) -> Iterator[tuple]:
    """Every matching client as a row of columns(book), oldest client (by id) first."""
    conditions, _order = searched(book, query, segment_conditions)
    after = 0
    while True:
        chunk = db.session.scalars(
            sa.select(Client).where(*conditions, Client.id > after).order_by(Client.id).limit(CHUNK)
        ).all()
        if not chunk:
            return
        tags = _tags([c.id for c in chunk])
        money = _money(book, [c.user_id for c in chunk if c.user_id is not None]) if book.sees_all else None
        for client in chunk:
            yield _row(client, tags, money, book.timezone)
        after = chunk[-1].id


def _row(client: Client, tags: dict, money: dict | None, timezone: str) -> tuple:
    consent = {True: "given", False: "refused", None: ""}[client.marketing_consent]
    times = (getattr(client, name) for name in TIMES)
    row = (
        client.id,
        client.name,
        client.other_name,
        client.email,
        client.phone,
        "yes" if client.user_id is None else "no",
        *(clock_cell(t, timezone) for t in times),
        *(getattr(client, name) for name in FIGURES),
        consent,
        "; ".join(tags.get(client.id, ())),
    )
    if money is None:
        return row
    sums = money.get(client.user_id, {})
    spend = (
        ("; ".join(f"{cur} {money_cell(amounts[i], cur)}" for cur, amounts in sorted(sums.items()))) for i in (0, 1)
    )
    return row + tuple(spend)


def _tags(client_ids: list[int]) -> dict[int, list[str]]:
    found = defaultdict(list)
    query = sa.select(ClientTag.client_id, ClientTag.tag).where(ClientTag.client_id.in_(client_ids))
    for client_id, tag in db.session.execute(query.order_by(ClientTag.tag)):
        found[client_id].append(tag)
    return found


def _money(book, user_ids: list[int]) -> dict[int, dict[str, tuple[int, int]]]:
    found: dict = defaultdict(dict)
    query = sa.select(ClientMoney.user_id, ClientMoney.currency, ClientMoney.spent, ClientMoney.refunded).where(
        ClientMoney.studio_id == book.studio_id, ClientMoney.user_id.in_(user_ids)
    )
    for user_id, currency, spent, refunded in db.session.execute(query):
        found[user_id][currency] = (spent, refunded)
    return found

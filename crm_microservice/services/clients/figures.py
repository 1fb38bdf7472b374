"""The client book's figures per account, for the main API's reconciliation: ids and counts only (no names, emails
or notes leave the CRM this way), a keyset page of a studio's clients by the main API's user id."""

import datetime as dt

import sqlalchemy as sa

from ...extensions import db
from ...models import Client, ClientMoney, ClientPass

COUNTS = ("bookings", "visits", "no_shows", "late_cancels")


def figures_page(studio_id: int, after: int, through: int | None, limit: int, now: dt.datetime) -> dict:
    """The figures of the studio's account clients with user ids in (after, through], at most limit by user id; a
    client merged into another is reported under their own id (the main API knows no merges). Three aggregate
    statements a page, never one per client."""
    conditions = [Client.studio_id == studio_id, Client.user_id.is_not(None), Client.user_id > after]
    if through is not None:
        conditions.append(Client.user_id <= through)
    rows = db.session.execute(
        sa.select(Client.user_id, *(getattr(Client, name) for name in COUNTS))
        .where(*conditions)
        .order_by(Client.user_id)
        .limit(limit + 1)
    ).all()
    more, rows = len(rows) > limit, rows[:limit]
    items = {row.user_id: {"user_id": row.user_id, **{n: getattr(row, n) for n in COUNTS}} for row in rows}
    if items:
        low, high = after, rows[-1].user_id
        for user_id, credits in _credits(studio_id, low, high, now):
            if user_id in items:
                items[user_id]["credits_left"] = int(credits)
        for user_id, currency, spent, refunded in _money(studio_id, low, high):
            if user_id in items:
                items[user_id].setdefault("money", {})[currency] = {"spent": int(spent), "refunded": int(refunded)}
    page = [{"credits_left": 0, "money": {}} | item for item in items.values()]
    return {"items": page, "next_after": rows[-1].user_id if more else None}


def _credits(studio_id: int, low: int, high: int, now: dt.datetime):
    """Credits left on good passes (active, not past valid_until) per user in (low, high]: the profile's figure."""
    good = sa.and_(
        ClientPass.status == "active",
        sa.or_(ClientPass.valid_until.is_(None), ClientPass.valid_until > now),
        ClientPass.credits_left.is_not(None),
    )
    return db.session.execute(
        sa.select(ClientPass.user_id, sa.func.coalesce(sa.func.sum(ClientPass.credits_left), 0))
        .where(ClientPass.studio_id == studio_id, ClientPass.user_id > low, ClientPass.user_id <= high, good)
        .group_by(ClientPass.user_id)
    ).all()


def _money(studio_id: int, low: int, high: int):
    """Spend and refunds per user and currency in (low, high], in minor units."""
    return db.session.execute(
        sa.select(ClientMoney.user_id, ClientMoney.currency, ClientMoney.spent, ClientMoney.refunded).where(
            ClientMoney.studio_id == studio_id, ClientMoney.user_id > low, ClientMoney.user_id <= high
        )
    ).all()

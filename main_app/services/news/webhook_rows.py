"""A change's webhook deliveries, written beside its CRM messages in the same transaction (news.channels' table): one
row per endpoint of the studio subscribed to the message's type, keyed by endpoint and object so the lane hands a
booking's news to each endpoint in the order they happened."""

from datetime import timedelta

from sqlalchemy import select

from main_app.delivery import outbox_row

from ...extensions import db
from ...models import CHANNEL_CRM, CHANNEL_WEBHOOKS, WebhookEndpoint, utcnow
from .webhook_catalogue import EVENT_TYPES, object_of

HIDDEN = ("notification_id", "type")  # the CRM's envelope: a delivery has its own id and type
KEPT = "webhook_endpoints"  # the session's info key of the endpoints its transaction read


def webhook_rows(written: list[dict]) -> list[dict]:
    """The webhooks rows of the CRM rows written: none (and no query) when none is a studio's catalogued news."""
    news = [row for row in written if _studio_news(row)]
    if not news:
        return []
    endpoints = _endpoints({row["payload"]["studio_id"] for row in news})
    now, rows = utcnow(), []
    for row in news:
        for endpoint_id, studio_id, event_types in endpoints:
            if studio_id == row["payload"]["studio_id"] and row["type"] in event_types:
                # A microsecond apart: the order of a change's messages is kept however fast they are written.
                rows.append(_delivery(endpoint_id, row, now + timedelta(microseconds=len(rows))))
    return rows


def _endpoints(studio_ids: set[int]) -> list[tuple]:
    """The studios' open endpoints (id, studio_id, event_types), read once a transaction: a booking with a pass
    publishes its seat's news and its credit's, and the second asks no more."""
    transaction = db.session().get_transaction()
    kept = db.session.info.get(KEPT)
    if kept is None or kept[0] is not transaction or not studio_ids <= kept[1]:
        found = db.session.execute(
            select(WebhookEndpoint.id, WebhookEndpoint.studio_id, WebhookEndpoint.event_types)
            .where(WebhookEndpoint.studio_id.in_(studio_ids), WebhookEndpoint.disabled_at.is_(None))
            .order_by(WebhookEndpoint.id)
        ).all()
        kept = db.session.info[KEPT] = (transaction, frozenset(studio_ids), found)
    return kept[2]


def _studio_news(row: dict) -> bool:
    return row["channel"] == CHANNEL_CRM and row["type"] in EVENT_TYPES and bool(row["payload"].get("studio_id"))


def _delivery(endpoint_id: int, crm: dict, at) -> dict:
    """One endpoint's delivery of a CRM message: its body (type, timestamp, data) and its order's key."""
    data = {key: value for key, value in crm["payload"].items() if key not in HIDDEN}
    body = {"type": crm["type"], "timestamp": at.isoformat(), "data": data}
    row = outbox_row(CHANNEL_WEBHOOKS, crm["type"], {"endpoint_id": endpoint_id, "body": body}, send_at=at)
    key = f"{endpoint_id}:{object_of(crm['payload'])}"
    return {**row, "created_at": at, "endpoint_id": endpoint_id, "ordered_key": key}

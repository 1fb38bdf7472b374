"""Meta's statuses of our WhatsApp messages (sent, delivered, read, failed) that one webhook carries, applied together
in one transaction: the messages they name found in two queries, every status noted as applied in one insert (those
noted before are duplicates), each added to its message's attempt log, a failure's news falling back once, and a
message Meta says is free counted so in its studio's month. Meta batches statuses under load; one or a hundred cost
about the same."""

from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.dialects import postgresql, sqlite

from main_app.services import news, whatsapp

from ...extensions import db
from ...models import CHANNEL_WHATSAPP, DeliveryAttempt, OutboxMessage, WhatsappWebhook, utcnow

# The statuses kept in a message's attempt log (Meta's others, "deleted" and "warning", are not ours to record).
STATUSES = ("sent", "delivered", "read", "failed")
INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def first_seen(business_number_id: str, event_ids: set[str]) -> set[str]:
    """Note these events as applied in the caller's transaction; those not noted before (nor by a delivery of the
    same webhook committed meanwhile: PostgreSQL waits for it). One order of keys: two deliveries never deadlock."""
    if not event_ids:
        return set()
    now = utcnow()
    rows = [{"business_number_id": business_number_id, "event_id": e, "received_at": now} for e in sorted(event_ids)]
    insert = INSERT[db.engine.dialect.name](WhatsappWebhook.__table__).values(rows)
    noted = insert.on_conflict_do_nothing(index_elements=["business_number_id", "event_id"])
    return set(db.session.scalars(noted.returning(WhatsappWebhook.event_id)))


def take_statuses(business_number_id: str, statuses: list[dict]) -> list[str]:
    """Each status's outcome, in order: applied, duplicate, or ignored (a status not kept, a message not ours or
    sent through another number), all in the caller's transaction."""
    outcomes = ["ignored"] * len(statuses)
    named = _messages_named(business_number_id, [s for s in statuses if s["status"] in STATUSES])
    ours = [(i, status) for i, status in enumerate(statuses) if status["status"] in STATUSES and status["id"] in named]
    fresh = first_seen(business_number_id, {_event(status) for _i, status in ours})
    said, free = [], []
    for i, status in ours:
        if _event(status) not in fresh:
            outcomes[i] = "duplicate"
            continue
        fresh.discard(_event(status))  # the same status twice in one body: the second is a duplicate
        said.append(_said(status, named[status["id"]]))
        free += [(status, named[status["id"]])] if (status.get("pricing") or {}).get("billable") is False else []
        outcomes[i] = "applied"
    if said:
        db.session.execute(insert(DeliveryAttempt), said)  # one executemany, not a flush per row
    _count_free(business_number_id, free)
    return outcomes


def _event(status: dict) -> str:
    return f"status:{status['id']}:{status['status']}"


def _messages_named(business_number_id: str, statuses: list[dict]) -> dict[str, object]:
    """The outbox row (id, payload, booking_id) each status's wamid is about: by the id Meta echoes
    (biz_opaque_callback_data, on sent, delivered and read), else, as a failed status may not echo it, by the wamid
    Meta's answer to the lane gave (its attempt log). Only our WhatsApp messages sent through this number."""
    echoed = {s["biz_opaque_callback_data"] for s in statuses if s["biz_opaque_callback_data"]}
    answered = {f"{whatsapp.ACCEPTED_AS}{s['id']}" for s in statuses if not s["biz_opaque_callback_data"]}
    columns = (OutboxMessage.id, OutboxMessage.payload, OutboxMessage.booking_id)
    by_id, by_answer = {}, {}
    if echoed:
        query = select(*columns).where(OutboxMessage.id.in_(echoed), OutboxMessage.channel == CHANNEL_WHATSAPP)
        by_id = {row.id: row for row in db.session.execute(query)}
    if answered:
        query = (
            select(DeliveryAttempt.response_excerpt, *columns)
            .join(OutboxMessage, OutboxMessage.id == DeliveryAttempt.message_id)
            .where(DeliveryAttempt.response_excerpt.in_(answered), OutboxMessage.channel == CHANNEL_WHATSAPP)
        )
        by_answer = {row.response_excerpt: row for row in db.session.execute(query)}
    found = {
        s["id"]: by_id.get(s["biz_opaque_callback_data"])
        if s["biz_opaque_callback_data"]
        else by_answer.get(f"{whatsapp.ACCEPTED_AS}{s['id']}")
        for s in statuses
    }
    # A message of ours sent through another number is not this number's to report on.
    return {wamid: row for wamid, row in found.items() if row and _through(row.payload) in (None, business_number_id)}


def _through(payload) -> str | None:
    """The business number a message of ours was sent through (None: the install's, before studios had their own)."""
    return payload.get("business_number_id") if isinstance(payload, dict) else None


def _said(status: dict, message) -> dict:
    """Meta's word for the message's attempt log: a failure with Meta's error code and title alone (never its
    details, which may quote the person), and its news queued by text or email instead, once."""
    said, problem = f"WhatsApp says: {status['status']}", None
    if status["status"] == "failed":
        error = next(iter(status["errors"]), None)
        problem = f"{said} (error {error.get('code')}: {error.get('title') or 'no title'})" if error else said
        said = f"{said}; {news.fall_back(message.id, message.payload, message.booking_id, problem)}"
    return {
        "message_id": message.id, "attempted_at": utcnow(), "worker_id": "whatsapp-status", "status_code": None,
        "latency_ms": 0.0, "error": problem, "response_excerpt": said[:500],
    }  # fmt: skip


def _count_free(business_number_id: str, applied: list[tuple[dict, object]]) -> None:
    """Messages Meta prices as not billable (a utility template or a reply inside an open window) counted so in
    their studio's month, once each: sent, delivered and read each carry the same pricing."""
    counted = first_seen(business_number_id, {f"free:{status['id']}" for status, _message in applied})
    by_moment = defaultdict(dict)
    for status, message in applied:
        if f"free:{status['id']}" in counted:
            by_moment[sent_at(status.get("timestamp")) or utcnow()][status["id"]] = message.payload
    for moment, payloads in by_moment.items():
        whatsapp.count(list(payloads.values()), moment, "not_billable")


def sent_at(timestamp: int | None) -> datetime | None:
    """When Meta says it happened (a late delivery keeps its moment), never later than now."""
    if timestamp is None:
        return None
    return min(datetime.fromtimestamp(timestamp, UTC), utcnow())

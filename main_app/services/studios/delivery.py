"""A studio's share of the outbox: the delivery figures, dead letters and retries its staff with money.view see."""

from collections.abc import Mapping

from sqlalchemy import or_, select

from main_app.delivery import Lane, integration_status, list_messages, retry_failed
from main_app.services import news

from ...extensions import db
from ...models import CHANNEL_WHATSAPP, Booking, DeliveryAttempt, Event, EventSession, OutboxMessage

WHATSAPP_STATUSES = ("sent", "delivered", "read", "failed")  # as far as a message got, in order


def studio_messages(studio_id: int) -> tuple:
    """The conditions picking a studio's outbox messages: those whose payload names the studio (CRM messages, pass
    and code mail) and those about a booking of one of its sessions (emails, texts)."""
    bookings = (
        select(Booking.id)
        .join(EventSession, EventSession.id == Booking.session_id)
        .join(Event, Event.id == EventSession.event_id)
        .where(Event.studio_id == studio_id)
    )
    return (
        or_(
            OutboxMessage.payload["studio_id"].as_integer() == studio_id,
            OutboxMessage.booking_id.in_(bookings),
        ),
    )


def delivery_status(studio_id: int, lanes: Mapping[str, Lane]) -> dict:
    """The integration status (every channel's reachability) with figures counting only the studio's messages."""
    return integration_status(lanes, studio_messages(studio_id))


def delivery_messages(studio_id: int, status: str, page: int, per_page: int, channel: str | None = None):
    """The studio's outbox messages in one status (and channel), oldest first, each WhatsApp one with what Meta last
    said of it and where it fell back to, each fallback with the WhatsApp message it stands in for."""
    found = list_messages(status, page, per_page, channel, studio_messages(studio_id))
    whatsapp_ids = [message.id for message in found.items if message.channel == CHANNEL_WHATSAPP]
    said = _whatsapp_statuses(whatsapp_ids)
    fallbacks = _fallbacks(whatsapp_ids)
    for message in found.items:  # read by schemas.operations.StudioOutboxMessageSchema
        fallback_of = message.payload.get("fallback_of") if isinstance(message.payload, dict) else None
        message.fallback_of = fallback_of.get("message_id") if isinstance(fallback_of, dict) else None
        message.whatsapp_status = said.get(message.id)
        message.fell_back_to = fallbacks.get(message.id)
    return found


def _whatsapp_statuses(message_ids: list[str]) -> dict[str, str]:
    """Each WhatsApp message's furthest status from Meta's webhook (sent, delivered, read, failed), whatever order
    Meta's webhooks came in; one query for the page."""
    if not message_ids:
        return {}
    rows = db.session.execute(
        select(DeliveryAttempt.message_id, DeliveryAttempt.response_excerpt).where(
            DeliveryAttempt.message_id.in_(message_ids), DeliveryAttempt.worker_id == "whatsapp-status"
        )
    )
    furthest: dict[str, str] = {}
    for message_id, excerpt in rows:
        word = (excerpt or "").removeprefix("WhatsApp says: ").split(";")[0]
        if word in WHATSAPP_STATUSES and WHATSAPP_STATUSES.index(word) >= WHATSAPP_STATUSES.index(
            furthest.get(message_id, word)
        ):
            furthest[message_id] = word
    return furthest


def _fallbacks(message_ids: list[str]) -> dict[str, str]:
    """The channel (sms or email) each WhatsApp message fell back to, found by the fallback's id; one query."""
    if not message_ids:
        return {}
    ids = {news.fallback_id(message_id): message_id for message_id in message_ids}
    rows = db.session.execute(select(OutboxMessage.id, OutboxMessage.channel).where(OutboxMessage.id.in_(ids)))
    return {ids[row.id]: row.channel for row in rows}


def retry_dead(studio_id: int, channel: str | None = None) -> int:
    """Requeue the studio's dead messages (of one channel, if given); how many."""
    return retry_failed(channel, studio_messages(studio_id))

"""A studio's share of the outbox: the delivery figures, dead letters and retries its staff with money.view see."""

from collections.abc import Mapping

from sqlalchemy import or_, select

from main_app.delivery import Lane, integration_status, list_messages, retry_failed

from ...models import Booking, Event, EventSession, OutboxMessage


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
    """The studio's outbox messages in one status (and channel), oldest first."""
    return list_messages(status, page, per_page, channel, studio_messages(studio_id))


def retry_dead(studio_id: int, channel: str | None = None) -> int:
    """Requeue the studio's dead messages (of one channel, if given); how many."""
    return retry_failed(channel, studio_messages(studio_id))

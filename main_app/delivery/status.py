"""What operators see of and do with the delivery pipeline, per channel: the CRM, email and payments (refunds, the
ends of seat holds)."""

from collections.abc import Mapping
from datetime import timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.orm import selectinload

from main_app.plumbing import Page, paginate

from ..database import unit_of_work
from ..error_codes import api_error
from ..extensions import db
from ..models import (
    CHANNEL_CRM,
    FAILURE_CONFIGURATION,
    OUTBOX_DEAD,
    OUTBOX_DELIVERED,
    OUTBOX_PENDING,
    DeliveryAttempt,
    OutboxMessage,
    utcnow,
)
from .outcomes import Lane

# Conditions on OutboxMessage picking some messages (a studio's): the domains say which, the outbox knows none.
Scope = tuple[ColumnElement[bool], ...]


def _channel(channel: str | None) -> list:
    return [OutboxMessage.channel == channel] if channel else []


def _count(*conditions) -> int:
    return db.session.scalar(select(func.count(OutboxMessage.id)).where(*conditions))


def channel_status(channel: str, scope: Scope = ()) -> dict:
    """One channel's outbox (only its messages scope picks, if given): what waits, what died, when delivery last
    worked or failed.

    Reminders waiting for their time are not "pending" work yet: they count once they are due."""
    now = utcnow()
    mine = and_(OutboxMessage.channel == channel, *scope)
    waiting = (
        mine,
        OutboxMessage.status == OUTBOX_PENDING,
        or_(OutboxMessage.attempts > 0, OutboxMessage.next_attempt_at <= now),
    )
    last_failure = db.session.execute(
        select(
            DeliveryAttempt.attempted_at, DeliveryAttempt.message_id, DeliveryAttempt.status_code, DeliveryAttempt.error
        )
        .join(OutboxMessage, OutboxMessage.id == DeliveryAttempt.message_id)
        .where(mine, DeliveryAttempt.error.is_not(None))
        .order_by(DeliveryAttempt.id.desc())
        .limit(1)
    ).first()
    # The still-failing message tried most recently (next_attempt_at would favour rescheduled ones).
    latest = db.session.scalar(
        select(OutboxMessage.failure_kind)
        .join(DeliveryAttempt, DeliveryAttempt.message_id == OutboxMessage.id)
        .where(mine, OutboxMessage.failure_kind.is_not(None))
        .order_by(DeliveryAttempt.id.desc())
        .limit(1)
    )
    return {
        "outbox": {
            "pending": _count(*waiting),
            "retrying": _count(mine, OutboxMessage.status == OUTBOX_PENDING, OutboxMessage.attempts > 0),
            "dead": _count(mine, OutboxMessage.status == OUTBOX_DEAD),
            "delivered_last_hour": _count(
                mine, OutboxMessage.status == OUTBOX_DELIVERED, OutboxMessage.delivered_at >= now - timedelta(hours=1)
            ),
            "oldest_pending_at": db.session.scalar(select(func.min(OutboxMessage.created_at)).where(*waiting)),
        },
        "last_success_at": db.session.scalar(select(func.max(OutboxMessage.delivered_at)).where(mine)),
        "last_error": dict(last_failure._mapping) if last_failure else None,
        "configuration_error": latest == FAILURE_CONFIGURATION,
    }


def integration_status(lanes: Mapping[str, Lane], scope: Scope = ()) -> dict:
    """Every channel: is the other side reachable, what waits, what died, when did delivery last work or fail.

    The CRM's figures stay at the top level (the shape the integration panel reads); every other channel's are under
    its name: "email", "sms", "whatsapp", "app" (in-app notices), "payments" (refunds, renewals), "timers" (timed
    jobs). scope (conditions on OutboxMessage) narrows the figures to some messages: a studio's."""
    counts = {channel: channel_status(channel, scope) for channel in lanes}
    db.session.rollback()  # read-only: end the transaction before the network checks
    status = {"crm": lanes[CHANNEL_CRM].connection(), **counts[CHANNEL_CRM]}
    for channel in lanes.keys() - {CHANNEL_CRM}:
        status[channel] = {**lanes[channel].connection(), **counts[channel]}
    return status


def requeue(message: OutboxMessage) -> None:
    """Make a message due now; a dead one starts its schedule afresh (its attempt log stays)."""
    if message.status == OUTBOX_DEAD:
        message.attempts = 0
    message.status = OUTBOX_PENDING
    message.next_attempt_at = utcnow()
    message.lease_until = None
    message.claimed_by = None


def retry_failed(channel: str | None = None, scope: Scope = ()) -> int:
    """Requeue every dead message (of one channel, if given; of scope's, if given); returns how many."""
    with unit_of_work():
        result = db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == OUTBOX_DEAD, *_channel(channel), *scope)
            .values(status=OUTBOX_PENDING, attempts=0, next_attempt_at=utcnow(), lease_until=None, claimed_by=None)
            .execution_options(synchronize_session=False)
        )
    return result.rowcount


def list_messages(status: str, page: int, per_page: int, channel: str | None = None, scope: Scope = ()) -> Page:
    """Outbox messages in one status (and channel, if given; of scope's, if given), oldest first."""
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.status == status, *_channel(channel), *scope)
        .order_by(OutboxMessage.created_at, OutboxMessage.id)
    )
    return paginate(query, page, per_page)


def get_message(message_id: str, scope: Scope = ()) -> OutboxMessage:
    """One message (of scope's, if given) with every HTTP attempt made for it (attempt_log); 404 when unknown."""
    attempts = selectinload(OutboxMessage.attempt_log)
    if scope:
        query = select(OutboxMessage).where(OutboxMessage.id == message_id, *scope).options(attempts)
        message = db.session.scalar(query)
    else:
        message = db.session.get(OutboxMessage, message_id, options=[attempts])
    if message is None:
        raise api_error("notification_not_found", message_id=message_id)
    return message


def retry_message(message_id: str, scope: Scope = ()) -> OutboxMessage:
    """Send one message (of scope's, if given) again as soon as possible; 409 when it was already delivered."""
    message = get_message(message_id, scope)
    if message.status == OUTBOX_DELIVERED:
        raise api_error("already_delivered")
    with unit_of_work():
        requeue(message)
    return message

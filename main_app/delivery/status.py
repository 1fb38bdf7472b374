"""What operators see of and do with the delivery pipeline, per channel: the CRM, email (seeds 002 and 003) and
payments (refunds)."""

from datetime import timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import selectinload

from service_kit.errors import Conflict, NotFound

from ..database import unit_of_work
from ..extensions import db
from ..models import (
    CHANNEL_CRM,
    CHANNEL_EMAIL,
    CHANNEL_PAYMENTS,
    FAILURE_CONFIGURATION,
    OUTBOX_DEAD,
    OUTBOX_DELIVERED,
    OUTBOX_PENDING,
    ROLE_ADMIN,
    DeliveryAttempt,
    OutboxMessage,
    User,
    utcnow,
)
from ..services.common.pagination import Page, paginate
from ..services.crm.client import CRMError, CRMNotificationService
from ..services.emails.lane import EmailDelivery
from ..services.payments.lane import PaymentsDelivery


def _count(*conditions) -> int:
    return db.session.scalar(select(func.count(OutboxMessage.id)).where(*conditions))


def _channel_status(channel: str) -> dict:
    """One channel's outbox: what waits, what died, when delivery last worked or failed.

    Reminders waiting for their time are not "pending" work yet: they count once they are due."""
    now = utcnow()
    mine = OutboxMessage.channel == channel
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


def integration_status(client: CRMNotificationService, mail: EmailDelivery, money: PaymentsDelivery) -> dict:
    """Both channels: is the other side reachable, what waits, what died, when did delivery last work or fail.

    The CRM's figures stay at the top level (the shape seed 003 gave the panel); the email channel's are under
    "email", the payments channel's (refunds, the ends of seat holds) under "payments"."""
    crm = _channel_status(CHANNEL_CRM)
    email = _channel_status(CHANNEL_EMAIL)
    paid = _channel_status(CHANNEL_PAYMENTS)
    db.session.rollback()  # read-only: end the transaction before the network checks
    status = {
        "crm": {
            "base_url": client.base_url,
            "reachable": client.test_connection(),
            "signing": client.signing_key is not None,
        },
        **crm,
        "email": {"transport": mail.base_url, "reachable": mail.test_connection(), **email},
        "payments": {"provider": money.config["PAYMENT_PROVIDER"], "reachable": money.test_connection(), **paid},
    }
    return status


def test_integration(client: CRMNotificationService, operator_id: int | None) -> dict:
    """Send a real test notification now and report what happened (not through the outbox).

    The CRM needs a positive user_id: the calling admin's, for the service token the first admin's.
    """
    user_id = operator_id or db.session.scalar(select(func.min(User.id)).where(User.role == ROLE_ADMIN)) or 1
    db.session.rollback()  # no transaction open during the HTTP calls
    result = {"reachable": client.test_connection(), "delivered": False, "error": None, "response": None}
    try:
        result["response"] = client.send_notification(
            "integration_test", user_id, "Test notification from the main API"
        )
        result["delivered"] = True
    except CRMError as exc:
        result["error"] = f"{type(exc).__name__}: {exc}"
    return result


def requeue(message: OutboxMessage) -> None:
    """Make a message due now; a dead one starts its schedule afresh (its attempt log stays)."""
    if message.status == OUTBOX_DEAD:
        message.attempts = 0
    message.status = OUTBOX_PENDING
    message.next_attempt_at = utcnow()
    message.lease_until = None
    message.claimed_by = None


def retry_failed(channel: str | None = None) -> int:
    """Requeue every dead message (of one channel, if given); returns how many."""
    with unit_of_work():
        result = db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == OUTBOX_DEAD, *([OutboxMessage.channel == channel] if channel else []))
            .values(status=OUTBOX_PENDING, attempts=0, next_attempt_at=utcnow(), lease_until=None, claimed_by=None)
            .execution_options(synchronize_session=False)
        )
    return result.rowcount


def list_messages(status: str, page: int, per_page: int, channel: str | None = None) -> Page:
    """Outbox messages in one status (and channel, if given), oldest first."""
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.status == status, *([OutboxMessage.channel == channel] if channel else []))
        .order_by(OutboxMessage.created_at, OutboxMessage.id)
    )
    return paginate(query, page, per_page)


def get_message(message_id: str) -> OutboxMessage:
    """One message with every HTTP attempt made for it (attempt_log); 404 when unknown."""
    message = db.session.get(OutboxMessage, message_id, options=[selectinload(OutboxMessage.attempt_log)])
    if message is None:
        raise NotFound(f"Notification {message_id} does not exist.", code="notification_not_found")
    return message


def retry_message(message_id: str) -> OutboxMessage:
    """Send one message again as soon as possible; 409 when it was already delivered."""
    message = get_message(message_id)
    if message.status == OUTBOX_DELIVERED:
        raise Conflict("This notification was already delivered.", code="already_delivered")
    with unit_of_work():
        requeue(message)
    return message

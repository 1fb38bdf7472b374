"""The SMS provider's word on a text it took (delivered, or failed on the way), kept in that text's attempt log.
(A person's replies, STOP and START, are the accounts' business: accounts/phones.py.)"""

from sqlalchemy import select

from ...database import unit_of_work
from ...extensions import db
from ...models import CHANNEL_SMS, DeliveryAttempt, OutboxMessage

# The provider's final states of a text; "sent" and the like are on the way and not recorded.
FINAL = {"delivered": None, "undelivered": "not delivered", "failed": "failed"}


def record_status(message_id: str, status: str, error_code: str | None) -> bool:
    """The provider's final word on a text it took, added to that text's attempt log; False for a text not ours or
    a state on the way."""
    if status not in FINAL:
        return False
    with unit_of_work():
        found = db.session.scalar(
            select(OutboxMessage.id).where(OutboxMessage.id == message_id, OutboxMessage.channel == CHANNEL_SMS)
        )
        if found is None:
            return False
        problem = FINAL[status] and f"{FINAL[status]} (error {error_code or 'unknown'})"
        db.session.add(
            DeliveryAttempt(
                message_id=found,
                worker_id="sms-status",
                status_code=None,
                latency_ms=0.0,
                error=problem and f"the provider says: {problem}",
                response_excerpt=f"the provider says: {status}",
            )
        )
    return True

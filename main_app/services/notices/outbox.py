"""Notices for the notification centre, written to the outbox (channel "app") in the caller's transaction beside
the email or text they repeat, due when it is: the app lane turns each into a Notification row exactly once."""

import hashlib
from datetime import datetime

from main_app.delivery import outbox_row

from ...models import CHANNEL_APP
from .compose import NOTICE_KINDS


def companion_id(email_id: str) -> str:
    """The outbox id of the notice written beside the email email_id, so that dropping the email drops it too."""
    return hashlib.sha256(f"app:{email_id}".encode()).hexdigest()[:32]


def notice_row(
    kind: str, snapshot: dict, *, booking_id: int | None = None, send_at: datetime | None = None, beside: str = ""
) -> dict | None:
    """The outbox row of the notice of this kind for the person snapshot["to"] names (by user_id), beside the email
    whose id is beside; None for a kind the centre does not show or a snapshot without a person."""
    to = snapshot.get("to")
    if kind not in NOTICE_KINDS or not isinstance(to, dict) or not isinstance(to.get("user_id"), int):
        return None
    payload = {"kind": kind, "user_id": to["user_id"], "snapshot": snapshot}
    message_id = companion_id(beside) if beside else None
    return outbox_row(CHANNEL_APP, kind, payload, message_id=message_id, booking_id=booking_id, send_at=send_at)

"""The CRM's messages of a WhatsApp conversation between a studio and a person: what the person wrote (the studio's
inbox and the client's timeline) and what staff answered (the timeline alone). The text is the person's own words:
the CRM keeps it bounded and takes it out when they erase their account."""

from datetime import datetime

from ...models import User
from .messages import message_row
from .people import user_summary

RECEIVED, ANSWERED = "whatsapp_received", "whatsapp_answered"
TEXT_LIMIT = 4096  # WhatsApp's own limit on a text message's body


def whatsapp_received_row(
    user: User, studio_id: int, text: str | None, received_at: datetime, closes_at: datetime | None, stopped: bool
) -> dict:
    """The row of a person's message to the studio's WhatsApp (text None: not a text, a photo or a voice note)."""
    data = {
        "user": user_summary(user),
        "text": text[:TEXT_LIMIT] if text is not None else None,
        "received_at": received_at.isoformat(),
        "window_closes_at": closes_at.isoformat() if closes_at is not None else None,
        "stopped": stopped,
    }
    payload = {"timestamp": received_at.isoformat(), "user_id": user.id, "studio_id": studio_id}
    return message_row(RECEIVED, payload | {"message": f"{user.name} wrote on WhatsApp", "data": data})


def whatsapp_answered_row(client: User, studio_id: int, text: str, staff: User, message_id: str, at: datetime) -> dict:
    """The row of staff's free-form answer to a client on WhatsApp (message_id: its WhatsApp outbox row)."""
    data = {
        "user": user_summary(client),
        "text": text[:TEXT_LIMIT],
        "sent_by": {"id": staff.id, "name": staff.name},
        "message_id": message_id,
    }
    payload = {"timestamp": at.isoformat(), "user_id": client.id, "studio_id": studio_id}
    return message_row(
        ANSWERED, payload | {"message": f"{staff.name} answered {client.name} on WhatsApp", "data": data}
    )

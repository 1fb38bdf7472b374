"""WhatsApp's webhooks (Meta's Cloud API) at WEBHOOK_PATH, the install's number's, or WEBHOOK_PATH/<slug>, a studio's
own: the verify handshake; then, once the raw body is signed with that number's app secret and names that number
alone, each status of a message of ours kept in its attempt log and each message a person sent taken (whatsapp_reply,
its confirmation queued to go back), each applied once however often Meta delivers it."""

import hashlib
import hmac
import logging
import re
import time
from collections.abc import Mapping
from datetime import timedelta

from sqlalchemy import delete

from main_app.delivery import outbox_row
from main_app.services import chats

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import CHANNEL_WHATSAPP, OutboxMessage, WhatsappWebhook, utcnow
from .whatsapp import whatsapp_reply
from .whatsapp_inbound import tell_studios
from .whatsapp_statuses import first_seen, sent_at, take_statuses

# How long a message or status applied is remembered: twice the 7 days Meta retries an unanswered webhook for.
log = logging.getLogger(__name__)
WEBHOOK_RETENTION = timedelta(days=14)
# The outbox row of a confirmation of STOP or START, a free-form text inside the window the message just opened.
REPLY = "whatsapp_reply"
CHALLENGE = re.compile(r"[\x21-\x7e]{1,200}")
FORGET_EVERY = 60.0  # seconds between two prunes of old notes by one process
_last_forgotten = -FORGET_EVERY


def subscription_challenge(slug: str | None, mode: str, verify_token: str, challenge: str, config: Mapping) -> str:
    """Meta's handshake: the challenge to echo when mode is subscribe and verify_token is this address's number's;
    403 invalid_verify_token otherwise (no number here, or one without a verify token, included)."""
    connection = _connection(slug, config)
    expected = connection.verify_token if connection is not None else ""
    # Compared whatever the rest says, so the answer's time tells nothing of which part was wrong.
    matches = hmac.compare_digest(verify_token.encode(), expected.encode())
    if not (matches and expected and mode == "subscribe" and CHALLENGE.fullmatch(challenge)):
        raise api_error("invalid_verify_token")
    return challenge


def _connection(slug: str | None, config: Mapping) -> chats.Connection | None:
    """This address's number; 503 whatsapp_secrets_lost when its sealed secrets cannot be opened (WHATSAPP_KEYS_KEY
    changed without the old key): Meta sends the webhook again for days, so nothing is lost while it is put right."""
    try:
        return chats.webhook_connection(slug, config)
    except chats.SecretsLost as lost:
        log.error("WhatsApp webhook refused: %s", lost)
        raise api_error("whatsapp_secrets_lost") from None


def signed_connection(slug: str | None, body: bytes, signature: str | None, config: Mapping) -> chats.Connection:
    """The number this address is for, once X-Hub-Signature-256 is the HMAC-SHA256 of these raw bytes with its app
    secret (compared in constant time, before the body is read); 403 invalid_signature otherwise."""
    connection = _connection(slug, config)
    secret = connection.app_secret if connection is not None else ""
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    if not (hmac.compare_digest((signature or "").encode(), expected.encode()) and secret):
        raise api_error("invalid_signature.whatsapp")
    return connection


def take_webhook(connection: chats.Connection, document: dict) -> dict:
    """Apply a verified, parsed messages webhook (schemas.chats.WhatsappWebhookSchema): how many of its statuses and
    messages were applied, seen before, or ignored. One naming another number is refused whole (403), nothing
    applied: a studio's secret answers for its own number only."""
    values = [
        change["value"]
        for entry in document["entry"]
        for change in entry["changes"]
        if change.get("field") in (None, "messages") and change["value"].get("metadata")
    ]
    if any(value["metadata"]["phone_number_id"] != connection.phone_number_id for value in values):
        raise api_error("forbidden.whatsapp_number")
    counts = {"applied": 0, "duplicate": 0, "ignored": 0}
    statuses = [status for value in values for status in value["statuses"]]
    if statuses:
        with unit_of_work():  # however many Meta batched: one transaction
            for outcome in take_statuses(connection.phone_number_id, statuses):
                counts[outcome] += 1
    for message in (message for value in values for message in value["messages"]):
        counts[_take_message(connection.phone_number_id, message)] += 1
    _forget_now_and_then()
    return counts


def _take_message(business_number_id: str, message: dict) -> str:
    """A person's message: its window opens, a STOP or START alone changes the number (whatsapp_reply), the studio
    it is for sees it (tell_studios), and the confirmation it asks for is queued to go back, in one transaction.
    "ignored" for a sender that is no number. Nothing else ever goes back on its own: a stopped number's message is
    shown to the studio, and answered only by staff, inside its window."""
    text = (message.get("text") or {}).get("body") if message["type"] == "text" else None
    at = sent_at(message.get("timestamp")) or utcnow()
    with unit_of_work():
        if not first_seen(business_number_id, {f"message:{message['id']}"}):
            return "duplicate"
        received = whatsapp_reply(message["sender"], business_number_id, text, at)
        if received.number is None:
            return "ignored"
        tell_studios(received.number, business_number_id, text, at)
        if received.reply:
            db.session.add(OutboxMessage(**reply_row(received.number, business_number_id, received.reply)))
    return "applied"


def reply_row(to: str, business_number_id: str, text: str) -> dict:
    """The outbox row of a free-form text back to a number that just wrote (the WhatsApp lane sends it)."""
    payload = {"kind": REPLY, "to": to, "text": text, "business_number_id": business_number_id}
    return outbox_row(CHANNEL_WHATSAPP, REPLY, payload)


def _forget_now_and_then() -> None:
    """forget_old_webhooks at most once a minute in this process: notes expire by the day, not by the request."""
    global _last_forgotten
    if time.monotonic() - _last_forgotten >= FORGET_EVERY:
        _last_forgotten = time.monotonic()
        forget_old_webhooks()


def forget_old_webhooks() -> None:
    """Delete what was applied longer than WEBHOOK_RETENTION ago (Meta no longer delivers it again)."""
    with unit_of_work():
        db.session.execute(delete(WhatsappWebhook).where(WhatsappWebhook.received_at < utcnow() - WEBHOOK_RETENTION))

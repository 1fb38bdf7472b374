"""Taking a person's name, email and phone out of the records that copied them as text: outbox payloads (emails,
texts, notices and the CRM's messages), delivery errors and audit entries. Rows are found by a LIKE on each value
(as stored, and as JSON escapes it) and the values replaced wherever they appear in their strings."""

import json
from collections.abc import Iterable

from sqlalchemy import String, Text, cast, delete, or_, select

from ...extensions import db
from ...models import (
    CHANNEL_EMAIL,
    CHANNEL_SMS,
    CHANNEL_WHATSAPP,
    OUTBOX_PENDING,
    AuditEntry,
    DeliveryAttempt,
    OutboxMessage,
)

ERASED_NAME = "Deleted account"
ERASED_TEXT = "[erased]"
SHORT = 4  # values shorter than this are replaced only where they are a whole string


def replaced(value, pii: dict[str, str]):
    """value with each of pii's strings (keys) replaced by its stand-in, in every string inside dicts and lists (one
    shorter than SHORT only where it is the whole string: "Al" is no one inside "Also")."""
    if isinstance(value, str):
        for found, stand_in in pii.items():
            value = value.replace(found, stand_in) if len(found) >= SHORT else (stand_in if value == found else value)
        return value
    if isinstance(value, dict):
        return {key: replaced(item, pii) for key, item in value.items()}
    if isinstance(value, list):
        return [replaced(item, pii) for item in value]
    return value


def _patterns(pii: dict[str, str]) -> list[str]:
    """LIKE patterns that find each value as stored: as typed, and as JSON escapes it (non-ASCII as \\uXXXX)."""
    patterns = set()
    for found in pii:
        for form in (found, json.dumps(found)[1:-1]):
            escaped = form.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            patterns.add(f"%{escaped}%")
    return sorted(patterns)


def _holding(columns: Iterable, pii: dict[str, str]):
    """A WHERE clause: any of columns (as text) holds any of pii's values."""
    return or_(*(cast(column, Text).like(p, escape="\\") for column in columns for p in _patterns(pii)))


def scrub_outbox(pii: dict[str, str], email: str, phone: str | None) -> None:
    """Pending emails, texts and WhatsApp messages to the person are dropped (their address is going); every other
    message, sent or not, keeps its place with the values replaced, so the CRM's lane delivers what it holds,
    anonymised."""
    own = {email: email, **({phone: phone} if phone else {})}
    pending_to_them = select(OutboxMessage.id).where(
        OutboxMessage.channel.in_((CHANNEL_EMAIL, CHANNEL_SMS, CHANNEL_WHATSAPP)),
        OutboxMessage.status == OUTBOX_PENDING,
        _holding([OutboxMessage.payload], own),
    )
    dropped = list(db.session.scalars(pending_to_them))
    if dropped:
        db.session.execute(delete(DeliveryAttempt).where(DeliveryAttempt.message_id.in_(dropped)))
        db.session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(dropped)))
    holding = _holding([OutboxMessage.payload, OutboxMessage.last_error], pii)
    for message in db.session.scalars(select(OutboxMessage).where(holding)):
        message.payload = replaced(message.payload, pii)
        message.last_error = replaced(message.last_error, pii)
    said = [DeliveryAttempt.error, DeliveryAttempt.response_excerpt]
    for attempt in db.session.scalars(select(DeliveryAttempt).where(_holding(said, pii))):
        attempt.error, attempt.response_excerpt = replaced(attempt.error, pii), replaced(attempt.response_excerpt, pii)


def scrub_audit(pii: dict[str, str]) -> None:
    """Audit entries keep what was done, by whom and to which row; the person's values in them are replaced."""
    columns = [AuditEntry.before, AuditEntry.after, AuditEntry.labels, cast(AuditEntry.object_label, String)]
    for entry in db.session.scalars(select(AuditEntry).where(_holding(columns, pii))):
        entry.before, entry.after = replaced(entry.before, pii), replaced(entry.after, pii)
        entry.labels, entry.object_label = replaced(entry.labels, pii), replaced(entry.object_label, pii)

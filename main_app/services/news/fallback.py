"""A WhatsApp message of news that did not reach its person (Meta's failed status, or a refusal that says the number
cannot get it) falls back once to a text, else an email, as the person allows now and as no other channel carried
the same word already: one outbox row whose id is made from the failed message's, inserted only if it is not there,
in the caller's transaction. Replies and staff's answers (free-form) and marketing templates never fall back."""

import hashlib

from sqlalchemy.dialects import postgresql, sqlite

from main_app.delivery import outbox_written
from main_app.services.emails import REMINDER_KINDS, email_row
from main_app.services.texts import text_rows
from main_app.services.whatsapp import is_marketing, template_for

from ...extensions import db
from ...models import CHANNEL_EMAIL, CHANNEL_SMS, OutboxMessage, User
from .words import reminder_links

NAMES = {CHANNEL_SMS: "SMS", CHANNEL_EMAIL: "email"}  # as the attempt log says where the news went instead
INSERT = {
    name: insert(OutboxMessage.__table__).on_conflict_do_nothing(index_elements=["id"]).returning(OutboxMessage.id)
    for name, insert in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))
}


def fallback_id(message_id: str) -> str:
    """The outbox id of the one fallback of the WhatsApp message message_id: the same however often it fails."""
    return hashlib.sha256(f"fallback:{message_id}".encode()).hexdigest()[:32]


def fall_back(message_id: str, payload: dict, booking_id: int | None, why: str) -> str:
    """Queue the news of the failed WhatsApp message message_id (its payload and booking) by text or email, once,
    in the caller's transaction (why: what failed, kept in the new row's payload); what happened, for the failed
    message's attempt log."""
    snapshot = payload.get("snapshot") if isinstance(payload.get("snapshot"), dict) else {}
    kind, to = payload.get("kind"), snapshot.get("to")
    name = template_for(kind, snapshot) if isinstance(kind, str) else None
    if name is None or is_marketing(name) or not isinstance(to, dict):
        return "no fallback: not news (a reply, an answer or marketing)"
    user = db.session.get(User, to.get("user_id"))
    if user is None:
        return "no fallback: the account is gone"
    row, reason = _row(kind, user, snapshot, booking_id, set(payload.get("also_by") or ()))
    if row is None:
        return f"no fallback: {reason}"
    row["id"] = fallback_id(message_id)
    row["payload"]["fallback_of"] = {"channel": "whatsapp", "message_id": message_id, "why": why[:200]}
    if db.session.execute(INSERT[db.engine.dialect.name].values(**row)).first() is None:
        return "fell back already"
    outbox_written(db.session, {row["channel"]})
    return f"fell back to {NAMES[row['channel']]} ({row['id']})"


def _row(kind: str, user: User, snapshot: dict, booking_id: int | None, also_by: set) -> tuple[dict | None, str]:
    """The text the person gets instead, else the email; or None and why neither."""
    if CHANNEL_SMS not in also_by and (texts := text_rows(kind, user, snapshot, booking_id=booking_id)):
        return texts[0], ""
    reminder = kind in REMINDER_KINDS
    if CHANNEL_EMAIL not in also_by and user.email and not (reminder and not user.reminders_enabled):
        to = {"user_id": user.id, "name": user.name, "email": user.email}
        links = reminder_links(user) if reminder else {}
        return email_row(kind, {**snapshot, **links, "to": to}, booking_id=booking_id), ""
    carried = " and ".join(NAMES[channel] for channel in sorted(also_by) if channel in NAMES)
    return None, f"already sent by {carried}" if carried else "the person gets neither texts nor this email"

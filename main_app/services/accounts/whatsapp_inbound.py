"""A person's WhatsApp message shown to the studio it is for, in the transaction that takes it: one whatsapp_received
for the CRM per account that gives the number. Which studio: the one whose own number it was written to; for the
install's number, shared by every studio without its own, the studio of the last WhatsApp message we sent that
number, else the studios where an account with the number has a booking ahead, else none (the window still opens:
the message is not lost to the person, only to an inbox)."""

from datetime import datetime

from sqlalchemy import or_, select

from main_app.services import chats, crm

from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    CHANNEL_WHATSAPP,
    Booking,
    Event,
    EventSession,
    OutboxMessage,
    StudioWhatsapp,
    User,
    utcnow,
)


def tell_studios(number: str, business_number_id: str, text: str | None, at: datetime) -> int:
    """Queue the CRM's whatsapp_received for each account with the number, to each studio the message is for (the
    caller's transaction); how many were queued. A number that sent STOP is still shown (stopped: true)."""
    people = db.session.scalars(select(User).where(User.phone == number).order_by(User.id)).all()
    if not people:
        return 0
    studio_ids = _studios_for(number, business_number_id, [person.id for person in people])
    closes, stopped = chats.window_closes_at(number, business_number_id), chats.stopped(number)
    rows = [
        crm.whatsapp_received_row(person, studio_id, text, at, closes, stopped)
        for studio_id in studio_ids
        for person in people
    ]
    db.session.add_all(OutboxMessage(**row) for row in rows)
    return len(rows)


def _studios_for(number: str, business_number_id: str, user_ids: list[int]) -> list[int]:
    """The studios a message to business_number_id is for (see the module's docstring)."""
    own = db.session.scalar(
        select(StudioWhatsapp.studio_id).where(StudioWhatsapp.phone_number_id == business_number_id)
    )
    if own is not None:
        return [own]
    last = _last_studio_written(number)
    return [last] if last is not None else _studios_booked(user_ids)


def _last_studio_written(number: str) -> int | None:
    """The studio of the newest WhatsApp message of ours to the number still in the outbox: a template's news names
    it (snapshot.studio.id), staff's answer carries it (studio_id). The outbox is pruned, so this reads days, not
    years; a reply of the install's own (a STOP's confirmation) names none and is passed over."""
    payload = OutboxMessage.payload
    rows = db.session.scalars(
        select(OutboxMessage.payload)
        .where(
            OutboxMessage.channel == CHANNEL_WHATSAPP,
            or_(payload["snapshot"]["to"]["phone"].as_string() == number, payload["to"].as_string() == number),
        )
        .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
        .limit(20)
    )
    for found in rows:
        studio_id = found.get("studio_id") or ((found.get("snapshot") or {}).get("studio") or {}).get("id")
        if isinstance(studio_id, int):
            return studio_id
    return None


def _studios_booked(user_ids: list[int]) -> list[int]:
    """The studios where one of the accounts has an active booking of a session still to start."""
    query = (
        select(Event.studio_id)
        .join(EventSession, EventSession.event_id == Event.id)
        .join(Booking, Booking.session_id == EventSession.id)
        .where(Booking.user_id.in_(user_ids), Booking.status == BOOKING_ACTIVE, EventSession.starts_at > utcnow())
        .distinct()
    )
    return sorted(db.session.scalars(query))

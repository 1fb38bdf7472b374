"""Staff answering a client on WhatsApp from the client book: free-form text, allowed only inside the client's
24-hour window with the studio's number (Meta's rule: the person wrote, so they may be answered, consent or not), and
never to a number that sent STOP. The answer is queued for the WhatsApp lane (which checks the window again when it
sends) with the CRM's whatsapp_answered, in one transaction."""

from collections.abc import Mapping

from sqlalchemy import select

from main_app.delivery import outbox_row
from main_app.services import chats, crm

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import CHANNEL_WHATSAPP, ROLE_USER, OutboxMessage, Studio, User, utcnow
from .desk_clients import known_to

# The outbox row of staff's answer: a free-form text through the studio's number, counted in its month as service.
ANSWER = "whatsapp_answer"


def studio_client(studio: Studio, user_id: int) -> User:
    """The account, when it is one of the studio's clients (booked its classes, holds its passes or came in with its
    import); 404 client_not_found otherwise (another studio's client looks like no one)."""
    person = db.session.scalar(select(User).where(User.id == user_id, User.role == ROLE_USER, known_to(studio.id)))
    if person is None:
        raise api_error("client_not_found", user_id=user_id)
    return person


def _connection(studio: Studio, config: Mapping) -> chats.Connection | None:
    try:
        return chats.connection_for(studio.id, config)
    except chats.SecretsLost:
        raise api_error("whatsapp_secrets_lost") from None


def hint(phone: str | None) -> str | None:
    """The number as staff see it: its last four digits alone."""
    return f"•••• {phone[-4:]}" if phone else None


def client_whatsapp(studio: Studio, user_id: int, config: Mapping) -> dict:
    """A client's WhatsApp as the studio's staff see it: consent, STOP, the hint of the number, the window with the
    studio's number and whether an answer may go now."""
    person = studio_client(studio, user_id)
    connection = _connection(studio, config)
    current = chats.current_consent(person.id)
    stopped = chats.stopped(person.phone)
    closes = chats.window_closes_at(person.phone, connection.phone_number_id) if connection and person.phone else None
    window_open = closes is not None and utcnow() < closes
    return {
        "opted_in": bool(current and current.opted_in and current.number == person.phone),
        "stopped": stopped,
        "number_hint": hint(person.phone),
        "window_open": window_open,
        "window_closes_at": closes,
        "can_answer": bool(window_open and not stopped),
    }


def answer_row(to: str, text: str, connection: chats.Connection, studio_id: int, user_id: int) -> dict:
    """The outbox row of staff's answer to a number, through the studio's number."""
    payload = {
        "kind": ANSWER,
        "to": to,
        "text": text,
        "business_number_id": connection.phone_number_id,
        "studio_id": studio_id,
        "user_id": user_id,
    }
    return outbox_row(CHANNEL_WHATSAPP, ANSWER, payload)


def answer_whatsapp(studio: Studio, staff_user: User, user_id: int, text: str, config: Mapping) -> dict:
    """Queue staff's free-form answer to the client and the CRM's whatsapp_answered, in one transaction: 404
    client_not_found, 409 whatsapp_stopped, whatsapp_not_connected or whatsapp_window_closed, before anything is
    queued. {message_id, window_closes_at}."""
    with unit_of_work():
        person = studio_client(studio, user_id)
        if chats.stopped(person.phone):
            raise api_error("whatsapp_stopped")
        connection = _connection(studio, config)
        if connection is None:
            raise api_error("whatsapp_not_connected")
        if not (person.phone and chats.window_open(person.phone, connection.phone_number_id)):
            raise api_error("whatsapp_window_closed")
        row = answer_row(person.phone, text, connection, studio.id, person.id)
        db.session.add(OutboxMessage(**row))
        told = crm.whatsapp_answered_row(person, studio.id, text, staff_user, row["id"], utcnow())
        db.session.add(OutboxMessage(**told))
    return {
        "message_id": row["id"],
        "window_closes_at": chats.window_closes_at(person.phone, connection.phone_number_id),
    }

"""A client's WhatsApp consent at the studio's desk: the words the desk reads out (the opt-in's own, in the client's
language, with their number), the client's opt-in or opt-out recorded as said there (source desk, by the member,
for the studio) and audited in the same transaction, and what the desk sees of the client's WhatsApp. Only the
studio's own clients: anyone else is a 404, as an unknown id is."""

from flask import current_app
from sqlalchemy import select

from main_app.services import chats, studios
from main_app.services.accounts import set_whatsapp
from main_app.services.studios import Staff

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import ROLE_USER, User
from .desk_clients import known_to


def client_of(staff: Staff, user_id: int) -> User:
    """The studio's client with this account id; 404 person_not_found for anyone else (another studio's client)."""
    person = db.session.get(User, user_id)
    known = person is not None and person.role == ROLE_USER
    if not known or db.session.scalar(select(User.id).where(User.id == user_id, known_to(staff.studio.id))) is None:
        raise api_error("person_not_found", user_id=user_id)
    return person


def number_hint(phone: str | None) -> str | None:
    """A number as the desk may see it beside the consent: its last four digits alone."""
    return f"•••• {phone[-4:]}" if phone else None


def _window(studio_id: int, phone: str | None):
    """(open, closes_at) of the client's 24-hour window with the number the studio's messages go through."""
    try:
        connection = chats.connection_for(studio_id, current_app.config)
    except chats.SecretsLost:
        connection = None
    if connection is None or not phone:
        return False, None
    return chats.window_open(phone, connection.phone_number_id), chats.window_closes_at(
        phone, connection.phone_number_id
    )


def client_whatsapp(staff: Staff, person: User) -> dict:
    """The client's WhatsApp as the desk sees it: opted in for their number, stopped, the number's hint, the window
    with the studio's number and whether a free-form answer may go now."""
    current = chats.current_consent(person.id)
    stopped = chats.stopped(person.phone)
    window_open, closes_at = _window(staff.studio.id, person.phone)
    opted_in = bool(current and current.opted_in and current.number == person.phone)
    return {
        "opted_in": opted_in,
        "stopped": stopped,
        "number_hint": number_hint(person.phone),
        "window_open": window_open,
        "window_closes_at": closes_at,
        "can_answer": window_open and not stopped,
    }


def desk_words(staff: Staff, user_id: int) -> dict:
    """What the desk reads out before recording an opt-in: the opt-in's words for the client's number in their
    language (their own, else the studio's), None without a number; with client_whatsapp's fields."""
    person = client_of(staff, user_id)
    language = person.language or staff.studio.default_language
    wording = chats.consent_wording(person.phone, language) if person.phone else None
    return {**client_whatsapp(staff, person), "wording": wording, "wording_language": language if wording else None}


def record_desk_consent(staff: Staff, user_id: int, opted_in: bool, wording: str | None) -> dict:
    """Record the studio's client's WhatsApp opt-in (with the words read to them: 400 when not the opt-in's, 409
    no_phone without a number) or opt-out, said at the desk, by the member, audited when it changed anything: the
    client's WhatsApp as client_whatsapp gives it."""
    with unit_of_work():
        person = client_of(staff, user_id)
        recorded = {"studio_id": staff.studio.id, "recorded_by": staff.user.id}
        if set_whatsapp(person, opted_in, source="desk", wording=wording, **recorded):
            change = ({"opted_in": not opted_in}, {"opted_in": opted_in, "number": number_hint(person.phone)})
            studios.record(staff.studio.id, staff.actor(), "client.whatsapp_consent", ("user", user_id), *change)
    return client_whatsapp(staff, db.session.get(User, user_id))

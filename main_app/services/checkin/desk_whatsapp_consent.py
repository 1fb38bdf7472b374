"""A client's WhatsApp consent at the studio's desk: the words the desk reads out (the opt-in's own, in the client's
language, with their number), and the client's opt-in or opt-out recorded as said there (source desk, by the member,
for the studio) and audited in the same transaction. Only the studio's own clients: anyone else is a 404, as an
unknown id is."""

from flask import current_app

from main_app.services import chats, studios
from main_app.services.accounts import set_whatsapp
from main_app.services.studios import Staff

from ...database import unit_of_work
from .desk_whatsapp import client_whatsapp, hint, studio_client


def desk_words(staff: Staff, user_id: int) -> dict:
    """What the desk reads out before recording an opt-in: the opt-in's words for the client's number in their
    language (their own, else the studio's), None without a number; with client_whatsapp's fields."""
    person = studio_client(staff.studio, user_id)
    language = person.language or staff.studio.default_language
    wording = chats.consent_wording(person.phone, language) if person.phone else None
    seen = client_whatsapp(staff.studio, user_id, current_app.config)
    return {**seen, "wording": wording, "wording_language": language if wording else None}


def record_desk_consent(staff: Staff, user_id: int, opted_in: bool, wording: str | None) -> dict:
    """Record the studio's client's WhatsApp opt-in (with the words read to them: 400 when not the opt-in's, 409
    no_phone without a number) or opt-out, said at the desk, by the member, audited when it changed anything: the
    client's WhatsApp as client_whatsapp gives it."""
    with unit_of_work():
        person = studio_client(staff.studio, user_id)
        recorded = {"studio_id": staff.studio.id, "recorded_by": staff.user.id}
        if set_whatsapp(person, opted_in, source="desk", wording=wording, **recorded):
            change = ({"opted_in": not opted_in}, {"opted_in": opted_in, "number": hint(person.phone)})
            studios.record(staff.studio.id, staff.actor(), "client.whatsapp_consent", ("user", user_id), *change)
    return client_whatsapp(staff.studio, user_id, current_app.config)

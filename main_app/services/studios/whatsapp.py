"""A studio's owner connects its own WhatsApp Business number (its secrets sealed by services/chats, never shown
again), or disconnects it so its messages go through the install's number; each change audited by the number and
the hint of its token alone."""

from collections.abc import Mapping

from flask import current_app

from main_app.services import chats

from ...database import unit_of_work
from ...error_codes import api_error
from ...models import Studio
from .audit import Actor, record
from .studios import locked_studio

CHANGED = "studio.whatsapp_changed"


def _taken(_exc) -> Exception:
    return api_error("whatsapp_number_taken")  # another studio connected the number first (the unique index said so)


def connect_whatsapp(studio_id: int, actor: Actor, fields: Mapping[str, str]) -> Studio:
    """Connect (or replace) the studio's own number: 400 naming a field of the wrong shape, 409
    whatsapp_number_taken when the number is the install's or another studio's."""
    config = current_app.config
    values = chats.checked_connection(fields, config)
    with unit_of_work(on_integrity_error=_taken, keep_loaded=True):
        studio = locked_studio(studio_id)
        before, after = chats.set_connection(studio.id, values, config)
        record(studio.id, actor, CHANGED, ("studio", studio.id), before, after)
    return studio


def disconnect_whatsapp(studio_id: int, actor: Actor) -> Studio:
    """Take the studio's own number away: its messages go through the install's number (if it has one) again."""
    with unit_of_work(keep_loaded=True):
        studio = locked_studio(studio_id)
        before = chats.clear_connection(studio.id)
        if before is not None:
            record(studio.id, actor, CHANGED, ("studio", studio.id), before, chats.audited_connection(None))
    return studio


def whatsapp_document(studio: Studio) -> dict:
    """The studio's WhatsApp settings as its owner sees them (never a secret)."""
    return chats.connection_document(studio, current_app.config)

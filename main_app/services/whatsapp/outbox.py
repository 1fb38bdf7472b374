"""WhatsApp messages to the people who book, written to the outbox (channel "whatsapp") in the caller's transaction,
never committed here: one per word a template carries, to a person who consented for their proved, unstopped number
(chats.wanting_whatsapp, one query for all of a publish's people); the WhatsApp lane checks again when it sends."""

from collections.abc import Iterable, Mapping

from main_app.delivery import outbox_row
from main_app.services.chats import wanting_whatsapp

from ...models import CHANNEL_EMAIL, CHANNEL_SMS, CHANNEL_WHATSAPP
from .templates import is_marketing, template_for


def carried(kind: str, snapshot: dict) -> bool:
    """True when a WhatsApp template carries this news: a kind with a template; a cancellation only when the organiser
    cancelled (the person knows: they cancelled); never a marketing template, whose consent (the CRM's, per studio)
    no word of news carries: marketing.sending checks it for the emails it writes itself."""
    name = template_for(kind, snapshot)
    if name is None or is_marketing(name):
        return False
    return not (kind == "booking_cancelled" and snapshot.get("by") != "facilitator")


def whatsapp_row(
    kind: str, user, snapshot: dict, *, booking_id: int | None = None, send_at=None, also_by: Iterable[str] = ()
) -> dict:
    """The outbox row of one WhatsApp message about snapshot to user's number (the email snapshot's "to" replaced);
    also_by: the other channels that carry the same word (a failed message falls back to none of them)."""
    to = {"user_id": user.id, "name": user.name, "phone": user.phone}
    return outbox_row(
        CHANNEL_WHATSAPP,
        kind,
        {"kind": kind, "snapshot": {**snapshot, "to": to}, "also_by": sorted(also_by)},
        booking_id=booking_id,
        send_at=send_at,
    )


def whatsapp_rows(words: Iterable, also_by: Mapping[str, Iterable[str]] | None = None) -> list[dict]:
    """The rows of the words (each with kind, person, snapshot, booking_id, send_at) WhatsApp carries to a person
    with WhatsApp on; no query when none of their people has a proved number. also_by: word id → the other channels
    carrying it."""
    also_by = also_by or {}
    words = [w for w in words if w.person is not None and carried(w.kind, w.snapshot)]
    people = {w.person.id: w.person for w in words if getattr(w.person, "phone_verified_at", None)}
    wanting = wanting_whatsapp(people.values()) if people else set()
    return [
        whatsapp_row(
            w.kind, w.person, w.snapshot, booking_id=w.booking_id, send_at=w.send_at, also_by=also_by.get(w.id, ())
        )
        for w in words
        if w.person.id in wanting
    ]


def marketing_rows(kind: str, messages: list[tuple]) -> list[dict]:
    """The rows of a studio's marketing words ((person, snapshot) each: an automation's, whose caller checked the
    person's marketing consent in the studio's book) in kind's marketing template, to people with WhatsApp on; none
    falls back to another channel."""
    name = template_for(kind, {})
    if name is None or not is_marketing(name):
        return []
    people = {person.id: person for person, _snapshot in messages if getattr(person, "phone_verified_at", None)}
    wanting = wanting_whatsapp(people.values()) if people else set()
    return [
        whatsapp_row(kind, person, snapshot, also_by=(CHANNEL_EMAIL, CHANNEL_SMS))
        for person, snapshot in messages
        if person.id in wanting
    ]

"""The WhatsApp channel's client for the dispatcher: checks that the person still wants WhatsApp at that number
(consent, proof, no STOP) and that a booking's confirmation or reminder still holds, composes the template message in
the person's language as it is at send time, and hands it to Meta through the studio's number (its own, else the
install's), with a few quick retries on transient failures; a free-form text (a STOP's confirmation, staff's answer)
goes through the number it answers, only while the person's 24-hour window with it is open (checked again here:
outside it the message dies without reaching Meta)."""

import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import select

from main_app.delivery import AttemptResult, Claimed, TransportLane, describe, quick_retrying
from main_app.services.chats import (
    SecretsLost,
    connection_for,
    connection_of_number,
    stopped,
    wanting_whatsapp,
    whatsapp_number,
    window_open,
)
from main_app.services.languages import with_languages

from ...extensions import db
from ...models import BOOKING_ACTIVE, Booking, DeliveryAttempt, User, utcnow
from .compose import template_message
from .errors import UNDELIVERABLE, WhatsAppError, meta_code
from .transport import GraphTransport
from .usage import count

ACCEPTED = 202  # what the attempt log shows for a hand-over that worked
REMINDERS = frozenset({"reminder_24h", "reminder_2h"})
# The kinds that say a booking holds: one whose booking was cancelled (or ended) before it went is not sent.
WHILE_BOOKED = REMINDERS | {"booking_confirmed", "booking_reactivated"}
REPLY = "whatsapp_reply"  # a free-form text back to a number that just wrote (the webhook queues it: a STOP's answer)
ANSWER = "whatsapp_answer"  # staff's free-form answer to a client (accounts.answer_whatsapp queues it)
FREE_FORM = frozenset({REPLY, ANSWER})
WINDOW_CLOSED = "not sent: the person's 24-hour WhatsApp window has closed (free-form text goes only inside it)"
WHATSAPP_OFF = "WhatsApp is off for this number"  # consent withdrawn, number changed or STOP since it was queued
NO_CONNECTION = "no WhatsApp number for this studio: neither its own nor the install's (WHATSAPP_PHONE_NUMBER_ID)"


class WhatsAppDelivery(TransportLane):
    """Sends the template message of one outbox message to the number it was written for, if its person still wants
    WhatsApp there, through the number of the studio the news is about."""

    def __init__(self, transport, config: Mapping, *, web_url: str, quick_retries: int = 2, fallback=None):
        self.transport = transport
        # news.fall_back, given by the composition root: a message Meta says cannot reach its number goes another way
        self.fallback: Callable[[str, dict, int | None, str], str] | None = fallback
        self.config = config  # connection_for opens a studio's sealed secrets with it
        self.web_url = web_url
        self.quick_retries = max(1, int(quick_retries))
        self._routes: dict[str, object] = {}  # outbox id → its Connection, or why it has none (prepare's)

    @classmethod
    def from_config(cls, config: Mapping, fallback=None) -> "WhatsAppDelivery":
        """The client an app's config (WHATSAPP_*) describes."""
        transport = GraphTransport(config["WHATSAPP_API_BASE"], timeout=config["WHATSAPP_TIMEOUT"])
        retries = config["WHATSAPP_QUICK_RETRIES"]
        return cls(transport, config, web_url=config["PUBLIC_WEB_URL"], quick_retries=retries, fallback=fallback)

    def prepare(self, batch: list[Claimed]) -> list[Claimed]:
        """The claimed messages with the language each person reads, those no longer wanted marked unsent, and the
        connection of each message's studio found; reads only, before any is handed over."""
        unsent = _unwanted(batch)
        closed = {m.id: _closed(m.payload) for m in batch if m.id not in unsent and _free_form(m.payload)}
        batch = [replace(m, payload={**m.payload, "closed": closed[m.id]}) if m.id in closed else m for m in batch]
        self._routes.update(self._connections([m for m in batch if m.id not in unsent]))
        batch = with_languages(batch)  # each composed in its person's language as it is now
        return [
            replace(message, payload={**message.payload, "unsent": unsent[message.id]})
            if message.id in unsent
            else message
            for message in batch
        ]

    def _connections(self, batch: list[Claimed]) -> dict[str, object]:
        """Each message's connection (one look-up per number or studio), or the text of why it has none."""
        found: dict[tuple, object] = {}
        routes = {}
        for message in batch:
            payload = message.payload if isinstance(message.payload, dict) else {}
            key = _route_key(payload)
            if key not in found:
                found[key] = self._route(payload)
            routes[message.id] = found[key]
        return routes

    def _route(self, payload: dict):
        """The connection a message goes through: for a reply, the number it answers; else its studio's (its own,
        else the install's); or the text of why there is none."""
        try:
            if payload.get("kind") in FREE_FORM:
                connection = connection_of_number(str(payload.get("business_number_id")), self.config)
            else:
                connection = connection_for(_studio_id_of(_snapshot_of(payload)), self.config)
        except SecretsLost as exc:
            return str(exc)
        return connection or NO_CONNECTION

    def deliver(self, payload: dict, outbox_id: str, on_attempt: Callable[[AttemptResult], None] | None = None) -> str:
        """Compose and send the message; WhatsAppError when it was not accepted. on_attempt hears of every try."""
        on_attempt = on_attempt or (lambda _result: None)
        kind, now = payload["kind"], datetime.now(UTC)
        if payload.get("unsent"):
            on_attempt(AttemptResult(None, 0.0, None, f"not sent: {payload['unsent']}", now))
            return "skipped"
        if kind in REMINDERS and datetime.fromisoformat(payload["snapshot"]["session"]["starts_at"]) <= now:
            on_attempt(AttemptResult(None, 0.0, None, "not sent: the session has already started", now))
            return "skipped"
        try:
            to, content = self._content(payload)
        except Exception as exc:  # a payload we cannot use: this one dies, the lane goes on
            self._fail(on_attempt, f"could not compose {kind}: {describe(exc)}", now)
        # Found by prepare; else (a direct call, not in a round) now.
        connection = self._routes.pop(outbox_id, None) or self._route(payload)
        if isinstance(connection, str):
            self._fail(on_attempt, connection, now, configuration=True)
        shut = payload["closed"] if "closed" in payload else _free_form(payload) and _closed(payload)
        if shut:  # Meta would refuse it (131047): it dies here, never reaching the provider
            self._fail(on_attempt, shut, now)
        return quick_retrying(self.quick_retries, WhatsAppError)(
            self._send_once, connection, to, content, outbox_id, on_attempt
        )

    def after_deliveries(self, delivered: list[tuple[Claimed, object]]) -> None:
        """Count each message Meta took in its studio's month, in the commit that records it (one not sent is
        not); news held back because the person's WhatsApp went off after it was queued goes another way, once."""
        sent = [message.payload for message, result in delivered if result != "skipped"]
        count([payload for payload in sent if isinstance(payload, dict)], utcnow(), "sent")
        for message, result in delivered:
            payload = message.payload if isinstance(message.payload, dict) else {}
            # Reminders are written again for the channels left by the change that turned WhatsApp off.
            if result == "skipped" and payload.get("unsent") == WHATSAPP_OFF and message.type not in REMINDERS:
                self._fall_back(message, "WhatsApp was turned off for this number before it went")

    def after_dead(self, message: Claimed, error: str) -> None:
        """A message Meta refused as one its number cannot get falls back (once) to a text or email, in the commit
        that records it dead; the attempt log says where it went, or why nowhere."""
        code = meta_code(error)
        if code in UNDELIVERABLE and isinstance(message.payload, dict):
            self._fall_back(message, f"Meta refused it (error {code})")

    def _fall_back(self, message: Claimed, why: str) -> None:
        """Queue the news by text or email instead (news.fall_back: once), its outcome added to the attempt log."""
        if self.fallback is None:
            return
        outcome = self.fallback(message.id, message.payload, _booking_id(message), why)
        db.session.add(
            DeliveryAttempt(
                message_id=message.id, worker_id="whatsapp-fallback", status_code=None, latency_ms=0.0,
                error=None, response_excerpt=f"{why}; {outcome}"[:500],
            )
        )  # fmt: skip

    def _content(self, payload: dict) -> tuple[str, dict]:
        """The number a message goes to and what it says: a reply's own text (the person just wrote: their window
        is open), else the template of its news in the person's language."""
        if payload["kind"] in FREE_FORM:
            return str(payload["to"]), {"type": "text", "text": {"body": str(payload["text"])}}
        snapshot = payload["snapshot"]
        template = template_message(payload["kind"], snapshot, payload.get("language"), web_url=self.web_url)
        return snapshot["to"]["phone"], {"type": "template", "template": template}

    @staticmethod
    def _fail(on_attempt, text: str, now: datetime, *, configuration: bool = False):
        """Record and raise a permanent failure of this message alone."""
        error = WhatsAppError(text[:300], transient=False, configuration=configuration)
        on_attempt(AttemptResult(None, 0.0, str(error), None, now))
        raise error from None

    def _send_once(self, connection, to: str, content: dict, outbox_id: str, on_attempt) -> str:
        sent_at, started = datetime.now(UTC), time.perf_counter()
        try:
            reply = self.transport.send(connection, to, content, outbox_id=outbox_id)
        except WhatsAppError as exc:
            on_attempt(AttemptResult(exc.code, _elapsed_ms(started), str(exc), None, sent_at))
            raise
        on_attempt(AttemptResult(ACCEPTED, _elapsed_ms(started), None, reply[:500], sent_at))
        return reply


def _unwanted(batch: list[Claimed]) -> dict[str, str]:
    """Why each message no longer goes: its person's WhatsApp is off (consent withdrawn, number changed or stopped)
    or its booking is no longer active; a payload of another shape is left alone (composing it fails)."""
    readable = {m.id: (m, _addressee(m)) for m in batch}
    readable = {mid: found for mid, found in readable.items() if found[1] is not None}
    user_ids = {to["user_id"] for _message, to in readable.values()}
    people = {
        row.id: row
        for row in db.session.execute(
            select(User.id, User.phone, User.phone_verified_at).where(User.id.in_(user_ids))
        )
    } if user_ids else {}  # fmt: skip
    wanting = wanting_whatsapp(people.values())
    booking_ids = {_booking_id(message) for message, _to in readable.values()} - {None}
    query = select(Booking.id).where(Booking.id.in_(booking_ids), Booking.status == BOOKING_ACTIVE)
    active = set(db.session.scalars(query)) if booking_ids else set()
    unsent = {}
    for message_id, (message, to) in readable.items():
        person = people.get(to["user_id"])
        if person is None or person.phone != to.get("phone") or person.id not in wanting:
            unsent[message_id] = WHATSAPP_OFF
        elif message.type in WHILE_BOOKED and _booking_id(message) not in active:
            unsent[message_id] = "the booking is no longer active"
    return unsent


def _free_form(payload) -> bool:
    return isinstance(payload, dict) and payload.get("kind") in FREE_FORM


def _closed(payload: dict) -> str | None:
    """Why a free-form text may not go now (its window with the number it answers is closed; staff's answer to a
    number that has since sent STOP), None when it may."""
    to, number = whatsapp_number(str(payload.get("to"))), str(payload.get("business_number_id"))
    if to is None or not window_open(to, number):
        return WINDOW_CLOSED
    if payload.get("kind") == ANSWER and stopped(to):
        return "not sent: the number sent STOP"
    return None


def _snapshot_of(payload: dict) -> dict:
    snapshot = payload.get("snapshot")
    return snapshot if isinstance(snapshot, dict) else {}


def _snapshot(message: Claimed) -> dict:
    return _snapshot_of(message.payload if isinstance(message.payload, dict) else {})


def _route_key(payload: dict) -> tuple:
    """What decides a message's connection: the number a reply answers, else the studio of its news."""
    if payload.get("kind") in FREE_FORM:
        return ("number", str(payload.get("business_number_id")))
    return ("studio", _studio_id_of(_snapshot_of(payload)))


def _addressee(message: Claimed) -> dict | None:
    """The snapshot's "to" ({user_id, name, phone}), None when it has not that shape."""
    to = _snapshot(message).get("to")
    return to if isinstance(to, dict) and isinstance(to.get("user_id"), int) else None


def _studio_id_of(snapshot: dict) -> int | None:
    """The studio the news is about (its snapshot's studio); None: a message queued before studios (the install's)."""
    studio = snapshot.get("studio")
    found = studio.get("id") if isinstance(studio, dict) else None
    return found if isinstance(found, int) else None


def _booking_id(message: Claimed) -> int | None:
    booking = _snapshot(message).get("booking")
    booking_id = booking.get("id") if isinstance(booking, dict) else None
    return booking_id if isinstance(booking_id, int) else None


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)

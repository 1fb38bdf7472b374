"""The SMS channel's client for the dispatcher: checks that the person still wants texts at that number (proved, on,
not opted out), composes the text an outbox message describes and hands it to the transport, with a few quick retries
on transient failures."""

import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import select

from main_app.delivery import AttemptResult, Claimed, TransportLane, describe, quick_retrying
from main_app.services.languages import speaking, with_languages

from ...extensions import db
from ...models import BOOKING_ACTIVE, Booking, PhoneVerification, SmsNumber, User
from .codes import code_text
from .compose import compose
from .errors import TextError
from .outbox import PHONE_CODE
from .transport import make_text_transport

ACCEPTED = 202  # what the attempt log shows for a hand-over that worked
REMINDER = "reminder_2h"
# The kinds that say a booking holds: a text of one whose booking was cancelled (or ended) before it went is not sent.
WHILE_BOOKED = frozenset({REMINDER, "booking_confirmed"})


class TextDelivery(TransportLane):
    """Sends the text of one outbox message to the number it was written for, if its person still has texts on;
    transport is the development folder or Twilio (transport.make_text_transport)."""

    def __init__(self, transport, *, web_url: str, secret: str, quick_retries: int = 2):
        self.transport = transport
        self.secret = secret  # derives the one-time codes (codes.py)
        self.web_url = web_url
        self.quick_retries = max(1, int(quick_retries))

    @classmethod
    def from_config(cls, config: Mapping) -> "TextDelivery":
        """The client an app's config (SMS_*) describes."""
        transport = make_text_transport(config)
        return cls(
            transport,
            web_url=config["PUBLIC_WEB_URL"],
            secret=config["SECRET_KEY"],
            quick_retries=config["SMS_QUICK_RETRIES"],
        )

    def prepare(self, batch: list[Claimed]) -> list[Claimed]:
        """The claimed texts with the language each person reads, those whose person turned texts off or changed the
        number (STOP included) and the reminders and confirmations of bookings no longer active marked unsent; reads
        only, before any is handed over."""
        unsent = self._unwanted(batch)
        batch = with_languages(batch)  # each composed in its person's language as it is now
        return [
            replace(message, payload={**message.payload, "unsent": unsent[message.id]})
            if message.id in unsent
            else message
            for message in batch
        ]

    @staticmethod
    def _unwanted(batch: list[Claimed]) -> dict[str, str]:
        # A payload of another shape is left alone here: composing it fails, and it alone goes dead.
        readable = {m.id: (m, _addressee(m), _booking_id(m)) for m in batch}
        readable = {mid: found for mid, found in readable.items() if found[1] is not None}
        people, stopped, active, codes = _facts(list(readable.values()))
        unsent = {}
        for message_id, (message, to, booking_id) in readable.items():
            person = people.get(to["user_id"])
            if person is None or person.phone != to.get("phone") or person.phone in stopped:
                unsent[message_id] = "texts are off for this number"
            elif message.type == PHONE_CODE:
                if _verification_id(message) not in codes:
                    unsent[message_id] = "the code was used or has ended"
            elif not person.sms_enabled or person.phone_verified_at is None:
                unsent[message_id] = "texts are off for this number"
            elif message.type in WHILE_BOOKED and booking_id not in active:
                unsent[message_id] = "the booking is no longer active"
        return unsent

    def deliver(self, payload: dict, outbox_id: str, on_attempt: Callable[[AttemptResult], None] | None = None) -> str:
        """Compose and send the text; TextError when it was not accepted. on_attempt hears of every try."""
        on_attempt = on_attempt or (lambda _result: None)
        kind, snapshot = payload["kind"], payload["snapshot"]
        now = datetime.now(UTC)
        if payload.get("unsent"):
            on_attempt(AttemptResult(None, 0.0, None, f"not sent: {payload['unsent']}", now))
            return "skipped"
        if kind == REMINDER and datetime.fromisoformat(snapshot["session"]["starts_at"]) <= now:
            on_attempt(AttemptResult(None, 0.0, None, "not sent: the session has already started", now))
            return "skipped"
        try:
            with speaking(payload.get("language")):
                body = self._body(kind, snapshot)
        except Exception as exc:  # a snapshot we cannot use: this one dies, the lane goes on
            error = TextError(f"could not compose {kind}: {describe(exc)}"[:300], transient=False)
            on_attempt(AttemptResult(None, 0.0, str(error), None, now))
            raise error from None
        return quick_retrying(self.quick_retries, TextError)(
            self._send_once, snapshot["to"]["phone"], body, outbox_id, on_attempt
        )

    def _body(self, kind: str, snapshot: dict) -> str:
        if kind == PHONE_CODE:
            return code_text(self.secret, snapshot["verification"])
        return compose(kind, snapshot, self.web_url)

    def _send_once(self, to: str, body: str, outbox_id: str, on_attempt) -> str:
        sent_at, started = datetime.now(UTC), time.perf_counter()
        try:
            reply = self.transport.send(to, body, outbox_id=outbox_id, sent_at=sent_at.isoformat())
        except TextError as exc:
            on_attempt(AttemptResult(exc.code, _elapsed_ms(started), str(exc), None, sent_at))
            raise
        on_attempt(AttemptResult(ACCEPTED, _elapsed_ms(started), None, reply[:500], sent_at))
        return reply


def _snapshot(message: Claimed) -> dict:
    payload = message.payload if isinstance(message.payload, dict) else {}
    snapshot = payload.get("snapshot")
    return snapshot if isinstance(snapshot, dict) else {}


def _addressee(message: Claimed) -> dict | None:
    """The snapshot's "to" ({user_id, name, phone}), None when it has not that shape."""
    to = _snapshot(message).get("to")
    return to if isinstance(to, dict) and isinstance(to.get("user_id"), int) else None


def _facts(readable: list[tuple]) -> tuple[dict, set, set, set]:
    """What deciding the batch needs, read at once: its people (number, choice, proof), which of their numbers replied
    STOP, which of its bookings are active, which of its codes can still be used."""
    user_ids = {to["user_id"] for _message, to, _booking in readable}
    people = {
        row.id: row
        for row in db.session.execute(
            select(User.id, User.phone, User.sms_enabled, User.phone_verified_at).where(User.id.in_(user_ids))
        )
    }
    phones = {person.phone for person in people.values() if person.phone}
    stopped = set(
        db.session.scalars(
            select(SmsNumber.number).where(SmsNumber.number.in_(phones), SmsNumber.opted_out_at.is_not(None))
        )
    )
    booking_ids = {booking for _message, _to, booking in readable if booking is not None}
    active = set(
        db.session.scalars(select(Booking.id).where(Booking.id.in_(booking_ids), Booking.status == BOOKING_ACTIVE))
    )
    codes = _open_codes([message for message, _to, _booking in readable if message.type == PHONE_CODE])
    return people, stopped, active, codes


def _verification_id(message: Claimed) -> int | None:
    verification = _snapshot(message).get("verification")
    found = verification.get("id") if isinstance(verification, dict) else None
    return found if isinstance(found, int) else None


def _open_codes(messages: list[Claimed]) -> set[int]:
    """The ids of the verifications among messages' that can still be used (not used, not ended)."""
    ids = {_verification_id(message) for message in messages} - {None}
    if not ids:
        return set()
    return set(
        db.session.scalars(
            select(PhoneVerification.id).where(
                PhoneVerification.id.in_(ids),
                PhoneVerification.used_at.is_(None),
                PhoneVerification.expires_at > datetime.now(UTC),
            )
        )
    )


def _booking_id(message: Claimed) -> int | None:
    booking = _snapshot(message).get("booking")
    booking_id = booking.get("id") if isinstance(booking, dict) else None
    return booking_id if isinstance(booking_id, int) else None


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)

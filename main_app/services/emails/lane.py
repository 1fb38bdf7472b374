"""The email channel's client for the dispatcher: composes the email an outbox message describes and hands it to
the transport (SMTP, or the development folder), with a few quick retries on transient failures."""

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from main_app.delivery import AttemptResult, Claimed, TransportLane, describe, quick_retrying
from main_app.services.languages import speaking, with_languages

from ...extensions import db
from ...models import BOOKING_ACTIVE, Booking
from .compose import REMINDER_KINDS, compose
from .transport import FolderTransport, MailError, SmtpTransport, make_transport

log = logging.getLogger(__name__)
ACCEPTED = 250  # what the attempt log shows for a hand-over that worked (SMTP's "OK")
NO_ONE = "no account has this email"  # an email whose completion found nobody to send it to


class EmailDelivery(TransportLane):
    """Sends the email of one outbox message; the Message-ID comes from the message's id, so a retry after a lost
    reply is the same email again."""

    def __init__(
        self,
        transport: SmtpTransport | FolderTransport,
        *,
        sender: str,
        web_url: str,
        quick_retries: int = 2,
        completers: Mapping[str, Callable[[dict], dict | str | None]] | None = None,
    ):
        self.transport = transport
        self.sender = sender
        self.web_url = web_url
        self.quick_retries = max(1, int(quick_retries))
        # Kinds whose snapshot is completed from the database when sent (None: nobody to send it to; a string: why
        # it is not sent).
        self.completers = dict(completers or {})

    @classmethod
    def from_config(cls, config: Mapping, completers: Mapping | None = None) -> "EmailDelivery":
        """The client an app's config (MAIL_*) describes."""
        transport = make_transport(config["MAIL_URL"], Path(config["MAIL_FOLDER"]), config["MAIL_TIMEOUT"])
        return cls(
            transport,
            sender=config["MAIL_FROM"],
            web_url=config["PUBLIC_WEB_URL"],
            quick_retries=config["MAIL_QUICK_RETRIES"],
            completers=completers,
        )

    def prepare(self, batch: list[Claimed]) -> list[Claimed]:
        """The claimed emails with the snapshots completed that are completed only when sent (a password reset finds
        its account), the language each person reads, and the reminders of bookings no longer active marked unsent;
        on the dispatcher's thread, which may read the database, before any is handed over."""
        gone = self._without_booking(batch)
        batch = with_languages(batch)  # each composed in its person's language as it is now
        return [
            replace(message, payload={**message.payload, "unsent": gone[message.id]})
            if message.id in gone
            else self._completed(message)
            for message in batch
        ]

    def _completed(self, message: Claimed) -> Claimed:
        if not isinstance(message.payload, dict):  # unreadable: composing it fails, and it alone is dead
            return message
        complete = self.completers.get(message.payload.get("kind"))
        if complete is None:
            return message
        try:
            snapshot = complete(message.payload["snapshot"])
        except (KeyError, TypeError, ValueError):  # a snapshot it cannot use: left as it is, composing it then fails
            return message
        found = {"snapshot": snapshot} if isinstance(snapshot, dict) else {"unsent": snapshot or NO_ONE}
        return replace(message, payload={**message.payload, **found})

    @staticmethod
    def _without_booking(batch: list[Claimed]) -> dict[str, str]:
        """The claimed reminders whose booking no longer holds its seat (cancelled while the reminder was out, so
        the cancellation could not take it back), with why they are not sent."""
        booking_of = {}
        for message in batch:
            snapshot = message.payload.get("snapshot") if isinstance(message.payload, dict) else None
            booking = snapshot.get("booking") if isinstance(snapshot, dict) else None
            if message.type in REMINDER_KINDS and isinstance(booking, dict) and isinstance(booking.get("id"), int):
                booking_of[message.id] = booking["id"]
        if not booking_of:
            return {}
        active = set(
            db.session.scalars(
                select(Booking.id).where(Booking.id.in_(set(booking_of.values())), Booking.status == BOOKING_ACTIVE)
            )
        )
        return {mid: "the booking is no longer active" for mid, bid in booking_of.items() if bid not in active}

    def deliver(self, payload: dict, outbox_id: str, on_attempt: Callable[[AttemptResult], None] | None = None) -> str:
        """Compose and send the email; MailError when it was not accepted. on_attempt hears of every try."""
        on_attempt = on_attempt or (lambda _result: None)
        kind, snapshot = payload["kind"], payload["snapshot"]
        now = datetime.now(UTC)
        if payload.get("unsent"):
            on_attempt(AttemptResult(None, 0.0, None, f"not sent: {payload['unsent']}", now))
            return "skipped"
        if kind in REMINDER_KINDS and datetime.fromisoformat(snapshot["session"]["starts_at"]) <= now:
            # Sent late (the dispatcher was stopped): a reminder after the start helps no one.
            on_attempt(AttemptResult(None, 0.0, None, "not sent: the session has already started", now))
            return "skipped"
        try:
            with speaking(payload.get("language")):
                message = compose(
                    kind, snapshot, outbox_id=outbox_id, sender=self.sender, web_url=self.web_url, stamp=now
                )
        except Exception as exc:  # any snapshot or template we cannot use (dates at the calendar's edge): this one dies
            error = MailError(f"could not compose {kind}: {describe(exc)}"[:300], transient=False)
            on_attempt(AttemptResult(None, 0.0, str(error), None, now))
            raise error from None
        return quick_retrying(self.quick_retries, MailError)(self._send_once, message, on_attempt)

    def _send_once(self, message, on_attempt) -> str:
        sent_at, started = datetime.now(UTC), time.perf_counter()
        try:
            reply = self.transport.send(message)
        except MailError as exc:
            on_attempt(AttemptResult(exc.code, _elapsed_ms(started), str(exc), None, sent_at))
            raise
        on_attempt(AttemptResult(ACCEPTED, _elapsed_ms(started), None, reply[:500], sent_at))
        return reply


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)

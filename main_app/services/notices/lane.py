"""The app channel's client for the dispatcher: composes the notice an outbox message describes and, in the commit
that marks the message delivered, writes it to its person's notification centre (once, whatever the retries)."""

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from main_app.delivery import AttemptResult, Claimed, DeliveryError, Lane, describe
from main_app.services.languages import speaking, with_languages

from ...extensions import db
from ...models import BOOKING_ACTIVE, Booking, Notification
from .compose import compose

WRITTEN = 201  # what the attempt log shows for a notice written
REMINDERS = frozenset({"reminder_24h", "reminder_2h"})
INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


class NoticeError(DeliveryError):
    """A notice that cannot be written (a payload of another shape): dead at once, the lane goes on."""

    transient = False


class NoticeDelivery(Lane):
    """Writes notices to this database's notification centre; nothing to reach, so nothing to retry but our own."""

    base_url = "in-app notification centre (this database)"
    # Nothing leaves the database, so nothing is lost by recording many at once: a round's notices go in chunks,
    # each recorded (and written) in one commit, not one commit per notice.
    batch_size = 100

    @classmethod
    def from_config(cls, _config) -> "NoticeDelivery":
        return cls()

    def connection(self) -> dict:
        return {"transport": self.base_url, "reachable": True}

    def test_connection(self) -> bool:
        return True

    def close(self) -> None:
        """Nothing pooled."""

    def prepare(self, batch: list[Claimed]) -> list[Claimed]:
        """The language each person reads, and the reminders of bookings no longer active marked unsent (they are
        dropped when that happens; this covers a reminder claimed in the same moment)."""
        bookings = {m.id: _booking_id(m) for m in batch if m.type in REMINDERS}
        wanted = {booking for booking in bookings.values() if booking is not None}
        active = set(
            db.session.scalars(select(Booking.id).where(Booking.id.in_(wanted), Booking.status == BOOKING_ACTIVE))
        )
        batch = with_languages(batch, _person)  # each written in its person's language as it is now
        return [
            Claimed(m.id, m.type, {**m.payload, "unsent": "the booking is no longer active"}, m.attempts)
            if m.id in bookings and bookings[m.id] not in active
            else m
            for m in batch
        ]

    def deliver(self, payload: dict, outbox_id: str, on_attempt: Callable[[AttemptResult], None] | None = None):
        """The notice to write (after_delivery writes it), or None when there is none to write."""
        on_attempt = on_attempt or (lambda _result: None)
        now = datetime.now(UTC)
        if payload.get("unsent"):
            on_attempt(AttemptResult(None, 0.0, None, f"not written: {payload['unsent']}", now))
            return None
        try:
            with speaking(payload.get("language")):
                notice = {**compose(payload["kind"], payload["snapshot"]), "user_id": int(payload["user_id"])}
        except Exception as exc:  # a payload we cannot use: this one dies, the lane goes on
            error = NoticeError(f"could not compose {payload.get('kind')}: {describe(exc)}"[:300])
            on_attempt(AttemptResult(None, 0.0, str(error), None, now))
            raise error from None
        on_attempt(AttemptResult(WRITTEN, 0.0, None, notice["title"][:500], now))
        return {**notice, "message_id": outbox_id}

    def after_delivery(self, message: Claimed, result) -> None:
        """In the dispatcher's unit of work: the notice, unless this message wrote it already."""
        self.after_deliveries([(message, result)])

    def after_deliveries(self, delivered: list[tuple[Claimed, object]]) -> None:
        """The notices of one commit's deliveries in one INSERT, each unless its message wrote it already."""
        notices = [result for _message, result in delivered if result is not None]
        if notices:
            insert = INSERTS[db.session.get_bind().dialect.name](Notification)
            db.session.execute(insert.on_conflict_do_nothing(index_elements=["message_id"]), notices)


def _person(message: Claimed) -> dict:
    """The message's snapshot, naming its person as emails' do: a notice's is the payload's user_id."""
    payload = message.payload if isinstance(message.payload, dict) else {}
    snapshot = payload.get("snapshot") if isinstance(payload.get("snapshot"), dict) else {}
    user_id = payload.get("user_id")
    return {**snapshot, "to": {"user_id": int(user_id) if str(user_id).isdigit() else None}}


def _booking_id(message: Claimed) -> int | None:
    snapshot = message.payload.get("snapshot") if isinstance(message.payload, dict) else None
    booking = snapshot.get("booking") if isinstance(snapshot, dict) else None
    booking_id = booking.get("id") if isinstance(booking, dict) else None
    return booking_id if isinstance(booking_id, int) else None

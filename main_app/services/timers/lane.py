"""The timers channel's lane: timed jobs, each kind (the outbox row's type) applied by its Timer from one table that
the composition root builds. hand_over() records that the job came due, and runs the job's read of another service
if it has one (on the sending thread, outside any transaction); the job itself runs in the dispatcher's unit of work,
after the bookings and sessions it changes are locked, with what that read found."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from main_app.delivery import AttemptResult, Claimed, DeliveryError, Lane, OnAttempt
from main_app.plumbing import lock
from main_app.services.seats import lock_sessions_of

from ...models import Pass


def _none(_payloads: list[dict]) -> Iterable[int]:
    return ()


@dataclass(frozen=True)
class Timer:
    """One kind of timed job: what it does when due, and the rows it may change, locked before its message."""

    run: Callable[..., None]  # run(payload), or run(payload, what fetch found) for a job with a fetch
    booking_key: str | None = None  # the payload key naming the booking it may change
    session_key: str | None = None  # the payload key naming the session it may change
    pass_key: str | None = None  # the payload key naming the pass it may change
    sessions: Callable[[list[dict]], Iterable[int]] = _none  # the sessions its payloads may change, found by a query
    # What the job reads from another service first (a network call): never inside the database transaction.
    fetch: Callable[[dict], object] | None = None
    # What a job given up on (it failed every time it ran) means for our data: dead(payload, error), in the commit
    # that records it dead.
    dead: Callable[[dict, str], None] | None = None


class UnknownTimer(DeliveryError):
    """A timed job of a kind no domain handles (a row older than its handler, or a typo): dead with this error."""

    transient = False


class TimersDelivery(Lane):
    """Runs each due timed job by its kind: one table lookup, never a probe of its payload."""

    base_url = "timed jobs in this database"

    def __init__(self, timers: Mapping[str, Timer]):
        self.timers = dict(timers)

    def connection(self) -> dict:
        return {"transport": self.base_url, "reachable": True}

    def test_connection(self) -> bool:
        return True

    def close(self) -> None:
        """Nothing pooled: the jobs run on the dispatcher's own database session."""

    def deliver(self, payload: dict, outbox_id: str, on_attempt: OnAttempt | None = None) -> None:
        """A payload alone names no kind: only hand_over() can run a timed job."""
        raise UnknownTimer("a timed job needs its kind")

    def hand_over(self, message: Claimed, on_attempt: OnAttempt) -> object:
        """Record that the job came due (it runs in after_delivery) and run its fetch, whose answer after_delivery
        gets; a kind nobody handles is dead at once."""
        now = datetime.now(UTC)
        if message.type not in self.timers:
            error = UnknownTimer(f"no timer handles {message.type!r}")
            on_attempt(AttemptResult(None, 0.0, str(error), None, now))
            raise error
        on_attempt(AttemptResult(None, 0.0, None, f"{message.type} due", now))
        fetch = self.timers[message.type].fetch
        return fetch(message.payload) if fetch else None

    def lock_first(self, messages: list[Claimed]) -> None:
        """The sessions, bookings and passes the due jobs change, in the one lock order, before their messages."""
        by_kind: dict[str, list[dict]] = {}
        for message in messages:
            if message.type in self.timers:
                by_kind.setdefault(message.type, []).append(message.payload)
        bookings, sessions, passes = [], [], []
        for kind, payloads in by_kind.items():
            timer = self.timers[kind]
            if timer.booking_key:
                bookings += [payload[timer.booking_key] for payload in payloads]
            if timer.session_key:
                sessions += [payload[timer.session_key] for payload in payloads]
            if timer.pass_key:
                passes += [payload[timer.pass_key] for payload in payloads]
            sessions += timer.sessions(payloads)
        lock_sessions_of(bookings, also_sessions=sessions)
        lock(Pass, passes)

    def after_delivery(self, message: Claimed, result: object) -> None:
        """In the dispatcher's unit of work: the job itself (given what its fetch found)."""
        timer = self.timers[message.type]
        timer.run(message.payload, result) if timer.fetch else timer.run(message.payload)

    def after_dead(self, message: Claimed, error: str) -> None:
        """In the dispatcher's unit of work: what a job given up on means, for a kind that says."""
        timer = self.timers.get(message.type)
        if timer is not None and timer.dead is not None:
            timer.dead(message.payload, error)

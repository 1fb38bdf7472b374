"""The timers channel's lane: timed jobs, each row read back into its typed job (timers.jobs) by the kind table the
composition root builds (kind -> Timer: the job's class, what runs it). hand_over() records that the job came due,
and runs the job's read of another service if it has one (on the sending thread, outside any transaction); the job
itself runs in the dispatcher's unit of work, after the bookings and sessions it changes are locked, with what that
read found."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from main_app.delivery import AttemptResult, Claimed, DeliveryError, Lane, OnAttempt
from main_app.plumbing import lock

from ...models import Pass, User
from .jobs import TimerJob


def _none(_jobs: list) -> Iterable[int]:
    return ()


@dataclass(frozen=True)
class Timer:
    """One kind of timed job: its class, what it does when due, and the rows it may change, locked before its
    message."""

    job: type[TimerJob]
    run: Callable[..., None]  # run(job), or run(job, what fetch found) for a job with a fetch
    booking: Callable[[TimerJob], int] | None = None  # the booking it may change
    session: Callable[[TimerJob], int] | None = None  # the session it may change
    pass_: Callable[[TimerJob], int] | None = None  # the pass it may change
    sessions: Callable[[list], Iterable[int]] = _none  # the sessions its jobs may change, found by a query
    # What the job reads from another service first (a network call): never inside the database transaction.
    # fetch(job), or fetch(job, what prepare read) for a job with a prepare.
    fetch: Callable[..., object] | None = None
    # What its fetch needs from our own rows, read before the batch goes (the sending threads have no database).
    prepare: Callable[[TimerJob], object] | None = None
    user: Callable[[TimerJob], int] | None = None  # the account whose rows it may change (a teacher's calendar)
    # What a job given up on (it failed every time it ran) means for our data: dead(job, error), in the commit
    # that records it dead.
    dead: Callable[[TimerJob, str], None] | None = None


class UnknownTimer(DeliveryError):
    """A timed job of a kind no domain handles (a row older than its handler, or a typo), or a row its kind cannot
    read (a payload without a key it needs): dead with this error."""

    transient = False


# Locks the sessions of these bookings and these sessions, in the one lock order (seats.lock_sessions_of).
SessionLocker = Callable[[list[int], list[int]], None]


class TimersDelivery(Lane):
    """Runs each due timed job by its kind: one table lookup, never a probe of its payload."""

    base_url = "timed jobs in this database"

    def __init__(self, timers: Mapping[str, Timer], lock_sessions: SessionLocker):
        self.timers = dict(timers)
        self.lock_sessions = lock_sessions
        self._prepared: dict[str, object] = {}  # message id: what its timer's prepare read for its fetch

    def prepare(self, batch: list[Claimed]) -> list[Claimed]:
        """Read what the fetches of the batch's jobs need from our own rows (hand_over has no database)."""
        self._prepared = {}
        for message in batch:
            timer, job = self.timers.get(message.type), self._readable(message)
            if timer is not None and timer.prepare is not None and job is not None:
                self._prepared[message.id] = timer.prepare(job)
        return batch

    def connection(self) -> dict:
        return {"transport": self.base_url, "reachable": True}

    def test_connection(self) -> bool:
        return True

    def close(self) -> None:
        """Nothing pooled: the jobs run on the dispatcher's own database session."""

    def deliver(self, payload: dict, outbox_id: str, on_attempt: OnAttempt | None = None) -> None:
        """A payload alone names no kind: only hand_over() can run a timed job."""
        raise UnknownTimer("a timed job needs its kind")

    def job_of(self, message: Claimed) -> TimerJob:
        """The message's typed job, by its kind; UnknownTimer for a kind nobody handles or a payload it can't read."""
        timer = self.timers.get(message.type)
        if timer is None:
            raise UnknownTimer(f"no timer handles {message.type!r}")
        try:
            return timer.job.from_payload(message.type, message.payload)
        except (KeyError, TypeError, ValueError) as exc:
            raise UnknownTimer(f"a {message.type} job without {exc}") from exc

    def _readable(self, message: Claimed) -> TimerJob | None:
        try:
            return self.job_of(message)
        except UnknownTimer:
            return None

    def hand_over(self, message: Claimed, on_attempt: OnAttempt) -> object:
        """Record that the job came due (it runs in after_delivery) and run its fetch, whose answer after_delivery
        gets; a kind nobody handles, or a row it cannot read, is dead at once."""
        now = datetime.now(UTC)
        try:
            job = self.job_of(message)
        except UnknownTimer as error:
            on_attempt(AttemptResult(None, 0.0, str(error), None, now))
            raise
        on_attempt(AttemptResult(None, 0.0, None, f"{message.type} due", now))
        timer = self.timers[message.type]
        if timer.fetch is None:
            return None
        return timer.fetch(job, self._prepared.get(message.id)) if timer.prepare else timer.fetch(job)

    def lock_first(self, messages: list[Claimed]) -> None:
        """The sessions, bookings and passes the due jobs change, in the one lock order, before their messages."""
        by_kind: dict[str, list[TimerJob]] = {}
        for message in messages:
            if (job := self._readable(message)) is not None:
                by_kind.setdefault(message.type, []).append(job)
        bookings, sessions, passes, users = [], [], [], []
        for kind, jobs in by_kind.items():
            timer = self.timers[kind]
            if timer.user:
                users += [timer.user(job) for job in jobs]
            if timer.booking:
                bookings += [timer.booking(job) for job in jobs]
            if timer.session:
                sessions += [timer.session(job) for job in jobs]
            if timer.pass_:
                passes += [timer.pass_(job) for job in jobs]
            sessions += timer.sessions(jobs)
        lock(User, users)  # the lock order: an account before any session
        self.lock_sessions(bookings, sessions)
        lock(Pass, passes)

    def after_delivery(self, message: Claimed, result: object) -> None:
        """In the dispatcher's unit of work: the job itself (given what its fetch found)."""
        timer, job = self.timers[message.type], self.job_of(message)
        timer.run(job, result) if timer.fetch else timer.run(job)

    def after_dead(self, message: Claimed, error: str) -> None:
        """In the dispatcher's unit of work: what a job given up on means, for a kind that says."""
        timer, job = self.timers.get(message.type), self._readable(message)
        if timer is not None and timer.dead is not None and job is not None:
            timer.dead(job, error)

"""What the dispatcher and its lanes share: the claimed message, the outcome of handing it over, the errors, and the
Lane protocol every channel's client follows."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter


class DeliveryError(Exception):
    """A message was not handed over.

    transient: a later try may succeed (rescheduled); otherwise the message is dead at once.
    configuration: our own settings are wrong (a refused token or SMTP login), shown as such to operators.
    unreachable: the other side could not be reached at all, so messages that waited for it go as soon as it is back.
    accepted: the other side took the message but its answer was unreadable; it counts as delivered.
    retry_after: seconds the other side asked us to wait, if it said.
    """

    transient = True
    configuration = False
    unreachable = False
    accepted = False
    retry_after: float | None = None


class HandOverError(DeliveryError):
    """A refusal of a channel that talks to a server of its own (SMTP, an SMS provider): its flags, the server's
    reply code when it gave one, and its text with what MASK matches (addresses, numbers) hidden, since the text goes
    to logs and the operators' views."""

    MASK: re.Pattern | None = None
    HIDDEN = "[hidden]"

    def __init__(
        self,
        message: str,
        *,
        transient: bool,
        code: int | None = None,
        configuration: bool = False,
        unreachable: bool = False,
        retry_after: float | None = None,
    ):
        super().__init__(self.MASK.sub(self.HIDDEN, message) if self.MASK else message)
        self.transient = transient
        self.code = code
        self.configuration = configuration
        self.unreachable = unreachable
        self.retry_after = retry_after


def quick_retrying(attempts: int, error_type: type[DeliveryError]) -> Retrying:
    """A few tries in a row of one hand-over while it fails with a transient error_type, a little apart; then the
    outbox's schedule takes over."""
    return Retrying(
        stop=stop_after_attempt(max(1, attempts)),
        wait=wait_exponential_jitter(multiplier=0.2, max=2.0, jitter=0.2),
        retry=retry_if_exception(lambda exc: isinstance(exc, error_type) and exc.transient),
        reraise=True,
    )


def describe(exc: BaseException) -> str:
    """An exception as a short line for the outbox row, its attempt log and our logs: its type and the first line
    of its text (a database error's later lines quote the statement and its parameters, people's data among them)."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0] if lines else ''}"[:300]


class UnexpectedFailure(DeliveryError):
    """Something no channel expects went wrong with a message (one it cannot compose, a fault of ours): dead at once
    unless transient (a round that failed as a whole is tried again on the schedule)."""

    def __init__(self, exc: BaseException, *, transient: bool = False):
        super().__init__(describe(exc))
        self.transient = transient


@dataclass(frozen=True)
class AttemptResult:
    """What one attempt (an HTTP request, an SMTP conversation, a provider call) gave: recorded for operators."""

    status_code: int | None
    latency_ms: float
    error: str | None
    response_excerpt: str | None
    attempted_at: datetime


@dataclass(frozen=True)
class Claimed:
    """A claimed message, copied out of the ORM so no transaction stays open while it is handed over."""

    id: str
    type: str
    payload: dict
    attempts: int


@dataclass
class Outcome:
    """What sending one message gave: the attempts, and the error if it failed."""

    message: Claimed
    error: DeliveryError | None = None
    http_attempts: list[AttemptResult] = field(default_factory=list)
    result: object = None  # what the lane's deliver() returned (a refund's id and state)

    @property
    def transient_failure(self) -> bool:
        return self.error is not None and self.error.transient


def failed(outcome: Outcome, exc: Exception, *, transient: bool = False) -> UnexpectedFailure:
    """exc as the message's error, written to its attempt log as well (nothing else may have been)."""
    error = UnexpectedFailure(exc, transient=transient)
    outcome.http_attempts.append(AttemptResult(None, 0.0, str(error), None, datetime.now(UTC)))
    return error


OnAttempt = Callable[[AttemptResult], None]


class Lane(Protocol):
    """A channel's client as the dispatcher drives it. Lanes subclass it: the optional hooks default to nothing.

    deliver, hand_over, send_batch and prepare's hand-over run without the database; prepare, lock_first,
    after_delivery(ies) and after_dead run inside the dispatcher's units of work, with the claimed messages."""

    base_url: str  # where the lane delivers, for the dispatcher's start-up line and the operators' view
    batch_size: int = 1  # messages per request; above 1 the dispatcher hands over chunks through send_batch
    # Seconds one hand-over may take at most (its timeout over its quick tries and their pauses): the dispatcher starts
    # none that could outlive its lease, which would let another dispatcher send the same message again.
    longest_send: float = 0.0

    def deliver(self, payload: dict, outbox_id: str, on_attempt: OnAttempt | None = None) -> object:
        """Hand over one message; raises DeliveryError when it was not."""
        ...

    def hand_over(self, message: Claimed, on_attempt: OnAttempt) -> object:
        """Hand over one claimed message; by default its payload, through deliver()."""
        return self.deliver(message.payload, message.id, on_attempt=on_attempt)

    def test_connection(self) -> bool:
        """Whether the other side answers (probed while the lane is down)."""
        ...

    def close(self) -> None:
        """Release pooled connections."""
        ...

    def connection(self) -> dict:
        """Whether the other side answers, with what operators need to know of it."""
        return {"base_url": self.base_url, "reachable": self.test_connection()}

    def send_batch(self, chunk: list[Claimed], send_one: Callable[[Claimed], Outcome]) -> list[Outcome]:
        """Hand over a chunk; by default one message at a time."""
        return [send_one(message) for message in chunk]

    def prepare(self, batch: list[Claimed]) -> list[Claimed]:
        """Complete claimed messages from the database before they go (reads only)."""
        return batch

    def lock_first(self, messages: list[Claimed]) -> None:
        """Lock the rows the outcomes will change, before the messages are locked (the lock order)."""

    def after_delivery(self, message: Claimed, result: object) -> None:
        """Apply what a delivery means for our own data, in the commit that records it."""

    def after_deliveries(self, delivered: list[tuple[Claimed, object]]) -> None:
        """after_delivery for each (message, result) one commit records; a lane may write them all at once."""
        for message, result in delivered:
            self.after_delivery(message, result)

    def after_dead(self, message: Claimed, error: str) -> None:
        """Apply what a message given up on means for our own data, in the commit that records it."""


class TransportLane(Lane):
    """A lane that hands messages to a transport (SMTP or a folder, an SMS provider or a folder), which says where it
    delivers (describe()) and whether it would take a message now (test_connection())."""

    transport: object
    quick_retries: int = 1

    @property
    def longest_send(self) -> float:
        """Each quick try waits up to the transport's timeout (none for a folder), and up to 2 s before the next."""
        return getattr(self.transport, "timeout", 0.0) * self.quick_retries + 2.0 * (self.quick_retries - 1)

    @property
    def base_url(self) -> str:
        """Where messages go, without credentials (the dispatcher's start-up line, the integration panel)."""
        return self.transport.describe()

    def connection(self) -> dict:
        return {"transport": self.base_url, "reachable": self.test_connection()}

    def test_connection(self) -> bool:
        return self.transport.test_connection()

    def close(self) -> None:
        """Nothing pooled: each hand-over has its own connection."""

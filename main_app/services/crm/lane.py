"""What a dispatcher hands over and what came of it, and the sending of many messages in one request (the CRM's
POST /notify/batch): one outcome per message, whatever became of the request."""

import logging
from dataclasses import dataclass, field, replace

from ...delivery.outcomes import DeliveryError, describe
from .batches import CRMItemRejected, ItemResult
from .client import AttemptResult, CRMHTTPError

log = logging.getLogger(__name__)

# A CRM without the batch route answers 404 (or 405); one that finds a batch too large, 413.
NO_BATCH_ROUTE = (404, 405)
TOO_LARGE = 413


@dataclass(frozen=True)
class Claimed:
    """A claimed message, copied out of the ORM so no transaction stays open while it is handed over."""

    id: str
    type: str
    payload: dict
    attempts: int


@dataclass
class Outcome:
    """What sending one message gave: the attempts (HTTP requests, SMTP conversations), and the error if it failed."""

    message: Claimed
    error: DeliveryError | None = None
    http_attempts: list[AttemptResult] = field(default_factory=list)
    result: object = None  # what the client's deliver() returned (a refund's id and state)

    @property
    def transient_failure(self) -> bool:
        return self.error is not None and self.error.transient


def send_batch(dispatcher, chunk: list[Claimed]) -> list[Outcome]:
    """Send chunk in one request; each message's outcome from its own item's result, or from the request's failure
    (a whole-request failure is every message's). A batch too large for the CRM goes again in halves; a CRM without
    the batch route gets this chunk one message at a time, and the dispatcher stops batching."""
    attempts: list[AttemptResult] = []
    try:
        results = dispatcher.client.deliver_batch([(m.id, m.payload) for m in chunk], on_attempt=attempts.append)
    except CRMHTTPError as exc:
        if exc.status_code == TOO_LARGE and len(chunk) > 1:
            half = len(chunk) // 2
            return _after(attempts, send_batch(dispatcher, chunk[:half]) + send_batch(dispatcher, chunk[half:]))
        if exc.status_code in NO_BATCH_ROUTE:
            log.warning("the CRM has no /notify/batch (%s): sending one notification per request", exc.status_code)
            dispatcher.batching = False
            return _after(attempts, [dispatcher.send(message) for message in chunk])
        return [Outcome(message, exc, list(attempts)) for message in chunk]
    except DeliveryError as exc:
        return [Outcome(message, exc, list(attempts)) for message in chunk]
    except Exception as exc:  # one message the batch cannot hold (not an object): each alone, so only it fails
        log.warning("a batch of %d could not be sent (%s): sending each alone", len(chunk), describe(exc))
        return _after(attempts, [dispatcher.send(message) for message in chunk])
    # The retries before the answer are every message's; the answer itself is told per item.
    earlier, answer = attempts[:-1], attempts[-1]
    return [_item_outcome(message, result, earlier, answer) for message, result in zip(chunk, results, strict=True)]


def _item_outcome(message: Claimed, result: ItemResult, earlier: list[AttemptResult], answer: AttemptResult):
    error = None if result.accepted else CRMItemRejected(result)
    attempt = replace(
        answer, status_code=result.status_code, error=error and str(error), response_excerpt=result.excerpt()
    )
    return Outcome(message, error, [*earlier, attempt], result=result)


def _after(attempts: list[AttemptResult], outcomes: list[Outcome]) -> list[Outcome]:
    """outcomes, each preceded in its attempt log by the requests made before (a refused batch)."""
    for outcome in outcomes:
        outcome.http_attempts[:0] = attempts
    return outcomes

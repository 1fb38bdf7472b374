"""The CRM's lane: the client as the dispatcher drives it, sending many notifications in one request (the CRM's
POST /notify/batch) with one outcome per message, whatever became of the request."""

import logging
from collections.abc import Callable
from dataclasses import replace

from sqlalchemy import func, select

from main_app.delivery import AttemptResult, Claimed, DeliveryError, Lane, Outcome, describe

from ...extensions import db
from ...models import ROLE_ADMIN, User
from .batches import CRMItemRejected, ItemResult
from .client import CRMNotificationService
from .errors import CRMError, CRMHTTPError

log = logging.getLogger(__name__)

# A CRM without the batch route answers 404 (or 405); one that finds a batch too large, 413.
NO_BATCH_ROUTE = (404, 405)
TOO_LARGE = 413


class CRMLane(CRMNotificationService, Lane):
    """The CRM client with the dispatcher's batch hand-over."""

    def connection(self) -> dict:
        return {"base_url": self.base_url, "reachable": self.test_connection(), "signing": self.signing_key is not None}

    def send_batch(self, chunk: list[Claimed], send_one: Callable[[Claimed], Outcome]) -> list[Outcome]:
        """Send chunk in one request; each message's outcome from its own item's result, or from the request's
        failure (a whole-request failure is every message's). A batch too large for the CRM goes again in halves; a
        CRM without the batch route gets this chunk one message at a time, and the lane stops batching."""
        attempts: list[AttemptResult] = []
        try:
            results = self.deliver_batch([(m.id, m.payload) for m in chunk], on_attempt=attempts.append)
        except CRMHTTPError as exc:
            if exc.status_code == TOO_LARGE and len(chunk) > 1:
                half = len(chunk) // 2
                return _after(
                    attempts, self.send_batch(chunk[:half], send_one) + self.send_batch(chunk[half:], send_one)
                )
            if exc.status_code in NO_BATCH_ROUTE:
                log.warning("the CRM has no /notify/batch (%s): sending one notification per request", exc.status_code)
                self.batch_size = 1
                return _after(attempts, [send_one(message) for message in chunk])
            return [Outcome(message, exc, list(attempts)) for message in chunk]
        except DeliveryError as exc:
            return [Outcome(message, exc, list(attempts)) for message in chunk]
        except Exception as exc:  # one message the batch cannot hold (not an object): each alone, so only it fails
            log.warning("a batch of %d could not be sent (%s): sending each alone", len(chunk), describe(exc))
            return _after(attempts, [send_one(message) for message in chunk])
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


def test_integration(client: CRMNotificationService, operator_id: int | None) -> dict:
    """Send a real test notification now and report what happened (not through the outbox).

    The CRM needs a positive user_id: the calling admin's, for the service token the first admin's.
    """
    user_id = operator_id or db.session.scalar(select(func.min(User.id)).where(User.role == ROLE_ADMIN)) or 1
    db.session.rollback()  # no transaction open during the HTTP calls
    result = {"reachable": client.test_connection(), "delivered": False, "error": None, "response": None}
    try:
        result["response"] = client.send_notification(
            "integration_test", user_id, "Test notification from the main API"
        )
        result["delivered"] = True
    except CRMError as exc:
        result["error"] = f"{type(exc).__name__}: {exc}"
    return result

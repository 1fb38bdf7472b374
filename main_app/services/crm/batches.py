"""The body of a POST /notify/batch to the CRM and the reading of its answer: one result per item, in order."""

import json
from dataclasses import dataclass
from typing import Any

from main_app.delivery import DeliveryError

BATCH_PATH = "/notify/batch"
DEFAULT_BATCH_SIZE = 250  # a claim of 500 in two requests, one for each of the CRM's two workers
MAX_BATCH_SIZE = 500  # the most the CRM takes in one batch
# What the CRM answers per item: stored now, stored before (a repeat), or refused as /notify would refuse it.
STORED, DUPLICATE, INVALID = "stored", "duplicate", "invalid"
# The HTTP status /notify would have given each item alone: what the attempt log shows for it.
ITEM_STATUS_CODES = {STORED: 201, DUPLICATE: 200, INVALID: 400}


class BatchAnswerError(ValueError):
    """A 2xx answer to a batch that does not say what became of each item sent."""


@dataclass(frozen=True)
class ItemResult:
    """What the CRM did with one item of a batch; error is the CRM's error body for an invalid one."""

    notification_id: str
    status: str
    error: dict | None = None

    @property
    def accepted(self) -> bool:
        """Stored, now or before: delivered."""
        return self.status != INVALID

    @property
    def status_code(self) -> int:
        return ITEM_STATUS_CODES[self.status]

    def excerpt(self) -> str:
        """The item's own result as JSON, as the attempt log keeps an answer (first 500 characters)."""
        result = {"notification_id": self.notification_id, "status": self.status}
        if self.error is not None:
            result["error"] = self.error
        return json.dumps(result, ensure_ascii=False)[:500]


def batch_body(items: list[tuple[str, dict[str, Any]]]) -> bytes:
    """{"notifications": [...]}, each payload carrying its message's id as notification_id (the CRM's key)."""
    notifications = [{**payload, "notification_id": notification_id} for notification_id, payload in items]
    return json.dumps({"notifications": notifications}, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def batch_results(answer: Any, ids: list[str]) -> list[ItemResult]:
    """The per-item results of a batch answer, matched to the ids sent in order; BatchAnswerError when it does not
    account for exactly those items."""
    results = answer.get("results") if isinstance(answer, dict) else None
    if not isinstance(results, list) or len(results) != len(ids):
        raise BatchAnswerError(f"the answer does not hold one result per item ({len(ids)} sent)")
    parsed = []
    for notification_id, result in zip(ids, results, strict=True):
        status = result.get("status") if isinstance(result, dict) else None
        if status not in ITEM_STATUS_CODES or result.get("notification_id") != notification_id:
            raise BatchAnswerError(f"the result for {notification_id} is missing or names another item")
        error = result.get("error") if status == INVALID else None
        parsed.append(ItemResult(notification_id, status, error if isinstance(error, dict) else None))
    return parsed


class CRMItemRejected(DeliveryError):
    """The CRM refused one item of a batch as /notify would refuse it (400): never worth sending again."""

    transient = False

    def __init__(self, result: ItemResult):
        error = result.error or {}
        details = json.dumps(error.get("details") or {}, ensure_ascii=False)
        super().__init__(f"CRM answered 400 for this item: {error.get('message', 'invalid')} {details}"[:500])
        self.status_code = 400

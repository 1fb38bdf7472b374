"""CRMNotificationService: the client the main API uses to talk to the CRM microservice."""

import json
import logging
import os
import re
import time
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

import requests
from flask import current_app, has_app_context
from requests.adapters import HTTPAdapter
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from main_app.delivery import AttemptResult
from service_kit.settings import DEFAULT_SECRETS
from service_kit.signatures import sign, signing_key

from .batches import BATCH_PATH, DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, ItemResult, batch_body, batch_results
from .errors import (
    CRMBatchAnswerError,
    CRMConnectionError,
    CRMError,
    CRMResponseError,
    CRMTimeoutError,
    error_for,
)

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "http://localhost:5001"
REQUEST_TIMEOUT = 10.0
HEALTH_TIMEOUT = 5.0
# Longest pause a CRM may ask for with Retry-After before we hand the message back to the schedule.
MAX_RETRY_AFTER = 30.0
TYPE_PATTERN = re.compile(r"^[a-z][a-z0-9_.]{0,63}$")


def _setting(name: str, default):
    """A setting from the Flask config when inside an app, else from the environment."""
    if has_app_context() and current_app.config.get(name) is not None:
        return current_app.config[name]
    return os.environ.get(name) or default


def _given_or_setting(value, name: str, default):
    """An explicit argument (even 0), else the setting."""
    return value if value is not None else _setting(name, default)


class CRMNotificationService:
    """Sends notifications to the CRM over a pooled HTTP session, with timeouts and quick retries."""

    def __init__(
        self,
        base_url: str | None = None,
        auth_token: str | None = None,
        *,
        timeout: float | None = None,
        health_timeout: float | None = None,
        quick_retries: int | None = None,
        signing_secret: str | None = None,
        batch_size: int | None = None,
    ):
        self.base_url = (base_url or _setting("CRM_BASE_URL", DEFAULT_BASE_URL)).rstrip("/")
        self.auth_token = auth_token or _setting("CRM_AUTH_TOKEN", DEFAULT_SECRETS["CRM_AUTH_TOKEN"])
        self.timeout = float(_given_or_setting(timeout, "CRM_TIMEOUT", REQUEST_TIMEOUT))
        self.health_timeout = float(_given_or_setting(health_timeout, "CRM_HEALTH_TIMEOUT", HEALTH_TIMEOUT))
        self.quick_retries = int(_given_or_setting(quick_retries, "CRM_QUICK_RETRIES", 3))
        # Notifications per request for a dispatcher (deliver_batch); 1 sends each alone to /notify.
        self.batch_size = int(_given_or_setting(batch_size, "CRM_BATCH_SIZE", DEFAULT_BATCH_SIZE))
        if not 1 <= self.batch_size <= MAX_BATCH_SIZE:
            raise ValueError(f"batch_size must be 1 to {MAX_BATCH_SIZE}")
        if self.timeout <= 0 or self.health_timeout <= 0:
            raise ValueError("timeouts must be positive")
        secret = _given_or_setting(signing_secret, "CRM_SIGNING_SECRET", "")
        try:
            self.signing_key = signing_key(secret) if secret else None
        except ValueError as exc:  # the message never quotes the secret
            raise ValueError(f"CRM_SIGNING_SECRET: {exc}") from None
        self.session = requests.Session()
        self.session.mount("http://", HTTPAdapter(pool_connections=2, pool_maxsize=8))
        self.session.mount("https://", HTTPAdapter(pool_connections=2, pool_maxsize=8))
        self.session.headers.update(
            {"Authorization": f"Bearer {self.auth_token}", "User-Agent": "booking-main-api/1.0"}
        )

    @classmethod
    def from_config(cls, config: Mapping, **overrides) -> "CRMNotificationService":
        """The client an app's config (CRM_*) describes; overrides replace single settings, e.g. health_timeout."""
        settings = {
            "base_url": config["CRM_BASE_URL"],
            "auth_token": config["CRM_AUTH_TOKEN"],
            "timeout": config["CRM_TIMEOUT"],
            "health_timeout": config["CRM_HEALTH_TIMEOUT"],
            "quick_retries": config["CRM_QUICK_RETRIES"],
            "signing_secret": config["CRM_SIGNING_SECRET"],
            "batch_size": config["CRM_BATCH_SIZE"],
        }
        return cls(**{**settings, **overrides})

    def close(self) -> None:
        """Release pooled connections."""
        self.session.close()

    # -- the CRM's API ---------------------------------------------------------------------------

    def send_notification(
        self, notification_type: str, user_id: int, message: str, additional_data: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Send a typed notification; returns the CRM's JSON answer, raises CRMError on failure."""
        if not isinstance(notification_type, str) or not TYPE_PATTERN.match(notification_type):
            raise ValueError(f"notification_type must match {TYPE_PATTERN.pattern}")
        if not isinstance(user_id, int) or isinstance(user_id, bool):
            raise ValueError("user_id must be an integer")
        if not isinstance(message, str):
            raise ValueError("message must be a string")
        payload = {
            "type": notification_type,
            "user_id": user_id,
            "message": message,
            "data": dict(additional_data or {}),
            "timestamp": datetime.now(UTC).isoformat(),
        }
        return self.deliver(payload, uuid.uuid4().hex)

    def send_booking_notification(
        self, booking_id: int, user_id: int, session_id: int, action: str, additional_data: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Send booking_<action> (created, cancelled, reactivated, ...) for one booking."""
        data = {"booking_id": booking_id, "session_id": session_id, **(additional_data or {})}
        return self.send_notification(f"booking_{action}", user_id, f"Booking {booking_id} {action}", data)

    def send_event_notification(
        self, event_id: int, user_id: int, action: str, additional_data: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Send event_<action> (created, updated, deleted, ...) for one event."""
        data = {"event_id": event_id, **(additional_data or {})}
        return self.send_notification(f"event_{action}", user_id, f"Event {event_id} {action}", data)

    def test_connection(self) -> bool:
        """True when the CRM's /health answers 200 within the health timeout."""
        try:
            response = self.session.get(f"{self.base_url}/health", timeout=self.health_timeout, allow_redirects=False)
        except requests.RequestException:
            return False
        return response.status_code == 200

    # -- delivery ---------------------------------------------------------------------------------

    def deliver(
        self,
        payload: dict[str, Any],
        notification_id: str,
        on_attempt: Callable[[AttemptResult], None] | None = None,
    ) -> dict[str, Any]:
        """POST /notify with quick jittered retries on transient failures; the id makes repeats harmless.

        on_attempt, if given, hears about every HTTP request made, retries included.
        """
        retrying = Retrying(
            stop=stop_after_attempt(max(1, self.quick_retries)),
            wait=self._wait,
            retry=retry_if_exception(lambda exc: isinstance(exc, CRMError) and exc.transient),
            reraise=True,
        )
        # Serialised once, so retries and the signature cover exactly the bytes sent.
        body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        return retrying(self._post_once, body, notification_id, on_attempt or (lambda _result: None))

    _backoff = wait_exponential_jitter(multiplier=0.1, max=2.0, jitter=0.2)

    def _wait(self, retry_state) -> float:
        """Exponential backoff with jitter, or longer when the CRM said Retry-After."""
        delay = self._backoff(retry_state)
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        if exc is not None and exc.retry_after is not None:
            delay = max(delay, min(exc.retry_after, MAX_RETRY_AFTER))
        return delay

    def deliver_batch(
        self,
        items: list[tuple[str, dict[str, Any]]],
        on_attempt: Callable[[AttemptResult], None] | None = None,
    ) -> list[ItemResult]:
        """POST /notify/batch with (notification_id, payload) items: one request, one signature over the body, the
        CRM's result for each item in order. A failure of the whole request raises a CRMError, after the same quick
        retries as deliver(); each item's id makes a repeat of the batch harmless."""
        retrying = Retrying(
            stop=stop_after_attempt(max(1, self.quick_retries)),
            wait=self._wait,
            retry=retry_if_exception(lambda exc: isinstance(exc, CRMError) and exc.transient),
            reraise=True,
        )
        body = batch_body(items)
        ids = [notification_id for notification_id, _payload in items]
        return retrying(self._post_batch_once, body, ids, on_attempt or (lambda _result: None))

    def _headers(self, body: bytes, notification_id: str, *, idempotency_key: bool = True) -> dict[str, str]:
        """Idempotency and Standard Webhooks headers for one request (signed when a secret is set)."""
        timestamp = int(time.time())
        headers = {
            "Content-Type": "application/json",
            "webhook-id": notification_id,
            "webhook-timestamp": str(timestamp),
        }
        if idempotency_key:
            headers["Idempotency-Key"] = notification_id
        if self.signing_key is not None:
            headers["webhook-signature"] = sign(self.signing_key, notification_id, timestamp, body)
        return headers

    def _post(self, path: str, body: bytes, headers: dict[str, str], on_attempt) -> requests.Response:
        """One HTTP request, recorded through on_attempt; a 2xx answer, or a CRMError subclass raised."""
        sent_at, started = datetime.now(UTC), time.perf_counter()
        try:
            response = self.session.post(
                f"{self.base_url}{path}", data=body, headers=headers, timeout=self.timeout, allow_redirects=False
            )
        except requests.RequestException as exc:
            error = (
                CRMTimeoutError(f"CRM did not answer within {self.timeout:g}s")
                if isinstance(exc, requests.Timeout)
                else CRMConnectionError(f"CRM unreachable at {self.base_url}: {type(exc).__name__}")
            )
            on_attempt(AttemptResult(None, _elapsed_ms(started), str(error), None, sent_at))
            raise error from exc
        error = error_for(response)
        on_attempt(
            AttemptResult(
                response.status_code, _elapsed_ms(started), str(error) if error else None, response.text[:500], sent_at
            )
        )
        if error is not None:
            raise error
        return response

    def _post_once(self, body: bytes, notification_id: str, on_attempt) -> dict[str, Any]:
        """One attempt: a 2xx with JSON is success, anything else raises a CRMError subclass."""
        response = self._post("/notify", body, self._headers(body, notification_id), on_attempt)
        try:
            result = response.json()
        except ValueError as exc:
            raise CRMResponseError(
                "CRM answered without JSON", status_code=response.status_code, body=response.text
            ) from exc
        log.info("CRM notification %s delivered (%s)", notification_id, response.status_code)
        return result

    def _post_batch_once(self, body: bytes, ids: list[str], on_attempt) -> list[ItemResult]:
        """One attempt at a batch: the items' results, checked against the ids sent, or a CRMError."""
        # The batch's own id is only the signature's webhook-id: each item is stored by its own notification_id.
        headers = self._headers(body, uuid.uuid4().hex, idempotency_key=False)
        response = self._post(BATCH_PATH, body, headers, on_attempt)
        try:
            results = batch_results(response.json(), ids)
        except ValueError as exc:  # not JSON, or not one result per item: sent again, the ids keep it harmless
            raise CRMBatchAnswerError(
                f"CRM answered the batch without its items' results: {exc}"[:300],
                status_code=response.status_code,
                body=response.text,
            ) from None
        stored = sum(result.status == "stored" for result in results)
        invalid = sum(not result.accepted for result in results)
        log.info(
            "CRM batch of %d delivered (%s): %d stored, %d already stored, %d refused",
            len(ids),
            response.status_code,
            stored,
            len(ids) - stored - invalid,
            invalid,
        )
        return results


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)

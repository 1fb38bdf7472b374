"""The webhooks lane: each delivery POSTed to its endpoint's address as JSON, signed the Standard Webhooks way with
the endpoint's own secret (webhook-id: the delivery's id, the same on every try, so a receiver keeps each once).
A 2xx is delivered; a timeout, a refused connection, 408, 429 or 5xx is tried again on the lane's schedule (the
order of an object's news waits with it); any other answer, a switched-off endpoint or, in production, an address
off the public internet is dead at once, with its reason in the endpoint's delivery log."""

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import requests
from flask import current_app
from sqlalchemy import select

from main_app.delivery import AttemptResult, Claimed, DeliveryError, Lane, quick_retrying
from main_app.services.common import PrivateAddress, Unsealable, refuse_private_host
from service_kit.signatures import sign, signing_key

from ...extensions import db
from ...models import WebhookEndpoint
from .endpoints import SEALER

RETRIED = {408, 429}
EXCERPT = 300


class WebhookError(DeliveryError):
    """A delivery that did not land. Never 'unreachable': one tool being down says nothing of the others', so the
    lane never holds them back for it."""

    def __init__(self, message: str, *, transient: bool, retry_after: float | None = None):
        super().__init__(message)
        self.transient = transient
        self.retry_after = retry_after


@dataclass(frozen=True)
class Target:
    """Where one delivery goes, read when it is claimed: the address and the signing key, or why it cannot go."""

    url: str = ""
    key: bytes = b""
    refusal: str | None = None


class WebhookLane(Lane):
    """Hands each claimed delivery to its endpoint."""

    base_url = "each studio's own addresses"
    ordered = True  # an endpoint hears an object's news in the order they happened (ledger.claim_statement)

    def __init__(self, timeout: float, quick_retries: int, production: bool):
        self.timeout, self.quick_retries, self.production = timeout, quick_retries, production
        self.longest_send = timeout * quick_retries + 2.0 * (quick_retries - 1)
        self.session = requests.Session()

    @classmethod
    def from_config(cls, config: Mapping) -> "WebhookLane":
        production = config["APP_ENV"] == "production"
        return cls(config["WEBHOOK_TIMEOUT"], config["WEBHOOK_QUICK_RETRIES"], production)

    def test_connection(self) -> bool:
        return True  # no one other side: an endpoint's failures are its own deliveries'

    def close(self) -> None:
        self.session.close()

    def prepare(self, batch: list[Claimed]) -> list[Claimed]:
        """Each delivery with its endpoint's address and key as they are now (a switched-off one: its refusal)."""
        ids = {message.payload["endpoint_id"] for message in batch}
        rows = db.session.scalars(select(WebhookEndpoint).where(WebhookEndpoint.id.in_(ids)))
        targets = {row.id: _target(row) for row in rows}
        gone = Target(refusal="the endpoint was removed")
        return [
            replace(message, payload={**message.payload, "target": targets.get(message.payload["endpoint_id"], gone)})
            for message in batch
        ]

    def deliver(self, payload: dict, outbox_id: str, on_attempt=None) -> object:
        target: Target = payload["target"]
        if target.refusal:
            raise WebhookError(target.refusal, transient=False)
        if self.production:
            try:
                refuse_private_host(target.url)  # again now: a name may point elsewhere than when it was given
            except PrivateAddress as exc:
                raise WebhookError(f"the endpoint's {exc}", transient=False) from None
        body = json.dumps(payload["body"], separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        retrying = quick_retrying(self.quick_retries, WebhookError)
        return retrying(self._post, target, body, outbox_id, on_attempt or (lambda _result: None))

    def _post(self, target: Target, body: bytes, outbox_id: str, on_attempt) -> int:
        stamp = int(time.time())
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "booking-webhooks/1.0",
            "webhook-id": outbox_id,
            "webhook-timestamp": str(stamp),
            "webhook-signature": sign(target.key, outbox_id, stamp, body),
        }
        sent_at, started = datetime.now(UTC), time.perf_counter()
        try:
            response = self.session.post(
                target.url, data=body, headers=headers, timeout=self.timeout, allow_redirects=False
            )
        except requests.RequestException as exc:
            error = WebhookError(f"no answer: {type(exc).__name__}", transient=True)
            on_attempt(AttemptResult(None, _ms(started), str(error), None, sent_at))
            raise error from None
        error = _refusal(response)
        excerpt = response.text[:EXCERPT] if response.text else None
        on_attempt(AttemptResult(response.status_code, _ms(started), str(error) if error else None, excerpt, sent_at))
        if error is not None:
            raise error
        return response.status_code


def _target(endpoint: WebhookEndpoint) -> Target:
    if endpoint.disabled_at is not None:
        return Target(refusal="the endpoint is switched off")
    try:
        secret = SEALER.unseal(current_app.config, endpoint.secret)["secret"]
    except Unsealable:
        return Target(refusal="the endpoint's secret cannot be opened (WEBHOOK_KEYS_KEY changed)")
    return Target(endpoint.url, signing_key(secret))


def _refusal(response: requests.Response) -> WebhookError | None:
    """None for a 2xx; else the error, transient for 408, 429 and 5xx (a redirect is not followed: dead)."""
    status = response.status_code
    if 200 <= status < 300:
        return None
    transient = status in RETRIED or status >= 500
    after = response.headers.get("Retry-After", "")
    wait = float(after) if after.isdigit() else None
    return WebhookError(f"answered {status}", transient=transient, retry_after=wait)


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)

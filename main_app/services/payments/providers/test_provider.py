"""The built-in test provider, for development and tests: no account anywhere, no money moves.

Its checkout is a page the main API serves (/payments/test/checkout/<reference>, marked "Test payment"), whose
Pay and Decline buttons produce the webhook a real gateway would send: a Standard Webhooks signed body, verified by
parse_webhook like any other. Refunds are processed at once."""

import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Mapping
from datetime import datetime

from service_kit.signatures import SignatureRejected, sign, verify

from .base import (
    IGNORED,
    PAYMENT_FAILED,
    PAYMENT_SUCCEEDED,
    Charge,
    Checkout,
    CheckoutRequest,
    InvalidWebhook,
    PaymentEvent,
    Refund,
)

TOLERANCE_SECONDS = 300  # how old a signed webhook may be (replays of older ones are refused)
# Paid with "decline its renewals" on the test checkout: the card charged again for a renewal is declined.
DECLINES_RENEWALS = "tpay_norenew_"


class TestProvider:
    """Checkouts on our own page, webhooks signed with a key derived from SECRET_KEY, refunds at once."""

    __test__ = False  # not a pytest test class, whatever its name
    name = "test"
    closes_checkouts = False  # its page is ours and reads the hold's end from our database
    minimum_amount = 1  # any price above nothing

    def __init__(self, *, secret_key: str, checkout_base: str):
        # Derived, not configured: only this deployment can sign its test webhooks, and there is no setting to leak.
        self.key = hmac.new(secret_key.encode(), b"test-payment-webhooks", hashlib.sha256).digest()
        self.checkout_base = checkout_base.rstrip("/")

    @classmethod
    def from_config(cls, config: Mapping) -> "TestProvider":
        return cls(secret_key=config["SECRET_KEY"], checkout_base=f"{config['PUBLIC_API_URL']}/payments/test/checkout")

    def create_checkout(self, request: CheckoutRequest) -> Checkout:
        reference = "tp_" + secrets.token_urlsafe(18)
        return Checkout(reference, f"{self.checkout_base}/{reference}", request.expires_at)

    def close_checkout(self, reference: str) -> str:
        return "closed"

    def signed_event(
        self,
        kind: str,
        reference: str,
        amount: int,
        currency: str,
        *,
        declines_renewals: bool = False,
        attempt: str = "",
    ) -> tuple[bytes, dict[str, str]]:
        """The webhook the checkout page's button sends: body and Standard Webhooks headers. attempt: another try
        at the same checkout (a gateway's second payment on one order), which has a payment id of its own."""
        event_id = "evt_" + secrets.token_urlsafe(12)
        prefix = DECLINES_RENEWALS if declines_renewals else "tpay_"
        body = json.dumps(
            {
                "id": event_id,
                "type": kind,
                "reference": reference,
                "payment_id": prefix + hashlib.sha256((reference + attempt).encode()).hexdigest()[:20],
                "amount": amount,
                "currency": currency,
            }
        ).encode()
        stamp = int(time.time())
        headers = {
            "webhook-id": event_id,
            "webhook-timestamp": str(stamp),
            "webhook-signature": sign(self.key, event_id, stamp, body),
        }
        return body, headers

    def parse_webhook(self, body: bytes, headers: dict[str, str]) -> PaymentEvent:
        try:
            event_id = verify(
                self.key, {k.lower(): v for k, v in headers.items()}, body, time.time(), TOLERANCE_SECONDS
            )
        except SignatureRejected as exc:
            raise InvalidWebhook(exc.message) from None
        try:
            data = json.loads(body)
            kind = data["type"] if data["type"] in (PAYMENT_SUCCEEDED, PAYMENT_FAILED) else IGNORED
            return PaymentEvent(
                event_id=event_id,
                kind=kind,
                reference=str(data["reference"]),
                payment_id=str(data["payment_id"]),
                amount=int(data["amount"]),
                currency=str(data["currency"]).upper(),
                failure="Declined on the test checkout." if kind == PAYMENT_FAILED else None,
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise InvalidWebhook(f"unreadable test webhook: {type(exc).__name__}") from None

    def refund(self, payment_id: str, amount: int, currency: str, *, idempotency_key: str) -> Refund:
        # The same key gives the same refund, as a real gateway's idempotency keys do.
        return Refund("tre_" + hashlib.sha256(idempotency_key.encode()).hexdigest()[:20], "processed")

    def charge_renewal(self, payment_id: str, amount: int, currency: str, *, idempotency_key: str) -> Charge:
        """Charge the card of payment_id again; declined when it was paid with "decline its renewals"."""
        if payment_id.startswith(DECLINES_RENEWALS):
            return Charge("declined", failure="The card was declined (test checkout).")
        return Charge("succeeded", "tpay_" + hashlib.sha256(idempotency_key.encode()).hexdigest()[:20])

    def test_connection(self) -> bool:
        return True


def is_expired(expires_at: datetime, now: datetime) -> bool:
    """A checkout page past its hold takes no payment."""
    return expires_at <= now

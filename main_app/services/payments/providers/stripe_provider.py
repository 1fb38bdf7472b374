"""Stripe through its official library: Checkout Sessions take the money (a membership's as a subscription, which
Stripe renews each period), Refunds give it back, webhooks are checked by their Stripe-Signature. A StripeClient of
our own, not the global api_key: two configurations never collide."""

import json
import math
import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

import stripe

from .base import (
    Checkout,
    CheckoutRequest,
    InvalidWebhook,
    PaymentError,
    PaymentEvent,
    Refund,
)
from .stripe_events import read_event

DEFAULT_API_BASE = "https://api.stripe.com"
DEFAULT_TIMEOUT = 10.0  # seconds per request
DEFAULT_RETRIES = 1  # the library's own quick retries of one call, before the outbox's schedule takes over
TOLERANCE_SECONDS = 300  # how old a signed webhook may be (replays of older ones are refused)
# Stripe takes a Checkout Session's expires_at only 30 minutes to 24 hours after the session's creation; the minute
# of margin keeps us inside those bounds when our clock and Stripe's differ a little.
MIN_CHECKOUT_LIFE = timedelta(minutes=31)
MAX_CHECKOUT_LIFE = timedelta(hours=24) - timedelta(minutes=1)


class StripeProvider:
    """Checkouts and refunds on Stripe's API; webhooks verified with the endpoint's signing secret."""

    name = "stripe"
    closes_checkouts = True  # a Checkout Session stays payable until it expires unless we expire it
    minimum_amount = 1  # Stripe's minimums differ by currency and account: it refuses what it does not take

    def __init__(self, *, secret_key: str, webhook_secret: str, api_base: str, timeout: float, retries: int):
        self._secret_key = secret_key  # kept only to scrub it from any error text
        self.webhook_secret = webhook_secret
        self.client = stripe.StripeClient(
            secret_key,
            base_addresses={"api": api_base.rstrip("/")},
            # The library retries connection errors, 409 and 5xx itself, with the same Idempotency-Key.
            max_network_retries=retries,
            # Its default timeout is 80 s: far too long for a person waiting on "Book & pay".
            http_client=stripe.RequestsClient(timeout=timeout),
        )

    @classmethod
    def from_config(cls, config: Mapping) -> "StripeProvider":
        return cls(
            secret_key=config.get("STRIPE_SECRET_KEY") or "",
            webhook_secret=config.get("STRIPE_WEBHOOK_SECRET") or "",
            api_base=config.get("STRIPE_API_BASE") or DEFAULT_API_BASE,
            timeout=float(config.get("STRIPE_TIMEOUT", DEFAULT_TIMEOUT)),
            retries=int(config.get("STRIPE_MAX_NETWORK_RETRIES", DEFAULT_RETRIES)),
        )

    def create_checkout(self, request: CheckoutRequest) -> Checkout:
        now = datetime.now(UTC)
        expires_at = request.expires_at
        if expires_at < now + MIN_CHECKOUT_LIFE:
            # The hold's end plus (not now plus) the minimum: a retry with the same Idempotency-Key must send the
            # same parameters, or Stripe refuses it as an idempotency_error.
            expires_at += MIN_CHECKOUT_LIFE
        expires_at = min(expires_at, now + MAX_CHECKOUT_LIFE)
        paying_for = ("booking_id", request.booking_id) if request.pass_id is None else ("pass_id", request.pass_id)
        metadata = {paying_for[0]: str(paying_for[1])}
        product = {"name": request.description}
        price = {"currency": request.currency.lower(), "unit_amount": request.amount, "product_data": product}
        params = {
            "mode": "payment",
            "line_items": [{"price_data": price, "quantity": 1}],
            "customer_email": request.customer_email,
            "success_url": request.success_url,
            "cancel_url": request.cancel_url,
            "client_reference_id": metadata.get("booking_id", f"pass-{request.pass_id}"),
            "metadata": metadata,
            "payment_intent_data": {"metadata": metadata},
            "expires_at": int(expires_at.timestamp()),
        }
        if request.renews_every:
            params |= self._subscription(request, price, metadata)
            del params["payment_intent_data"]  # a subscription's payments are its invoices'
        options = {"idempotency_key": request.idempotency_key}
        session = self._call("checkout", lambda: self.client.v1.checkout.sessions.create(params, options))
        return Checkout(session.id, session.url, datetime.fromtimestamp(session.expires_at, UTC))

    def _subscription(self, request: CheckoutRequest, price: dict, metadata: dict) -> dict:
        """A membership's checkout: a subscription at the full price each period, the pass in its metadata (its
        invoices carry it), and a code's discount as a coupon for the first period only."""
        full = request.renewal_amount or request.amount
        price |= {"unit_amount": full, "recurring": {"interval": request.renews_every}}
        params = {"mode": "subscription", "subscription_data": {"metadata": metadata}}
        if full > request.amount:
            coupon = {
                "amount_off": full - request.amount,
                "currency": request.currency.lower(),
                "duration": "once",
                "max_redemptions": 1,
                "name": "Discount code",
            }
            options = {"idempotency_key": f"{request.idempotency_key}-coupon"}
            made = self._call("coupon", lambda: self.client.v1.coupons.create(coupon, options))
            params["discounts"] = [{"coupon": made.id}]
        return params

    def end_subscription(self, subscription_id: str, *, at_period_end: bool) -> str:
        """Cancel a membership's subscription now, or let it end with its period; one over already is no error."""
        try:
            if at_period_end:
                ended = self.client.v1.subscriptions.update(subscription_id, {"cancel_at_period_end": True})
            else:
                ended = self.client.v1.subscriptions.cancel(subscription_id)
        except stripe.InvalidRequestError as exc:
            if exc.http_status == 400:  # canceled already: Stripe refuses to change it
                return f"already over: {exc.user_message}"[:500]
            raise self._error("subscription end", exc) from None
        except stripe.StripeError as exc:
            raise self._error("subscription end", exc) from None
        when = " at its period's end" if ended.cancel_at_period_end else ""
        return f"subscription {ended.id}: {ended.status}{when}"

    def close_checkout(self, reference: str) -> str:
        """Expire the Checkout Session; one already complete or expired is answered 400, which is as good."""
        try:
            session = self.client.v1.checkout.sessions.expire(reference)
        except stripe.InvalidRequestError as exc:
            if exc.http_status == 400:
                return f"already over: {exc.user_message}"[:500]
            raise self._error("checkout expiry", exc) from None
        except stripe.StripeError as exc:
            raise self._error("checkout expiry", exc) from None
        return f"checkout {session.id}: {session.status}"

    def parse_webhook(self, body: bytes, headers: dict[str, str]) -> PaymentEvent:
        signature = next((value for name, value in headers.items() if name.lower() == "stripe-signature"), None)
        try:
            text = body.decode("utf-8")  # what Stripe signs; the library would raise UnicodeDecodeError on bytes
            stripe.WebhookSignature.verify_header(text, signature, self.webhook_secret, TOLERANCE_SECONDS)
        except UnicodeDecodeError:
            raise InvalidWebhook("Stripe webhook body is not UTF-8") from None
        except stripe.SignatureVerificationError as exc:
            raise InvalidWebhook(f"Stripe-Signature refused: {exc.user_message}") from None
        # The library refuses only what is too old; one stamped ahead of our clock by more than the tolerance is
        # refused too, as our other verifiers do (a signature made for later could be replayed until then).
        if _signed_at(signature) > time.time() + TOLERANCE_SECONDS:
            raise InvalidWebhook("Stripe-Signature refused: timestamp outside the tolerance zone (in the future)")
        try:
            return read_event(json.loads(text))
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise InvalidWebhook(f"unreadable Stripe webhook: {type(exc).__name__}") from None

    def charge_renewal(self, payment_id: str, amount: int, currency: str, *, idempotency_key: str):
        """Never ours to charge: Stripe renews a membership through its subscription (the checkout made one)."""
        raise PaymentError(
            "Stripe renews memberships through their subscriptions, not by a charge of ours.", configuration=True
        )

    def refund(self, payment_id: str, amount: int, currency: str, *, idempotency_key: str) -> Refund:
        # No currency parameter: a refund is always in the payment's own currency.
        params = {**self._refundable(payment_id), "amount": amount}
        options = {"idempotency_key": idempotency_key}
        refund = self._call("refund", lambda: self.client.v1.refunds.create(params, options))
        if refund.status in ("failed", "canceled"):
            reason = getattr(refund, "failure_reason", None) or "no reason given"
            raise PaymentError(f"Stripe refund {refund.id} {refund.status}: {reason}", transient=False)
        # pending / requires_action: a refund.updated webhook says how it ends.
        return Refund(refund.id, "processed" if refund.status == "succeeded" else "initiated")

    def _refundable(self, payment_id: str) -> dict:
        """What a refund names: the PaymentIntent, or for a subscription's invoice (in_...) what paid it."""
        if not payment_id.startswith("in_"):
            return {"payment_intent": payment_id}
        listed = self._call(
            "invoice payments", lambda: self.client.v1.invoice_payments.list({"invoice": payment_id, "status": "paid"})
        )
        for paid in listed.data:
            if paid.payment.type == "payment_intent":
                return {"payment_intent": paid.payment.payment_intent}
            if paid.payment.type == "charge":
                return {"charge": paid.payment.charge}
        raise PaymentError(f"Stripe invoice {payment_id} has no payment to refund.", transient=False)

    def check_keys(self) -> None:
        """Whether Stripe takes these keys: a configuration PaymentError if not, an unreachable one when down."""
        self._call("key check", lambda: self.client.v1.balance.retrieve(options={"max_network_retries": 0}))

    def test_connection(self) -> bool:
        try:
            # The cheapest authenticated read; a probe answers at once rather than retrying.
            self.client.v1.balance.retrieve(options={"max_network_retries": 0})
        except stripe.StripeError:
            return False
        return True

    def _call(self, what: str, call):
        """Run one API call; a failure becomes a PaymentError that says whether a retry can help."""
        try:
            return call()
        except stripe.StripeError as exc:
            raise self._error(what, exc) from None

    def _error(self, what: str, exc: stripe.StripeError) -> PaymentError:
        status = exc.http_status
        text = f"Stripe {what} failed: {type(exc).__name__}{f' (HTTP {status})' if status else ''}: {exc.user_message}"
        if self._secret_key:  # Stripe masks keys in its messages; this is for anything that does not
            text = text.replace(self._secret_key, "[STRIPE_SECRET_KEY]")
        if isinstance(exc, stripe.APIConnectionError):
            return PaymentError(text, unreachable=True)
        if isinstance(exc, stripe.AuthenticationError | stripe.PermissionError):
            return PaymentError(text, configuration=True)
        # 409 is a concurrent request on the same object or key; 429 (or an old-style 400 rate_limit) says wait.
        retry = isinstance(exc, stripe.RateLimitError) or status is None or status >= 500 or status in (409, 429)
        error = PaymentError(text, transient=retry)
        error.retry_after = _retry_after(exc.headers or {})
        return error


def _signed_at(signature: str) -> int:
    """The t= of a Stripe-Signature header the library has verified (so it is there and a number)."""
    stamps = [item.split("=", 1)[1] for item in signature.split(",") if item.strip().startswith("t=")]
    return int(stamps[0])


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds asked for by a Retry-After header (the library's errors keep the response's headers), if a number."""
    try:
        seconds = float(headers.get("Retry-After", ""))
    except ValueError:
        return None
    return max(0.0, seconds) if math.isfinite(seconds) else None  # "inf" would overflow the dispatcher's timedelta

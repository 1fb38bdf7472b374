"""Razorpay through its official library: Orders take the money on Razorpay's Checkout (UPI, cards, netbanking,
wallets), opened from a page of ours; Subscriptions renew memberships (UPI AutoPay, card mandates); refunds give it
back; webhooks are checked by their X-Razorpay-Signature. A razorpay.Client of our own per configuration."""

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime

import razorpay
import requests
from dateutil.relativedelta import relativedelta

from .base import (
    IGNORED,
    PAYMENT_AUTHORIZED,
    PAYMENT_SUCCEEDED,
    Checkout,
    CheckoutRequest,
    InvalidWebhook,
    PaymentError,
    PaymentEvent,
    Refund,
)
from .razorpay_events import read_event
from .razorpay_http import payment_error, status_hook

DEFAULT_API_BASE = "https://api.razorpay.com"
DEFAULT_CHECKOUT_JS = "https://checkout.razorpay.com/v1/checkout.js"
DEFAULT_TIMEOUT = 10.0  # seconds per request (the library sets none of its own)
MAX_RECEIPT = 40  # Razorpay's limit on an order's receipt
MIN_AMOUNT = 100  # Razorpay takes no order under ₹1 (in paise)
PAGE = 100  # the most items Razorpay lists at once (10 unless asked)
PERIODS = {"month": ("monthly", relativedelta(months=1)), "year": ("yearly", relativedelta(years=1))}
# Razorpay asks how many charges a subscription makes: ten years' worth, ended early by a cancel of ours.
TOTAL_COUNTS = {"month": 120, "year": 10}
REFUND_STATES = {"processed": "processed", "pending": "initiated", "created": "initiated"}
OVER = ("cancelled", "completed", "expired")  # a subscription in these takes no more charges


class RazorpayProvider:
    """Orders and Subscriptions on Razorpay's API; webhooks verified with the endpoint's secret."""

    name = "razorpay"
    # An order cannot be closed on Razorpay: our checkout page refuses once the hold ended, and a payment that comes
    # later all the same is handled by the late-payment rules (payments.webhooks._paid).
    closes_checkouts = False
    minimum_amount = MIN_AMOUNT

    def __init__(
        self, *, key_id: str, key_secret: str, webhook_secret: str, api_base: str, checkout_base: str, timeout: float
    ):
        self.key_id = key_id
        self._key_secret = key_secret  # kept only to scrub it from any error text
        self.webhook_secret = webhook_secret
        self.checkout_base = checkout_base.rstrip("/")
        self.timeout = timeout
        session = requests.Session()
        session.hooks["response"].append(status_hook)
        self.client = razorpay.Client(session=session, auth=(key_id, key_secret), base_url=api_base.rstrip("/"))

    @classmethod
    def from_config(cls, config: Mapping) -> "RazorpayProvider":
        return cls(
            key_id=config.get("RAZORPAY_KEY_ID") or "",
            key_secret=config.get("RAZORPAY_KEY_SECRET") or "",
            webhook_secret=config.get("RAZORPAY_WEBHOOK_SECRET") or "",
            api_base=config.get("RAZORPAY_API_BASE") or DEFAULT_API_BASE,
            checkout_base=f"{config['PUBLIC_API_URL']}/payments/razorpay/checkout",
            timeout=float(config.get("RAZORPAY_TIMEOUT", DEFAULT_TIMEOUT)),
        )

    def create_checkout(self, request: CheckoutRequest) -> Checkout:
        """An order (or a membership's subscription) for the checkout page of ours that opens Razorpay's Checkout."""
        reference = self._subscription(request) if request.renews_every else self._order(request)
        return Checkout(reference, f"{self.checkout_base}/{reference}", request.expires_at)

    def _order(self, request: CheckoutRequest) -> str:
        """The order of this idempotency key: the one made already (its receipt), else a new one. Razorpay keeps no
        idempotency keys and takes one receipt twice, so two calls at once may both make one: each then looks again
        and takes the first made, and both answer with the same order (the other is never shown, so never paid)."""
        if request.amount < MIN_AMOUNT:  # Razorpay refuses it: never sent (services.payments answers first)
            raise PaymentError("Razorpay takes no order under ₹1.", transient=False)
        receipt = receipt_of(request.idempotency_key)
        if (found := self._first_order(receipt)) is not None:
            return found
        params = {
            "amount": request.amount,
            "currency": request.currency.upper(),
            "receipt": receipt,
            "notes": _paying_for(request),
        }
        order = self._call("order", lambda: self.client.order.create(params, timeout=self.timeout))
        return self._first_order(receipt) or str(order["id"])

    def _first_order(self, receipt: str) -> str | None:
        """The first order made with this receipt, if any (every page of the matches is read)."""
        found = self._every(
            "order lookup", lambda page: self.client.order.all(page, timeout=self.timeout), receipt=receipt
        )
        orders = [order for order in found if order.get("receipt") == receipt]
        first = min(orders, key=lambda order: (order.get("created_at") or 0, str(order["id"])), default=None)
        return None if first is None else str(first["id"])

    def _subscription(self, request: CheckoutRequest) -> str:
        """A plan at the renewal price, and a subscription on it whose first period is paid when the person
        authorises it (an upfront add-on of the first period's price, a code's discount taken off), so the plan's
        own charges start one period later. It expires unauthorised with the hold."""
        period, step = PERIODS[request.renews_every]
        currency = request.currency.upper()
        plan = {
            "period": period,
            "interval": 1,
            "item": {
                "name": request.description,
                "amount": request.renewal_amount or request.amount,
                "currency": currency,
            },
            "notes": _paying_for(request),
        }
        made = self._call("plan", lambda: self.client.plan.create(plan, timeout=self.timeout))
        params = {
            "plan_id": made["id"],
            "total_count": TOTAL_COUNTS[request.renews_every],
            "customer_notify": 1,
            "start_at": int((datetime.now(UTC) + step).timestamp()),
            "expire_by": int(request.expires_at.timestamp()),
            "addons": [{"item": {"name": "First period", "amount": request.amount, "currency": currency}}],
            "notes": _paying_for(request),
        }
        subscription = self._call("subscription", lambda: self.client.subscription.create(params, timeout=self.timeout))
        return str(subscription["id"])

    def close_checkout(self, reference: str) -> str:
        """Nothing to close: Razorpay orders stay payable (closes_checkouts is False, so this is never asked)."""
        return "Razorpay orders cannot be closed"

    def checkout_paid(self, reference: str, answer: Mapping[str, str]) -> PaymentEvent:
        """What Checkout's handler sent back for reference, verified with the key secret and read from the payment
        itself: PAYMENT_SUCCEEDED once captured, PAYMENT_AUTHORIZED while only authorised (ours to capture).
        InvalidWebhook for a signature that is not Razorpay's or a payment of another order, PaymentError when
        Razorpay cannot be asked."""
        payment_id = str(answer.get("razorpay_payment_id") or "")
        signature = str(answer.get("razorpay_signature") or "")
        if not payment_id or not signature:
            raise InvalidWebhook("the checkout's answer has no payment id or signature")
        subscription = reference.startswith("sub_")
        fields = {"razorpay_payment_id": payment_id, "razorpay_signature": signature}
        try:
            if subscription:
                fields["razorpay_subscription_id"] = reference
                self.client.utility.verify_subscription_payment_signature(fields)
            else:
                fields["razorpay_order_id"] = reference
                self.client.utility.verify_payment_signature(fields)
        except razorpay.errors.SignatureVerificationError:
            raise InvalidWebhook("razorpay_signature refused") from None
        paid = self._call("payment", lambda: self.client.payment.fetch(payment_id, timeout=self.timeout))
        if not subscription and paid.get("order_id") != reference:  # the order in the page's address, no other
            raise InvalidWebhook("the payment is not this order's")
        states = {"captured": PAYMENT_SUCCEEDED, "authorized": PAYMENT_AUTHORIZED}
        return PaymentEvent(
            event_id=f"checkout:{payment_id}" + ("" if paid.get("status") == "captured" else ":authorized"),
            kind=states.get(paid.get("status"), IGNORED),
            reference=reference,
            payment_id=payment_id,
            amount=int(paid["amount"]),
            currency=str(paid["currency"]).upper(),
            subscription_id=reference if subscription else None,
        )

    def parse_webhook(self, body: bytes, headers: dict[str, str]) -> PaymentEvent:
        lowered = {name.lower(): value for name, value in headers.items()}
        signature = lowered.get("x-razorpay-signature")
        if not signature:
            raise InvalidWebhook("X-Razorpay-Signature missing")
        try:
            text = body.decode("utf-8")  # the library signs text
            self.client.utility.verify_webhook_signature(text, signature, self.webhook_secret)
        except UnicodeDecodeError:
            raise InvalidWebhook("Razorpay webhook body is not UTF-8") from None
        except razorpay.errors.SignatureVerificationError:
            raise InvalidWebhook("X-Razorpay-Signature refused") from None
        # Razorpay names each event in X-Razorpay-Event-Id (a resend keeps it); without one, the body's digest: a
        # resend is byte-equal, and two events always differ (their created_at and entities).
        event_id = lowered.get("x-razorpay-event-id") or "sha256:" + hashlib.sha256(body).hexdigest()
        try:
            return read_event(event_id, json.loads(text))
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise InvalidWebhook(f"unreadable Razorpay webhook: {type(exc).__name__}") from None

    def charge_renewal(self, payment_id: str, amount: int, currency: str, *, idempotency_key: str):
        """Never ours to charge: Razorpay renews a membership through its subscription (the checkout made one)."""
        raise PaymentError(
            "Razorpay renews memberships through their subscriptions, not by a charge of ours.", configuration=True
        )

    def refund(self, payment_id: str, amount: int, currency: str, *, idempotency_key: str) -> Refund:
        """Refund in full or part; Razorpay keeps no idempotency keys, so the key rides in the refund's notes and a
        retry finds the refund made already among the payment's refunds."""
        listed = self._every(
            "refund lookup",
            lambda page: self.client.payment.fetch_multiple_refund(payment_id, page, timeout=self.timeout),
        )
        made = next((r for r in listed if (r.get("notes") or {}).get("idempotency_key") == idempotency_key), None)
        if made is None:
            params = {
                "amount": amount,
                "speed": "normal",
                "notes": {"idempotency_key": idempotency_key},
                "receipt": receipt_of(idempotency_key),
            }
            made = self._call("refund", lambda: self.client.payment.refund(payment_id, params, timeout=self.timeout))
        if made.get("status") == "failed":
            raise PaymentError(f"Razorpay refund {made.get('id')} failed", transient=False)
        return Refund(str(made["id"]), REFUND_STATES.get(made.get("status"), "initiated"))

    def capture(self, payment_id: str, amount: int, currency: str) -> str:
        """Capture an authorised payment for its amount; one captured already (a retry, the Dashboard's own
        auto-capture) is no error."""
        params = {"currency": currency.upper()}
        try:
            captured = self.client.payment.capture(payment_id, amount, params, timeout=self.timeout)
        except razorpay.errors.BadRequestError as exc:
            found = self._call("payment", lambda: self.client.payment.fetch(payment_id, timeout=self.timeout))
            if found.get("status") == "captured":
                return "already captured"
            raise self._error("capture", exc) from None
        except (razorpay.errors.GatewayError, razorpay.errors.ServerError, requests.RequestException) as exc:
            raise self._error("capture", exc) from None
        return f"payment {captured.get('id')}: {captured.get('status')}"

    def end_subscription(self, subscription_id: str, *, at_period_end: bool) -> str:
        """Cancel a membership's subscription now, or at its cycle's end; one over already is no error."""
        params = {"cancel_at_cycle_end": 1 if at_period_end else 0}
        try:
            ended = self.client.subscription.cancel(subscription_id, params, timeout=self.timeout)
        except razorpay.errors.BadRequestError as exc:
            # Razorpay refuses to cancel one cancelled or completed: ask what it is before calling it a failure.
            found = self._call(
                "subscription", lambda: self.client.subscription.fetch(subscription_id, timeout=self.timeout)
            )
            status = found.get("status")
            if status in OVER:
                return f"already over: {status}"
            raise self._error("subscription end", exc) from None
        except (razorpay.errors.GatewayError, razorpay.errors.ServerError, requests.RequestException) as exc:
            raise self._error("subscription end", exc) from None
        when = " at its cycle's end" if at_period_end else ""
        return f"subscription {ended.get('id')}: {ended.get('status')}{when}"

    def check_keys(self) -> None:
        """Whether Razorpay takes these keys (a 401 is a configuration PaymentError), by the cheapest read."""
        self._call("key check", lambda: self.client.order.all({"count": 1}, timeout=self.timeout))

    def test_connection(self) -> bool:
        try:
            self.check_keys()
        except PaymentError:
            return False
        return True

    def _every(self, what: str, fetch, **params) -> list[dict]:
        """Every item of a Razorpay collection, page after page (fetch takes the page's query)."""
        items: list[dict] = []
        while True:
            page = {**params, "count": PAGE, "skip": len(items)}
            found = self._call(what, lambda page=page: fetch(page)).get("items", [])
            items.extend(found)
            if len(found) < PAGE:
                return items

    def _call(self, what: str, call):
        """Run one API call; a failure becomes a PaymentError that says whether a retry can help."""
        try:
            return call()
        except (
            razorpay.errors.BadRequestError,
            razorpay.errors.GatewayError,
            razorpay.errors.ServerError,
            requests.RequestException,
        ) as exc:
            raise self._error(what, exc) from None

    def _error(self, what: str, exc: Exception) -> PaymentError:
        return payment_error(f"Razorpay {what}", exc, self._key_secret)


def receipt_of(key: str) -> str:
    """Our idempotency key as a receipt (Razorpay takes at most 40 characters): a digest of one longer."""
    return key if len(key) <= MAX_RECEIPT else "h-" + hashlib.sha256(key.encode()).hexdigest()[: MAX_RECEIPT - 2]


def _paying_for(request: CheckoutRequest) -> dict:
    """The notes naming what a payment is for (webhooks read them back)."""
    if request.pass_id is not None:
        return {"pass_id": str(request.pass_id)}
    return {"booking_id": str(request.booking_id)}

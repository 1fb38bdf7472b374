"""A fake Stripe API for the main API's tests: a real HTTP server on 127.0.0.1 that answers the Stripe calls we
make as Stripe does (STRIPE_API_BASE points at it), and webhook bodies signed exactly the way Stripe signs them."""

import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass

from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

SECRET_KEY = "sk_test_51FakeSecretKeyOnlyForTheseTests0123456789"
WEBHOOK_SECRET = "whsec_FakeSigningSecretOnlyForTheseTests"

ERRORS = {  # Stripe's error bodies, by status
    400: {"type": "invalid_request_error", "param": "amount", "message": "Invalid integer: -1"},
    403: {"type": "invalid_request_error", "message": "The provided key does not have the required permissions."},
    409: {"type": "invalid_request_error", "message": "There is currently another in-progress request using this key."},
    429: {"type": "invalid_request_error", "code": "rate_limit", "message": "Request rate limit exceeded."},
    500: {"type": "api_error", "message": "An unknown error occurred."},
    503: {"type": "api_error", "message": "The service is temporarily unavailable."},
}


@dataclass
class Recorded:
    """One request the fake Stripe received."""

    method: str
    path: str
    form: dict
    headers: dict


@dataclass
class Failure:
    """A scripted answer for the next request instead of the real one."""

    status: int
    headers: dict
    delay: float


class _QuietHandler(WSGIRequestHandler):
    def log(self, *args, **kwargs):  # keep test output clean
        pass


class FakeStripe:
    """Answers the Stripe calls we make (checkouts, coupons, refunds, a subscription's end, an invoice's payments, the
    balance), records every request, replays a repeated Idempotency-Key (and refuses
    one reused with other parameters) as Stripe does, and answers scripted failures when told."""

    def __init__(self):
        self.requests: list[Recorded] = []
        self.secret_keys = {SECRET_KEY}  # the accounts' keys it takes (a studio's own account adds its key)
        self.failures: list[Failure] = []
        self.refund_status = "succeeded"
        self.saved: dict[str, tuple[dict, dict]] = {}  # Idempotency-Key → (form, answer)
        self.replayed = 0
        self.expired: set[str] = set()  # Checkout Sessions expired through the API
        self.coupons: dict[str, int] = {}  # coupon id → amount off
        self.canceled: set[str] = set()  # subscriptions cancelled through the API
        self.ending: set[str] = set()  # subscriptions set to end at their period's end
        self._lock = threading.Lock()
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True, request_handler=_QuietHandler)
        self.url = f"http://127.0.0.1:{self._server.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def fail(self, status: int, *, headers: dict | None = None, delay: float = 0.0) -> None:
        """Answer the next request with this status (200 after delay seconds, for a timeout)."""
        self.failures.append(Failure(status, headers or {}, delay))

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _wsgi(self, environ, start_response):
        request = Request(environ)
        form = request.form.to_dict() if request.method == "POST" else request.args.to_dict()
        recorded = Recorded(request.method, request.path, form, dict(request.headers))
        with self._lock:
            self.requests.append(recorded)
            failure = self.failures.pop(0) if self.failures else None
        if failure:
            time.sleep(failure.delay)
            if failure.status != 200:
                return self._error(failure.status, ERRORS[failure.status], failure.headers)(environ, start_response)
        return self._answer(recorded)(environ, start_response)

    def _answer(self, sent: Recorded) -> Response:
        if sent.headers.get("Authorization") not in {f"Bearer {key}" for key in self.secret_keys}:
            # Real Stripe masks the key here; echoing it whole shows that our errors never carry it.
            key = sent.headers.get("Authorization", "").removeprefix("Bearer ")
            return self._error(401, {"type": "invalid_request_error", "message": f"Invalid API Key provided: {key}"})
        key = sent.headers.get("Idempotency-Key")
        with self._lock:
            if key in self.saved:
                form, answer = self.saved[key]
                if form != sent.form:
                    message = (
                        "Keys for idempotent requests can only be used with the same parameters they were first"
                        f" used with. Try using a key other than '{key}' if you meant to execute a different request."
                    )
                    return self._error(400, {"type": "idempotency_error", "message": message})
                self.replayed += 1
                return self._json(answer, {"Idempotent-Replayed": "true"})
        answer = self._route(sent)
        if isinstance(answer, Response):
            return answer
        if key:
            with self._lock:
                self.saved[key] = (sent.form, answer)
        return self._json(answer)

    def _route(self, sent: Recorded) -> dict | Response:
        """The answer to one authorised request: Stripe's object, or its error."""
        call = (sent.method, sent.path)
        if call == ("POST", "/v1/checkout/sessions"):
            return session_answer(sent.form, self.coupons)
        if call == ("POST", "/v1/coupons"):
            coupon_id = "coupon_" + secrets.token_hex(6)
            with self._lock:
                self.coupons[coupon_id] = int(sent.form["amount_off"])
            return {"id": coupon_id, "object": "coupon", **sent.form, "amount_off": int(sent.form["amount_off"])}
        if call == ("POST", "/v1/refunds"):
            return refund_answer(sent.form, self.refund_status)
        if call == ("GET", "/v1/balance"):
            return {"object": "balance", "available": [{"amount": 0, "currency": "inr"}], "livemode": False}
        if call == ("GET", "/v1/invoice_payments"):
            return invoice_payments_answer(sent.form)
        if sent.method == "POST" and re.fullmatch(r"/v1/checkout/sessions/cs_\w+/expire", sent.path):
            session_id = sent.path.split("/")[4]
            with self._lock:
                if session_id in self.expired:  # Stripe's answer for one expired (or completed) already
                    message = f"Only Checkout Sessions with a status in [open] can be expired ({session_id})."
                    return self._error(400, {"type": "invalid_request_error", "message": message})
                self.expired.add(session_id)
            return {"id": session_id, "object": "checkout.session", "status": "expired"}
        if sent.method in ("POST", "DELETE") and re.fullmatch(r"/v1/subscriptions/sub_\w+", sent.path):
            return self._end_subscription(sent)
        unknown = f"Unrecognized request URL ({sent.path})."
        return self._error(404, {"type": "invalid_request_error", "message": unknown})

    def _end_subscription(self, sent: Recorded) -> dict | Response:
        """Cancel a subscription (DELETE) or set it to end with its period (POST cancel_at_period_end)."""
        subscription_id = sent.path.rsplit("/", 1)[1]
        with self._lock:
            if subscription_id in self.canceled:
                message = "A canceled subscription can only update its cancellation_details and metadata."
                return self._error(400, {"type": "invalid_request_error", "message": message})
            if sent.method == "DELETE":
                self.canceled.add(subscription_id)
            elif sent.form.get("cancel_at_period_end") == "true":
                self.ending.add(subscription_id)
            ending = subscription_id in self.ending
        status = "canceled" if sent.method == "DELETE" else "active"
        return {"id": subscription_id, "object": "subscription", "status": status, "cancel_at_period_end": ending}

    def _json(self, body: dict, headers: dict | None = None, status: int = 200) -> Response:
        headers = {"Request-Id": "req_" + secrets.token_hex(7), **(headers or {})}
        return Response(json.dumps(body), status, headers, content_type="application/json")

    def _error(self, status: int, error: dict, headers: dict | None = None) -> Response:
        return self._json({"error": error}, headers, status)


def session_answer(form: dict, coupons: dict[str, int]) -> dict:
    """A Checkout Session as Stripe answers its creation, from the form we sent (less a coupon it names)."""
    session_id = "cs_test_" + secrets.token_hex(12)
    amount = int(form["line_items[0][price_data][unit_amount]"])
    discount = coupons.get(form.get("discounts[0][coupon]"), 0)
    return {
        "id": session_id,
        "object": "checkout.session",
        "amount_subtotal": amount,
        "amount_total": amount - discount,
        "cancel_url": form["cancel_url"],
        "client_reference_id": form["client_reference_id"],
        "created": int(time.time()),
        "currency": form["line_items[0][price_data][currency]"],
        "customer_email": form["customer_email"],
        "expires_at": int(form["expires_at"]),
        "livemode": False,
        "metadata": {key[len("metadata[") : -1]: value for key, value in form.items() if key.startswith("metadata[")},
        "mode": form["mode"],
        "payment_intent": None,
        "subscription": None,  # made when the person pays
        "payment_status": "unpaid",
        "status": "open",
        "success_url": form["success_url"],
        "url": f"https://checkout.stripe.com/c/pay/{session_id}",
    }


def refund_answer(form: dict, status: str) -> dict:
    """A Refund as Stripe answers its creation."""
    return {
        "id": "re_" + secrets.token_hex(12),
        "object": "refund",
        "amount": int(form["amount"]),
        "charge": "ch_3FakeCharge",
        "created": int(time.time()),
        "currency": "inr",
        "failure_reason": "expired_or_canceled_card" if status == "failed" else None,
        "payment_intent": form["payment_intent"],
        "status": status,
    }


def invoice_payments_answer(query: dict) -> dict:
    """The payments of an invoice as Stripe lists them: one PaymentIntent (pi_ and the invoice's own suffix) for an
    invoice paid, none for one whose id says unpaid."""
    invoice = query["invoice"]
    suffix = invoice.removeprefix("in_")
    paid = {
        "id": "inpay_" + suffix,
        "object": "invoice_payment",
        "amount_paid": 450000,
        "currency": "inr",
        "invoice": invoice,
        "is_default": True,
        "payment": {"type": "payment_intent", "payment_intent": "pi_" + suffix},
        "status": "paid",
    }
    data = [] if suffix.startswith("unpaid") else [paid]
    return {"object": "list", "data": data, "has_more": False, "url": "/v1/invoice_payments"}


def paid_session(checkout_url: str, amount: int) -> dict:
    """The Checkout Session at checkout_url, paid in full, as checkout.session.completed carries it."""
    return {
        "id": checkout_url.rsplit("/", 1)[1],
        "object": "checkout.session",
        "amount_total": amount,
        "currency": "inr",
        "mode": "payment",
        "payment_intent": "pi_" + secrets.token_hex(6),
        "payment_status": "paid",
        "status": "complete",
    }


def stripe_signature(body: bytes, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """Stripe-Signature as Stripe computes it: t, and v1 = hex HMAC-SHA256 of "{t}.{body}" with the endpoint's
    secret; test mode adds a v0 signature that receivers ignore."""
    t = int(time.time()) if timestamp is None else timestamp
    v1 = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={v1},v0={hashlib.sha256(body).hexdigest()}"


def event_body(kind: str, obj: dict, event_id: str = "evt_1FakeEvent") -> bytes:
    """A webhook body as Stripe sends it (a snapshot event)."""
    event = {
        "id": event_id,
        "object": "event",
        "api_version": "2026-09-30.clover",
        "created": int(time.time()),
        "data": {"object": obj},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": kind,
    }
    return json.dumps(event).encode()

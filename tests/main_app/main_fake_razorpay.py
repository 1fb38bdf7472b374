"""A fake Razorpay API for the main API's tests: a real HTTP server on 127.0.0.1 that answers the Razorpay calls we
make with the documented shapes (RAZORPAY_API_BASE points at it; HTTP Basic auth with the key pair checked), webhook
bodies and checkout answers signed exactly as Razorpay signs them, and a checkout.js (/v1/checkout.js) standing in
for Razorpay's Checkout in a browser. `python -m main_fake_razorpay --port N [--webhook URL]` runs it alone."""

import argparse
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import requests
from razorpay_shapes import (
    KEY_ID,
    KEY_SECRET,
    WEBHOOK_SECRET,
    basic_auth,
    collection,
    handler_signature,
    order_entity,
    payment_entity,
    plan_entity,
    refund_entity,
    subscription_entity,
    webhook_body,
    webhook_headers,
)
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

CHECKOUT_JS = Path(__file__).with_name("fake_razorpay_checkout.js")

ERRORS = {  # Razorpay's error bodies, by status
    400: ("BAD_REQUEST_ERROR", "The amount must be atleast INR 1.00"),
    401: ("BAD_REQUEST_ERROR", "Authentication failed"),
    429: ("BAD_REQUEST_ERROR", "Too many requests"),
    500: ("SERVER_ERROR", "We are facing some trouble completing your request at the moment."),
    502: ("GATEWAY_ERROR", "Payment processing failed due to error at bank or wallet gateway"),
    503: ("SERVER_ERROR", "The service is temporarily unavailable."),
}


@dataclass
class Recorded:
    """One request the fake Razorpay received: its JSON body (POST) or query (GET)."""

    method: str
    path: str
    body: dict
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


class FakeRazorpay:
    """Answers the Razorpay calls we make (orders, payments, refunds, plans, subscriptions), records every request,
    answers scripted failures when told, and takes payments from its checkout.js (webhooks sent when told where)."""

    def __init__(self, port: int = 0, *, webhook_url: str | None = None, webhook_secret: str = WEBHOOK_SECRET):
        self.requests: list[Recorded] = []
        self.failures: list[Failure] = []
        self.refund_status = "processed"
        self.orders: dict[str, dict] = {}
        self.payments: dict[str, dict] = {}
        self.refunds: dict[str, list[dict]] = {}  # payment id → its refunds
        self.plans: dict[str, dict] = {}
        self.subscriptions: dict[str, dict] = {}
        self.canceled: set[str] = set()  # subscriptions cancelled now
        self.ending: set[str] = set()  # subscriptions set to end with their cycle
        self.webhook_url, self.webhook_secret = webhook_url, webhook_secret
        self.sent_webhooks: list[tuple[str, int]] = []  # (event, our answer's status)
        self._lock = threading.Lock()
        self._server = make_server("127.0.0.1", port, self._wsgi, threaded=True, request_handler=_QuietHandler)
        self.url = f"http://127.0.0.1:{self._server.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def fail(self, status: int, *, headers: dict | None = None, delay: float = 0.0) -> None:
        """Answer the next API request with this status (200 after delay seconds, for a timeout)."""
        self.failures.append(Failure(status, headers or {}, delay))

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def calls(self, method: str, pattern: str) -> list[Recorded]:
        """The requests made with this method to a path matching the regular expression."""
        return [r for r in self.requests if r.method == method and re.fullmatch(pattern, r.path)]

    def _wsgi(self, environ, start_response):
        request = Request(environ)
        if request.path == "/v1/checkout.js":
            return Response(CHECKOUT_JS.read_text(), content_type="application/javascript")(environ, start_response)
        if request.path == "/v1/fake_checkout/pay":  # what the stand-in checkout.js posts: no key secret there
            return self._json(self._checkout_pay(request.form.to_dict()), cors=True)(environ, start_response)
        body = request.get_json(silent=True) if request.method != "GET" else request.args.to_dict()
        recorded = Recorded(request.method, request.path, body or {}, dict(request.headers))
        with self._lock:
            self.requests.append(recorded)
            failure = self.failures.pop(0) if self.failures else None
        if failure:
            time.sleep(failure.delay)
            if failure.status != 200:
                return self._error(failure.status, failure.headers)(environ, start_response)
        if recorded.headers.get("Authorization") != basic_auth(KEY_ID, KEY_SECRET):
            return self._error(401)(environ, start_response)
        return self._route(recorded)(environ, start_response)

    def _route(self, sent: Recorded) -> Response:
        """The answer to one authorised request: Razorpay's entity, or its error."""
        method, path, body = sent.method, sent.path, sent.body
        if (method, path) == ("POST", "/v1/orders"):
            if refused := _refused_order(body):
                return self._error(400, description=refused)
            return self._json(self._keep(self.orders, order_entity(body)))
        if (method, path) == ("GET", "/v1/orders"):
            found = [o for o in self.orders.values() if "receipt" not in body or o["receipt"] == body["receipt"]]
            return self._json(collection(_page(sorted(found, key=lambda o: -o["created_at"]), body)))
        if (method, path) == ("POST", "/v1/plans"):
            return self._json(self._keep(self.plans, plan_entity(body)))
        if (method, path) == ("POST", "/v1/subscriptions"):
            return self._json(self._keep(self.subscriptions, subscription_entity(body)))
        if match := re.fullmatch(r"/v1/(orders|payments|subscriptions)/(\w+)", path):
            found = getattr(self, match[1]).get(match[2])
            return self._json(found) if found else self._error(400, description="The id provided does not exist")
        if match := re.fullmatch(r"/v1/payments/(\w+)/refunds?", path):
            if match[1] not in self.payments:
                return self._error(400, description="The id provided does not exist")
            if method == "GET":
                return self._json(collection(_page(self.refunds.get(match[1], [])[::-1], body)))
            return self._refund(match[1], body)
        if match := re.fullmatch(r"/v1/payments/(\w+)/capture", path):
            return self._capture(match[1], body)
        if match := re.fullmatch(r"/v1/subscriptions/(\w+)/cancel", path):
            return self._cancel(match[1], body)
        return self._error(400, description="The requested URL was not found on the server.")

    def _keep(self, store: dict, entity: dict) -> dict:
        with self._lock:
            store[entity["id"]] = entity
        return entity

    def _refund(self, payment_id: str, body: dict) -> Response:
        """A refund of a captured payment, never above what is left of it (Razorpay's rules on its fields too)."""
        with self._lock:
            payment = self.payments[payment_id]
            refund = refund_entity(payment, body, self.refund_status)
            given = [r for r in self.refunds.get(payment_id, []) if r["status"] != "failed"]
            left = payment["amount"] - sum(r["amount"] for r in given)
            if refused := _refused_fields(body) or _refused_refund(payment, refund["amount"], left):
                return self._error(400, description=refused)
            self.refunds.setdefault(payment_id, []).append(refund)
            payment["amount_refunded"] = payment["amount"] - left + refund["amount"]
        return self._json(refund)

    def _capture(self, payment_id: str, body: dict) -> Response:
        """Capture an authorised payment, for exactly its amount and currency; then its webhooks, when told where."""
        with self._lock:
            payment = self.payments.get(payment_id)
            if payment is None:
                return self._error(400, description="The id provided does not exist")
            if payment["status"] != "authorized":
                return self._error(400, description="This payment has already been captured")
            if (int(body.get("amount", 0)), body.get("currency")) != (payment["amount"], payment["currency"]):
                return self._error(400, description="Capture amount must be equal to the amount authorized")
            payment["status"], payment["captured"] = "captured", True
            order = self.orders.get(payment["order_id"])
            if order is not None and order["status"] != "paid":
                order |= {"status": "paid", "amount_paid": payment["amount"], "amount_due": 0}
        self._send_webhooks(payment["order_id"], payment)
        return self._json(payment)

    def _cancel(self, subscription_id: str, body: dict) -> Response:
        """Cancel now, or at the cycle's end (cancel_at_cycle_end 1); one cancelled already is refused."""
        with self._lock:
            subscription = self.subscriptions.get(subscription_id)
            if subscription is None:
                return self._error(400, description="The id provided does not exist")
            if subscription["status"] in ("cancelled", "completed"):
                status = subscription["status"]
                return self._error(400, description=f"Subscription is not cancellable in {status} status.")
            if body.get("cancel_at_cycle_end"):
                self.ending.add(subscription_id)
                subscription["has_scheduled_changes"] = True
            else:
                self.canceled.add(subscription_id)
                subscription["status"] = "cancelled"
        return self._json(subscription)

    def pay(self, reference: str, *, status: str = "captured", method: str = "upi", amount: int | None = None) -> dict:
        """A payment made on Checkout for an order (order_...) or a subscription's authorisation (sub_...)."""
        with self._lock:
            order = self.orders.get(reference)
            subscription = self.subscriptions.get(reference)
        if subscription is not None:
            upfront = sum(addon["item"]["amount"] for addon in subscription.get("addons", []))
            amount, currency = amount or upfront, subscription["addons"][0]["item"]["currency"]
            order_id = "order_" + secrets.token_hex(7)  # Razorpay makes the authorisation's own order
        else:
            amount, currency, order_id = amount or order["amount"], order["currency"], reference
        payment = payment_entity(order_id, amount, currency, status=status, method=method)
        with self._lock:
            self.payments[payment["id"]] = payment
            if subscription is not None and status == "captured":
                subscription["status"] = "authenticated"
            elif order is not None and status == "captured":
                order |= {"status": "paid", "amount_paid": amount, "amount_due": 0}
        return payment

    def _checkout_pay(self, form: dict) -> dict:
        """checkout.js's payment: made, signed for the handler, and (when told where) told by webhook."""
        reference = form.get("order_id") or form.get("subscription_id") or ""
        if reference not in self.orders and reference not in self.subscriptions:
            return {"error": {"code": "BAD_REQUEST_ERROR", "description": "The id provided does not exist"}}
        failed = form.get("outcome") == "fail" or form.get("vpa", "").startswith("failure@")
        status = "failed" if failed else "authorized" if form.get("outcome") == "authorize" else "captured"
        payment = self.pay(reference, status=status, method=form.get("method", "upi"))
        if failed:
            self._send_webhooks(reference, payment)
            return {"error": {"code": "BAD_REQUEST_ERROR", "description": "Payment failed", "reason": "payment_failed"}}
        self._send_webhooks(reference, payment)
        key = "razorpay_subscription_id" if reference.startswith("sub_") else "razorpay_order_id"
        return {
            "razorpay_payment_id": payment["id"],
            key: reference,
            "razorpay_signature": handler_signature(reference, payment["id"]),
        }

    def _send_webhooks(self, reference: str, payment: dict) -> None:
        """What Razorpay then tells the webhook URL: payment.captured and order.paid, payment.authorized (with
        auto-capture off: ours to capture), or payment.failed; for a subscription's authorisation,
        subscription.authenticated with its payment."""
        if not self.webhook_url:
            return
        if payment["status"] == "authorized":
            events = [("payment.authorized", {"payment": payment})]
        elif payment["status"] != "captured":
            events = [("payment.failed", {"payment": payment})]
        elif reference.startswith("sub_"):
            events = [
                ("subscription.authenticated", {"subscription": self.subscriptions[reference], "payment": payment})
            ]
        else:
            events = [
                ("payment.captured", {"payment": payment}),
                ("order.paid", {"payment": payment, "order": self.orders[reference]}),
            ]
        for event, entities in events:
            body = webhook_body(event, entities)
            headers = webhook_headers(body, secret=self.webhook_secret)
            answer = requests.post(self.webhook_url, data=body, headers=headers, timeout=10)
            self.sent_webhooks.append((event, answer.status_code))

    def _json(self, body: dict, headers: dict | None = None, status: int = 200, cors: bool = False) -> Response:
        headers = dict(headers or {})
        if cors:  # checkout.js runs on our page's origin
            headers["Access-Control-Allow-Origin"] = "*"
        return Response(json.dumps(body), status, headers, content_type="application/json")

    def _error(self, status: int, headers: dict | None = None, description: str | None = None) -> Response:
        code, text = ERRORS[status]
        error = {"code": code, "description": description or text, "source": "NA", "step": "NA", "reason": "NA"}
        return self._json({"error": error | {"metadata": {}}}, headers, status)


MIN_ORDER = 100  # paise: Razorpay takes no order under ₹1
MAX_RECEIPT = 40
MAX_NOTES = 15


def _refused_fields(body: dict) -> str | None:
    """Razorpay's rules on an order's or a refund's receipt and notes, as its 400 says them."""
    if len(str(body.get("receipt") or "")) > MAX_RECEIPT:
        return "receipt: the length must not be greater than 40."
    if len(body.get("notes") or {}) > MAX_NOTES:
        return "notes: the number of notes must not be greater than 15."
    return None


def _refused_order(body: dict) -> str | None:
    if int(body.get("amount", 0)) < MIN_ORDER:
        return ERRORS[400][1]
    return _refused_fields(body)


def _refused_refund(payment: dict, amount: int, left: int) -> str | None:
    if payment["status"] != "captured":
        return "The payment has not been captured"
    if amount > left:
        return "The refund amount provided is greater than amount captured"
    return None


def _page(items: list[dict], query: dict) -> list[dict]:
    """One page of a collection, newest first: count (10 unless asked, at most 100) after skip."""
    count, skip = min(int(query.get("count", 10)), 100), int(query.get("skip", 0))
    return items[skip : skip + count]


def main() -> None:
    """Run the fake alone (browser tests, a hand-run stack) until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--webhook", help="our /payments/webhook/razorpay URL, to send signed webhooks to")
    args = parser.parse_args()
    fake = FakeRazorpay(args.port, webhook_url=args.webhook)
    print(f"fake Razorpay on {fake.url} (key id {KEY_ID})", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        fake.close()


if __name__ == "__main__":
    main()

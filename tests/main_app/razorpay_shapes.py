"""Razorpay's documented shapes for the fake Razorpay (main_fake_razorpay.py) and the tests: its entities (orders,
payments, refunds, plans, subscriptions), webhook bodies, and the signatures of webhooks and of Checkout's handler,
made exactly as Razorpay makes them."""

import base64
import hashlib
import hmac
import json
import secrets
import time

KEY_ID = "rzp_test_FakeKeyIdOnly4Tests"
KEY_SECRET = "FakeKeySecretOnlyForTheseTests0"
WEBHOOK_SECRET = "FakeRazorpayWebhookSecretOnlyForTheseTests"


def basic_auth(key_id: str, key_secret: str) -> str:
    return "Basic " + base64.b64encode(f"{key_id}:{key_secret}".encode()).decode()


def collection(items: list[dict]) -> dict:
    return {"entity": "collection", "count": len(items), "items": list(items)}


def order_entity(body: dict) -> dict:
    amount = int(body["amount"])
    return {
        "id": "order_" + secrets.token_hex(7),
        "entity": "order",
        "amount": amount,
        "amount_paid": 0,
        "amount_due": amount,
        "currency": body["currency"],
        "receipt": body.get("receipt"),
        "offer_id": None,
        "status": "created",
        "attempts": 0,
        "notes": body.get("notes") or [],
        "created_at": int(time.time()),
    }


def payment_entity(
    order_id: str,
    amount: int,
    currency: str,
    *,
    status: str = "captured",
    method: str = "upi",
    payment_id: str | None = None,
) -> dict:
    """A payment as Razorpay's API and webhooks show it."""
    failed = status == "failed"
    return {
        "id": payment_id or "pay_" + secrets.token_hex(7),
        "entity": "payment",
        "amount": amount,
        "currency": currency,
        "status": status,
        "order_id": order_id,
        "invoice_id": None,
        "international": False,
        "method": method,
        "amount_refunded": 0,
        "refund_status": None,
        "captured": status == "captured",
        "description": None,
        "email": "person@example.com",
        "contact": "+919000090000",
        "vpa": "success@razorpay" if method == "upi" else None,
        "notes": [],
        "fee": 0 if failed else amount // 50,
        "tax": 0 if failed else amount // 300,
        "error_code": "BAD_REQUEST_ERROR" if failed else None,
        "error_description": "Payment failed" if failed else None,
        "error_reason": "payment_failed" if failed else None,
        "created_at": int(time.time()),
    }


def refund_entity(payment: dict, body: dict, status: str = "processed") -> dict:
    return {
        "id": "rfnd_" + secrets.token_hex(7),
        "entity": "refund",
        "amount": int(body.get("amount") or payment["amount"]),
        "currency": payment["currency"],
        "payment_id": payment["id"],
        "notes": body.get("notes") or [],
        "receipt": body.get("receipt"),
        "acquirer_data": {"rrn": None},
        "created_at": int(time.time()),
        "batch_id": None,
        "status": status,
        "speed_processed": "normal",
        "speed_requested": body.get("speed", "normal"),
    }


def plan_entity(body: dict) -> dict:
    item = {"id": "item_" + secrets.token_hex(7), "active": True, **body["item"]}
    plan = {"id": "plan_" + secrets.token_hex(7), "entity": "plan", "interval": body["interval"], "item": item}
    return plan | {"period": body["period"], "notes": body.get("notes") or [], "created_at": int(time.time())}


def subscription_entity(body: dict, subscription_id: str | None = None, status: str = "created") -> dict:
    """A subscription as Razorpay's API and webhooks show it."""
    sub_id = subscription_id or "sub_" + secrets.token_hex(7)
    return {
        "id": sub_id,
        "entity": "subscription",
        "plan_id": body.get("plan_id"),
        "customer_id": None,
        "status": status,
        "current_start": None,
        "current_end": None,
        "ended_at": None,
        "quantity": 1,
        "notes": body.get("notes") or [],
        "charge_at": body.get("start_at"),
        "start_at": body.get("start_at"),
        "end_at": None,
        "auth_attempts": 0,
        "total_count": body.get("total_count"),
        "paid_count": 0,
        "customer_notify": bool(body.get("customer_notify", 1)),
        "created_at": int(time.time()),
        "expire_by": body.get("expire_by"),
        "short_url": f"https://rzp.io/i/{sub_id[4:12]}",
        "has_scheduled_changes": False,
        "remaining_count": body.get("total_count"),
        "addons": body.get("addons") or [],
    }


def webhook_body(event: str, entities: dict[str, dict], account_id: str = "acc_FakeAccount0001") -> bytes:
    """A webhook body as Razorpay sends it: each entity under payload.<name>.entity."""
    payload = {name: {"entity": entity} for name, entity in entities.items()}
    body = {"entity": "event", "account_id": account_id, "event": event, "contains": list(entities)}
    return json.dumps(body | {"payload": payload, "created_at": int(time.time())}).encode()


def webhook_signature(body: bytes, *, secret: str = WEBHOOK_SECRET) -> str:
    """X-Razorpay-Signature as Razorpay computes it: hex HMAC-SHA256 of the raw body with the webhook's secret."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def webhook_headers(body: bytes, *, secret: str = WEBHOOK_SECRET, event_id: str | None = None) -> dict:
    """The headers Razorpay sends a webhook with (a fresh event id unless one is given)."""
    return {
        "Content-Type": "application/json",
        "X-Razorpay-Signature": webhook_signature(body, secret=secret),
        "X-Razorpay-Event-Id": event_id or secrets.token_hex(7),
    }


def handler_signature(reference: str, payment_id: str, *, secret: str = KEY_SECRET) -> str:
    """razorpay_signature of Checkout's handler: HMAC-SHA256 with the key secret of "order_id|payment_id", or of
    "payment_id|subscription_id" for a subscription's authorisation."""
    text = f"{payment_id}|{reference}" if reference.startswith("sub_") else f"{reference}|{payment_id}"
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()

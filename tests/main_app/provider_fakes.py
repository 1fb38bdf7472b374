"""One face for the fake payment providers, so a provider-neutral test runs against each (the `payments_at`
fixture): the app's settings for it, what its last checkout asked, and how to tell our webhook, signed as that
provider signs, of a paid checkout, a membership's paid or declined renewal, or its ended subscription.

Charges are named by a suffix ("late1"), which each provider spells its own way (Stripe: in_late1 paid by
pi_late1; Razorpay: pay_late1)."""

import re
import secrets

import main_fake_stripe as stripe_fake
import razorpay_shapes as rzp
from main_fake_razorpay import FakeRazorpay
from main_fake_stripe import FakeStripe


def _post(client, path: str, body: bytes, headers: dict) -> str:
    answer = client.post(path, data=body, headers=headers | {"Content-Type": "application/json"})
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()["result"]


class StripeSide:
    """The fake Stripe API and Stripe's webhooks."""

    name = "stripe"

    def __init__(self):
        self.fake = FakeStripe()

    def close(self) -> None:
        self.fake.close()

    def config(self) -> dict:
        return {
            "PAYMENT_PROVIDER": "stripe",
            "STRIPE_SECRET_KEY": stripe_fake.SECRET_KEY,
            "STRIPE_WEBHOOK_SECRET": stripe_fake.WEBHOOK_SECRET,
            "STRIPE_API_BASE": self.fake.url,
            "STRIPE_MAX_NETWORK_RETRIES": 0,
        }

    def last_checkout_amount(self) -> int:
        sessions = [r for r in self.fake.requests if r.path == "/v1/checkout/sessions"]
        return int(sessions[-1].form["line_items[0][price_data][unit_amount]"])

    def _tell(self, client, kind: str, obj: dict) -> str:
        body = stripe_fake.event_body(kind, obj, event_id="evt_" + secrets.token_hex(8))
        return _post(client, "/payments/webhook/stripe", body, {"Stripe-Signature": stripe_fake.stripe_signature(body)})

    def tell_paid(self, client, checkout_url: str, amount: int) -> str:
        """checkout.session.completed for the session at checkout_url."""
        return self._tell(client, "checkout.session.completed", stripe_fake.paid_session(checkout_url, amount))

    def membership_checkout(self, pass_id: int, amount: int) -> str:
        """The reference of another checkout for the pass (a second tab's)."""
        return "cs_test_" + secrets.token_hex(6)

    def tell_member_paid(self, client, reference: str, pass_id: int, amount: int, charge: str) -> tuple[str, str]:
        """The membership's checkout paid (its first period, by charge): (our result, the subscription's id)."""
        subscription = "sub_" + secrets.token_hex(6)
        session = {
            "id": reference,
            "object": "checkout.session",
            "amount_total": amount,
            "currency": "inr",
            "invoice": "in_" + charge,
            "metadata": {"pass_id": str(pass_id)},
            "mode": "subscription",
            "payment_intent": None,
            "payment_status": "paid",
            "status": "complete",
            "subscription": subscription,
        }
        return self._tell(client, "checkout.session.completed", session), subscription

    def _invoice(self, pass_id: int, subscription: str, charge: str, amount: int, paid: bool) -> dict:
        details = {"metadata": {"pass_id": str(pass_id)}, "subscription": subscription}
        return {
            "id": "in_" + charge,
            "object": "invoice",
            "amount_due": amount,
            "amount_paid": amount if paid else 0,
            "billing_reason": "subscription_cycle",
            "currency": "inr",
            "parent": {"type": "subscription_details", "subscription_details": details},
            "status": "paid" if paid else "open",
        }

    def tell_renewal_paid(self, client, pass_id: int, subscription: str, charge: str, amount: int) -> tuple[str, str]:
        """A later period charged: (our result, the reference and payment id we record it under)."""
        invoice = self._invoice(pass_id, subscription, charge, amount, True)
        return self._tell(client, "invoice.paid", invoice), invoice["id"]

    def tell_renewal_declined(self, client, pass_id: int, subscription: str, amount: int) -> str:
        return self._tell(
            client, "invoice.payment_failed", self._invoice(pass_id, subscription, "declined", amount, False)
        )

    def tell_ended(self, client, pass_id: int, subscription: str) -> str:
        ended = {
            "id": subscription,
            "object": "subscription",
            "status": "canceled",
            "metadata": {"pass_id": str(pass_id)},
        }
        return self._tell(client, "customer.subscription.deleted", ended)

    def refunded(self) -> list[str]:
        """The charges refunded, by suffix."""
        return [r.form["payment_intent"].removeprefix("pi_") for r in self.fake.requests if r.path == "/v1/refunds"]

    def subscription_calls(self) -> list[str]:
        """The calls that end or change a subscription."""
        return [r.path for r in self.fake.requests if "subscriptions" in r.path]


class RazorpaySide:
    """The fake Razorpay API and Razorpay's webhooks."""

    name = "razorpay"

    def __init__(self):
        self.fake = FakeRazorpay()

    def close(self) -> None:
        self.fake.close()

    def config(self) -> dict:
        return {
            "PAYMENT_PROVIDER": "razorpay",
            "RAZORPAY_KEY_ID": rzp.KEY_ID,
            "RAZORPAY_KEY_SECRET": rzp.KEY_SECRET,
            "RAZORPAY_WEBHOOK_SECRET": rzp.WEBHOOK_SECRET,
            "RAZORPAY_API_BASE": self.fake.url,
        }

    def last_checkout_amount(self) -> int:
        return int(self.fake.calls("POST", "/v1/orders")[-1].body["amount"])

    def _tell(self, client, kind: str, entities: dict) -> str:
        body = rzp.webhook_body(kind, entities)
        return _post(client, "/payments/webhook/razorpay", body, rzp.webhook_headers(body))

    def tell_paid(self, client, checkout_url: str, amount: int) -> str:
        """payment.captured for a payment of the order at checkout_url."""
        paid = self.fake.pay(checkout_url.rsplit("/", 1)[1], amount=amount)
        return self._tell(client, "payment.captured", {"payment": paid})

    def membership_checkout(self, pass_id: int, amount: int) -> str:
        """The reference of another checkout for the pass (a second tab's): a subscription of its own."""
        body = {"notes": {"pass_id": str(pass_id)}, "addons": [{"item": {"amount": amount, "currency": "INR"}}]}
        subscription = rzp.subscription_entity(body)
        self.fake.subscriptions[subscription["id"]] = subscription
        return subscription["id"]

    def _subscription(self, pass_id: int, subscription: str, **changes) -> dict:
        known = self.fake.subscriptions.get(subscription) or rzp.subscription_entity({}, subscription)
        return known | {"notes": {"pass_id": str(pass_id)}} | changes

    def _payment(self, charge: str, amount: int) -> dict:
        paid = rzp.payment_entity("order_" + secrets.token_hex(7), amount, "INR", payment_id="pay_" + charge)
        self.fake.payments[paid["id"]] = paid
        return paid

    def tell_member_paid(self, client, reference: str, pass_id: int, amount: int, charge: str) -> tuple[str, str]:
        """The subscription authorised with its first period paid up front: (our result, the subscription's id)."""
        subscription = self._subscription(pass_id, reference, status="authenticated")
        entities = {"subscription": subscription, "payment": self._payment(charge, amount)}
        return self._tell(client, "subscription.authenticated", entities), reference

    def tell_renewal_paid(self, client, pass_id: int, subscription: str, charge: str, amount: int) -> tuple[str, str]:
        charged = self._subscription(pass_id, subscription, status="active", paid_count=1)
        paid = self._payment(charge, amount)
        return self._tell(client, "subscription.charged", {"subscription": charged, "payment": paid}), paid["id"]

    def tell_renewal_declined(self, client, pass_id: int, subscription: str, amount: int) -> str:
        pending = self._subscription(pass_id, subscription, status="pending", paid_count=1)
        return self._tell(client, "subscription.pending", {"subscription": pending})

    def tell_ended(self, client, pass_id: int, subscription: str) -> str:
        ended = self._subscription(pass_id, subscription, status="cancelled")
        return self._tell(client, "subscription.cancelled", {"subscription": ended})

    def refunded(self) -> list[str]:
        made = self.fake.calls("POST", r"/v1/payments/\w+/refund")
        return [re.fullmatch(r"/v1/payments/pay_(\w+)/refund", r.path)[1] for r in made]

    def subscription_calls(self) -> list[str]:
        return [r.path for r in self.fake.calls("POST", r"/v1/subscriptions/\w+/cancel")]


SIDES = {"stripe": StripeSide, "razorpay": RazorpaySide}

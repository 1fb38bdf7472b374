"""Razorpay's webhook events in our terms: an order's payment, a refund's end, a membership subscription's charge,
failure or end; the many others are ignored (answered 200, so Razorpay stops resending them).

payment.authorized asks us to capture the payment (the checkout's own only); payment.failed is read but changes
nothing: Razorpay's Checkout lets the person try again on the same order (UPI
declined, then a card) until our page's timeout, so one failed attempt must not end the seat's hold; the hold ends
at its time as any unpaid one does."""

from .base import (
    IGNORED,
    PAYMENT_AUTHORIZED,
    PAYMENT_SUCCEEDED,
    REFUND_FAILED,
    REFUND_PROCESSED,
    RENEWAL_FAILED,
    RENEWAL_PAID,
    SUBSCRIPTION_ENDED,
    PaymentEvent,
)

PAYMENT_EVENTS = ("payment.captured", "order.paid")
PAYMENT_STATES = {"captured": PAYMENT_SUCCEEDED, "authorized": PAYMENT_AUTHORIZED}
REFUND_EVENTS = {"refund.processed": REFUND_PROCESSED, "refund.failed": REFUND_FAILED}
SUBSCRIPTION_FAILED = ("subscription.pending", "subscription.halted")
SUBSCRIPTION_OVER = ("subscription.cancelled", "subscription.completed")
RENEWAL_DECLINED = "Razorpay could not charge the mandate for the renewal."
# A subscription still waiting for its plan's first charge: a charge now is the authorisation's (our first period).
NOT_STARTED = ("created", "authenticated")


def read_event(event_id: str, event: dict) -> PaymentEvent:
    """A verified Razorpay event in our terms; IGNORED for those we have no use for."""
    kind, payload = event["event"], event.get("payload") or {}
    if kind in PAYMENT_EVENTS or kind == "payment.authorized":
        # An authorised payment is ours to capture (never left to the Dashboard's auto-capture setting); once
        # captured, its captured event is the one that pays.
        payment = _entity(payload, "payment")
        wanted = "captured" if kind in PAYMENT_EVENTS else "authorized"
        if payment.get("status") != wanted or not payment.get("order_id"):
            return PaymentEvent(event_id, IGNORED)
        return PaymentEvent(
            event_id,
            PAYMENT_STATES[wanted],
            reference=str(payment["order_id"]),
            payment_id=str(payment["id"]),
            amount=int(payment["amount"]),
            currency=str(payment["currency"]).upper(),
        )
    if kind in REFUND_EVENTS:
        refund = _entity(payload, "refund")
        return PaymentEvent(
            event_id,
            REFUND_EVENTS[kind],
            payment_id=_optional_str(refund.get("payment_id")),
            amount=int(refund["amount"]),
            currency=str(refund["currency"]).upper(),
            refund_id=str(refund["id"]),
            failure="Razorpay could not process the refund." if kind == "refund.failed" else None,
        )
    if kind in ("subscription.charged", "subscription.authenticated"):
        return _charged(event_id, payload)
    if kind in SUBSCRIPTION_FAILED or kind in SUBSCRIPTION_OVER:
        return _not_charged(event_id, kind, _entity(payload, "subscription"))
    return PaymentEvent(event_id, IGNORED)  # payment.failed, order.notification and the rest


def _charged(event_id: str, payload: dict) -> PaymentEvent:
    """A subscription's charge: the authorisation's (the first period, paid up front) is the checkout's payment;
    a charge of a started subscription is a later period's. Without a payment (authenticated, nothing up front):
    ignored."""
    subscription = _entity(payload, "subscription")
    payment = (payload.get("payment") or {}).get("entity")
    if not payment or payment.get("status") != "captured":
        return PaymentEvent(event_id, IGNORED, subscription_id=str(subscription["id"]))
    first = subscription.get("status") in NOT_STARTED or not subscription.get("paid_count")
    return PaymentEvent(
        event_id,
        PAYMENT_SUCCEEDED if first else RENEWAL_PAID,
        # the checkout's reference is the subscription; a renewal is recorded under its own payment
        reference=str(subscription["id"]) if first else str(payment["id"]),
        payment_id=str(payment["id"]),
        amount=int(payment["amount"]),
        currency=str(payment["currency"]).upper(),
        subscription_id=str(subscription["id"]),
        pass_id=_pass_id(subscription.get("notes")),
    )


def _not_charged(event_id: str, kind: str, subscription: dict) -> PaymentEvent:
    """A subscription's renewal failed (pending, halted) or it ended (cancelled, completed)."""
    failed = kind in SUBSCRIPTION_FAILED
    return PaymentEvent(
        event_id,
        RENEWAL_FAILED if failed else SUBSCRIPTION_ENDED,
        failure=RENEWAL_DECLINED if failed else None,
        subscription_id=str(subscription["id"]),
        pass_id=_pass_id(subscription.get("notes")),
        # Razorpay's page for the subscription, where the person approves a charge their mandate holds for them
        # (above ₹15,000 on UPI AutoPay and card mandates) or pays it another way
        approve_url=_optional_str(subscription.get("short_url")) if failed else None,
    )


def _entity(payload: dict, name: str) -> dict:
    entity = payload[name]["entity"]
    if not isinstance(entity, dict):
        raise TypeError(name)
    return entity


def _pass_id(notes) -> int | None:
    """The pass a subscription was made for, from the notes our checkout gave it."""
    value = (notes or {}).get("pass_id") if isinstance(notes, dict) else None
    return int(value) if value is not None and str(value).isdigit() else None


def _optional_str(value) -> str | None:
    return None if value is None else str(value)

"""Stripe's webhook events in our terms: a checkout's payment, a refund's end, a subscription's invoice for a later
period, or its end; the many others are ignored (answered 200, so Stripe stops resending them)."""

from .base import (
    IGNORED,
    PAYMENT_FAILED,
    PAYMENT_SUCCEEDED,
    REFUND_FAILED,
    REFUND_PROCESSED,
    RENEWAL_FAILED,
    RENEWAL_PAID,
    SUBSCRIPTION_ENDED,
    PaymentEvent,
)

SESSION_PAID = ("checkout.session.completed", "checkout.session.async_payment_succeeded")
SESSION_FAILED = {
    "checkout.session.async_payment_failed": "The payment failed.",
    "checkout.session.expired": "The checkout expired unpaid.",
}
REFUND_EVENTS = ("refund.created", "refund.updated", "refund.failed")
REFUND_OUTCOMES = {"succeeded": REFUND_PROCESSED, "failed": REFUND_FAILED, "canceled": REFUND_FAILED}
INVOICE_EVENTS = {"invoice.paid": RENEWAL_PAID, "invoice.payment_failed": RENEWAL_FAILED}
RENEWAL_DECLINED = "Stripe could not charge the card for the renewal."


def read_event(event: dict) -> PaymentEvent:
    """A verified Stripe event in our terms; IGNORED for the many we have no use for."""
    event_id, kind = str(event["id"]), event["type"]
    if kind in SESSION_PAID or kind in SESSION_FAILED:
        session = event["data"]["object"]
        if kind == "checkout.session.completed" and session["payment_status"] != "paid":
            # "unpaid": an asynchronous method (a bank debit) reports later with async_payment_succeeded/failed.
            return PaymentEvent(event_id, IGNORED, reference=str(session["id"]))
        subscription = session.get("mode") == "subscription"
        return PaymentEvent(
            event_id,
            PAYMENT_SUCCEEDED if kind in SESSION_PAID else PAYMENT_FAILED,
            reference=str(session["id"]),
            # a subscription's first payment is its first invoice's (refunds look up what paid it)
            payment_id=_optional_str(session.get("invoice" if subscription else "payment_intent")),
            amount=int(session["amount_total"]),
            currency=str(session["currency"]).upper(),
            failure=SESSION_FAILED.get(kind),
            subscription_id=_optional_str(session.get("subscription")) if subscription else None,
            pass_id=_pass_id(session.get("metadata")) if subscription else None,
        )
    if kind in INVOICE_EVENTS:
        return _read_invoice(event_id, kind, event["data"]["object"])
    if kind == "customer.subscription.deleted":
        ended = event["data"]["object"]
        return PaymentEvent(
            event_id, SUBSCRIPTION_ENDED, subscription_id=str(ended["id"]), pass_id=_pass_id(ended.get("metadata"))
        )
    if kind in REFUND_EVENTS:
        refund = event["data"]["object"]
        outcome = REFUND_OUTCOMES.get(refund["status"])
        if outcome is None:  # pending, requires_action: a later refund.updated says how it ended
            return PaymentEvent(event_id, IGNORED, refund_id=str(refund["id"]))
        return PaymentEvent(
            event_id,
            outcome,
            payment_id=_optional_str(refund.get("payment_intent")),
            amount=int(refund["amount"]),
            currency=str(refund["currency"]).upper(),
            refund_id=str(refund["id"]),
            failure=(refund.get("failure_reason") or refund["status"]) if outcome == REFUND_FAILED else None,
        )
    # charge.refunded and the rest: the refund.* events above carry what we need.
    return PaymentEvent(event_id, IGNORED)


def _read_invoice(event_id: str, kind: str, invoice: dict) -> PaymentEvent:
    """A subscription's invoice for a later period, paid or not; its first (the checkout's) and others are ignored."""
    details = (invoice.get("parent") or {}).get("subscription_details") or {}
    if invoice.get("billing_reason") != "subscription_cycle" or not details.get("subscription"):
        return PaymentEvent(event_id, IGNORED, reference=_optional_str(invoice.get("id")))
    paid = INVOICE_EVENTS[kind] == RENEWAL_PAID
    return PaymentEvent(
        event_id,
        INVOICE_EVENTS[kind],
        reference=str(invoice["id"]),
        payment_id=str(invoice["id"]) if paid else None,
        amount=int(invoice["amount_paid"] if paid else invoice["amount_due"]),
        currency=str(invoice["currency"]).upper(),
        failure=None if paid else RENEWAL_DECLINED,
        subscription_id=str(details["subscription"]),
        pass_id=_pass_id(details.get("metadata")),
    )


def _pass_id(metadata) -> int | None:
    """The pass a subscription was made for, from the metadata our checkout gave it."""
    value = (metadata or {}).get("pass_id")
    return int(value) if value is not None and str(value).isdigit() else None


def _optional_str(value) -> str | None:
    return None if value is None else str(value)

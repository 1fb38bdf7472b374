"""Captures a checkout did not ask for: a second payment on a checkout paid already (a gateway's order takes several
attempts, and a late authorisation can be captured after another payment), or one of the wrong amount. Each gets a
payment row of its own, invoiced and refunded at once, naming the checkout's payment it came through; that payment
stays open for the right capture, which confirms the seat or makes the pass good as ever."""

import hashlib
import logging

from sqlalchemy import select

from main_app.services.invoices import issue_invoice

from ...extensions import db
from ...models import PAYMENT_SUCCEEDED, Pass, Payment, utcnow
from . import renewals
from .jobs import Capture, queue
from .providers.base import PaymentEvent
from .refunds import request_refund

log = logging.getLogger(__name__)
WRONG_AMOUNT = "The amount paid did not match the price."
PAID_TWICE = "This checkout was paid already: a second payment on it goes back."
MAX_REFERENCE = 255  # Payment.reference's length


def checkout_takes(payment: Payment, event: PaymentEvent) -> bool:
    """Whether this capture is the checkout's own (its payment unpaid, the amount asked): True for the caller to
    apply it. Otherwise it was told already, or it is recorded here as surplus and given back (in the webhook's unit
    of work, the checkout's payment locked, so two captures of one checkout are decided one after the other)."""
    if payment.status == PAYMENT_SUCCEEDED and event.payment_id in (None, payment.payment_id):
        return False  # another event of the payment that paid it
    wrong = (event.amount, event.currency) != (payment.amount, payment.currency)
    if payment.status != PAYMENT_SUCCEEDED and not wrong:
        return True
    if event.payment_id is not None and _recorded(payment.id, event.payment_id):
        return False  # another event of a surplus capture
    log.warning(
        "payment %s: capture %s of %s %s kept apart (%s)",
        payment.id,
        event.payment_id,
        event.amount,
        event.currency,
        "wrong amount" if wrong else "paid twice",
    )
    _record(payment, event, WRONG_AMOUNT if wrong else PAID_TWICE)
    return False


def to_capture(payment: Payment | None, event: PaymentEvent) -> None:
    """An authorised payment through one of our checkouts: captured by us (on the payments lane) when it is the
    checkout's own, the one that would pay it; any other is left uncaptured, and the provider gives it back."""
    if payment is None or payment.status == PAYMENT_SUCCEEDED or not event.payment_id:
        return
    if (event.amount, event.currency) != (payment.amount, payment.currency):
        log.warning("payment %s: authorisation %s of the wrong amount left uncaptured", payment.id, event.payment_id)
        return
    queue(
        Capture(
            payment_id=event.payment_id,
            provider=payment.provider,
            account=payment.account_id,
            amount=event.amount,
            currency=event.currency,
            booking_id=payment.booking_id,
        )
    )


def _recorded(checkout_payment: int, payment_id: str) -> bool:
    found = select(Payment.id).where(Payment.surplus_of == checkout_payment, Payment.payment_id == payment_id)
    return db.session.execute(found.limit(1)).first() is not None


def _record(payment: Payment, event: PaymentEvent, reason: str) -> None:
    """The surplus capture's row, its refund queued, a subscription it started ended, then its invoice (last: the
    counter row follows every row this webhook locked)."""
    now = utcnow()
    surplus = Payment(
        booking_id=payment.booking_id,
        pass_id=payment.pass_id,
        provider=payment.provider,
        account_id=payment.account_id,
        reference=_reference(payment.reference, event.payment_id or ""),
        checkout_url=payment.checkout_url,
        status=PAYMENT_SUCCEEDED,
        amount=event.amount or payment.amount,
        currency=event.currency or payment.currency,
        expires_at=payment.expires_at,
        created_at=now,
        payment_id=event.payment_id,
        paid_at=now,
        instalment=payment.instalment,
        surplus_of=payment.id,
    )
    db.session.add(surplus)
    db.session.flush()
    request_refund(surplus, reason)
    if payment.pass_id is not None and event.subscription_id:
        bought = db.session.get(Pass, payment.pass_id)
        if event.subscription_id != bought.subscription_id:  # never the one that renews a pass made good
            renewals.end_subscription(payment.provider, payment.account_id, event.subscription_id, at_period_end=False)
    issue_invoice(surplus)


def _reference(checkout: str, payment_id: str) -> str:
    """A surplus row's own reference (one payment row per provider reference): the checkout's and the payment's."""
    reference = f"{checkout}/{payment_id}"
    if len(reference) <= MAX_REFERENCE:
        return reference
    return f"{checkout[: MAX_REFERENCE - 65]}/{hashlib.sha256(payment_id.encode()).hexdigest()}"

"""Buying a pass: its checkout (the same flow as a paid seat's), and what a verified payment for it means: the pass is
made good once, and money that buys nothing (paid twice, the wrong amount) goes back."""

from datetime import timedelta

from flask import current_app

from main_app.services.discounts import give_back_code_use, quote_code, reclaim_code_use, redeem_code, take_code_use
from main_app.services.invoices import require_billing_address
from main_app.services.passes import PASS_SETTLED as SETTLED
from main_app.services.passes import (
    activate_pass,
    locked_pass,
    pass_document,
    pass_purchase_failed,
    product_to_buy,
    start_pass,
)
from main_app.services.studios import with_tax

from ...database import retry_on_deadlock, unit_of_work
from ...extensions import db
from ...models import (
    PASS_ACTIVE,
    PAYMENT_SUCCEEDED,
    Pass,
    Payment,
    User,
    utcnow,
)
from .. import news, timers
from . import renewals
from .checkout import create_checkout, record_checkout
from .providers.base import CheckoutRequest, PaymentEvent
from .records import receipt
from .refunds import request_refund


@retry_on_deadlock
def buy_pass(user: User, product_id: int, code: str | None = None) -> dict:
    """Buy a pass, less a code's discount: {"pass", "checkout_url"}; one with nothing to pay is good at once (no
    checkout). 404 pass_not_found, 409 pass_retired / new_customers_only / code_used_up, 400 naming a code that
    can't be used, 503 when the provider cannot be reached (the purchase is dropped)."""
    product = product_to_buy(user, product_id)
    quote = None
    if code:
        quote = quote_code(code, product.studio_id, product.price, product.currency, use="passes")
    expires_at = utcnow() + timedelta(seconds=current_app.config["PAYMENT_HOLD_SECONDS"])
    with unit_of_work():
        bought = start_pass(user, product, None if quote is None else quote.amount_due)
        if quote is not None:
            take_code_use(quote, user.id, pass_id=bought.id)
        if bought.status != PASS_ACTIVE:  # an unpaid purchase ends with its checkout, and its code's use comes back
            timers.schedule(timers.PassCheckoutEnd(pass_id=bought.id, due=expires_at))
        else:
            news.publish(news.PassPurchased(bought, user, None))
            renewals.schedule(bought, None, None, account=None)
    if bought.status == PASS_ACTIVE:
        return {"pass": pass_document(bought), "checkout_url": None}
    request = _checkout_request(bought, product, user, expires_at)
    try:
        require_billing_address(user.id, request.amount, request.currency, bought.tax or {})
        checkout = create_checkout(request, f"pass {bought.id}")
    except Exception:
        with unit_of_work():
            pass_purchase_failed(db.session.get(Pass, bought.id, populate_existing=True))
        raise
    with unit_of_work():
        record_checkout(request, checkout, pass_id=bought.id, tax=bought.tax)
    return {"pass": pass_document(db.session.get(Pass, bought.id)), "checkout_url": checkout.url}


def _checkout_request(bought: Pass, product, user: User, expires_at) -> CheckoutRequest:
    """What the provider charges for a pass: its price (less a code's), its studio's account, back to My passes."""
    web = current_app.config["PUBLIC_WEB_URL"]
    back = f"{web}/my-passes?pass={bought.id}&result="
    return CheckoutRequest(
        booking_id=None,
        pass_id=bought.id,
        amount=bought.price,
        currency=bought.currency,
        description=bought.name,
        customer_email=user.email,
        success_url=back + "success",
        cancel_url=back + "cancel",
        expires_at=expires_at,
        idempotency_key=f"pass-checkout-{bought.id}",
        renews_every=bought.period if bought.renews else None,
        renewal_amount=with_tax(product.studio_id, product.price, bought.tax) if bought.renews else None,
        studio_id=bought.studio_id,
    )


def paid(payment: Payment, event: PaymentEvent) -> None:
    """A pass's checkout took the amount asked (inside the webhook's unit of work, the payment locked): the pass is
    made good, or the money goes back (the pass was paid already, or its code used up)."""
    payment.status, payment.payment_id, payment.paid_at, payment.failure = (
        PAYMENT_SUCCEEDED,
        event.payment_id,
        utcnow(),
        None,
    )
    bought = locked_pass(payment.pass_id)
    if bought.status not in SETTLED and not reclaim_code_use(pass_id=bought.id):
        _buys_nothing(payment, event, "The payment arrived after the checkout had ended and its code was used up.")
        return
    if not activate_pass(bought):
        _buys_nothing(payment, event, "This pass was already paid.")
        return
    bought.subscription_id = event.subscription_id  # its provider renews it (no renewal message of ours)
    redeem_code(pass_id=bought.id)
    news.publish(news.PassPurchased(bought, db.session.get(User, bought.user_id), receipt(payment)))
    renewals.schedule(bought, payment.provider, payment.payment_id, account=payment.account_id)


def _buys_nothing(payment: Payment, event: PaymentEvent, reason: str) -> None:
    """The money goes back, and a subscription the checkout started is cancelled before it charges again."""
    request_refund(payment, reason)
    renewals.end_subscription(payment.provider, payment.account_id, event.subscription_id, at_period_end=False)


def failed(payment: Payment) -> None:
    """A pass's payment was declined: the purchase fails (a later payment may still make it good)."""
    pass_purchase_failed(locked_pass(payment.pass_id))


PASS_CHECKOUT_END = timers.PassCheckoutEnd.KIND


def checkout_ended(job: timers.PassCheckoutEnd) -> None:
    """A purchase's checkout ended (dispatcher, in its unit of work): unpaid, it fails and its code's use goes back."""
    pass_id = job.pass_id
    bought = locked_pass(pass_id)
    if bought is None or bought.status in SETTLED:
        return
    pass_purchase_failed(bought)
    give_back_code_use(pass_id=pass_id)

"""/payments/razorpay/checkout/...: our page that opens Razorpay's Checkout (checkout.js) for an order or a
membership's subscription, and the route its handler posts the signed payment to. The page carries nothing secret:
the key id (public by design), the order, the amount and what the database says about the way back."""

import secrets
from urllib.parse import urlsplit

from flask import Response, current_app, redirect, render_template, request
from sqlalchemy import select

from main_app.services.common import format_money, local_time
from main_app.services.payments import InvalidWebhook, PaymentError, apply_webhook, payment_provider
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..error_codes import api_error
from ..extensions import db
from ..models import PAYMENT_PENDING, Payment, utcnow
from .checkout_pages import closed_note, paying_for, until

blp = Blueprint("razorpay_checkout", __name__, description="Razorpay's Checkout, opened from a page of ours")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _checkout_csp(nonce: str) -> str:
    """Our one inline script (by its nonce) and checkout.js, which frames and calls Razorpay; the handler's answer
    is fetched from ourselves, and the way back is a navigation to the web app."""
    config = current_app.config
    theirs = {_origin(config["RAZORPAY_CHECKOUT_JS"]), _origin(config["RAZORPAY_API_BASE"])}
    if any(origin.endswith("razorpay.com") for origin in theirs):
        theirs.add("https://*.razorpay.com")  # Razorpay's Checkout loads its frames and images from its subdomains
    sources = " ".join(sorted(theirs))
    return (
        f"default-src 'none'; script-src 'nonce-{nonce}' {sources}; frame-src {sources}; "
        f"connect-src 'self' {sources}; img-src 'self' data: {sources}; style-src 'unsafe-inline' {sources}; "
        "form-action 'none'; frame-ancestors 'none'"
    )


def _checkout(reference: str) -> Payment:
    found = select(Payment).where(Payment.provider == "razorpay", Payment.reference == reference)
    payment = db.session.scalar(found)
    if payment is None:
        raise api_error("not_found.razorpay_checkout")
    return payment


def _options(payment: Payment, description: str, email: str) -> dict:
    """What checkout.js is given (Razorpay's documented options); timeout: seconds left of the hold."""
    options = {
        "key": payment_provider("razorpay", payment.account_id).key_id,  # its account's: the install's or a studio's
        "name": "Sessions & Retreats",
        "description": description,
        "prefill": {"email": email},
        "timeout": max(1, int((payment.expires_at - utcnow()).total_seconds())),
        "notes": {"booking_id" if payment.booking_id else "pass_id": str(payment.booking_id or payment.pass_id)},
    }
    if payment.reference.startswith("sub_"):
        return options | {"subscription_id": payment.reference}
    return options | {"order_id": payment.reference, "amount": payment.amount, "currency": payment.currency}


@blp.route("/payments/razorpay/checkout/<reference>")
@blp.response(200, content_type="text/html", description="Opens Razorpay's Checkout for the order or subscription")
@blp.alt_response(404, schema=APIErrorSchema)
def razorpay_checkout(reference):
    """Razorpay's Checkout for one of our payments, until its hold ends (then a page that says so)."""
    payment = _checkout(reference)
    description, email, zone, back, renews = paying_for(payment)
    open_ = payment.status == PAYMENT_PENDING and payment.expires_at > utcnow()
    nonce = secrets.token_urlsafe(16)
    try:
        options = _options(payment, description, email) if open_ else {}
    except PaymentError:  # the studio's Razorpay account was taken away meanwhile
        raise api_error("payment_provider_unavailable") from None
    html = render_template(
        "payments/razorpay_checkout.html",
        description=description,
        amount=format_money(payment.amount, payment.currency),
        until=until(payment, local_time(payment.expires_at, zone)),
        open=open_,
        closed=closed_note(payment),
        renews=renews and open_,
        return_url=back + "cancel",
        checkout_js=current_app.config["RAZORPAY_CHECKOUT_JS"],
        options=options,
        paid_url=f"{request.path}/paid",
        nonce=nonce,
    )
    headers = {
        "Content-Security-Policy": _checkout_csp(nonce),
        "Cache-Control": "no-store",
        "Referrer-Policy": "strict-origin",  # Razorpay's Checkout checks the site it is opened from
    }
    return Response(html, mimetype="text/html", headers=headers)


@blp.route("/payments/razorpay/checkout/<reference>/paid", methods=["POST"])
@blp.response(200, description="{redirect}: where the person goes next (a form post is redirected there)")
@blp.alt_response(400, schema=APIErrorSchema, description="invalid_payment_signature")
@blp.alt_response(404, schema=APIErrorSchema)
@blp.alt_response(503, schema=APIErrorSchema, description="payment_provider_unavailable")
def razorpay_checkout_paid(reference):
    """Checkout's handler tells us of a payment: verified by its signature, read from Razorpay, applied once (the
    webhook of the same payment later changes nothing)."""
    payment = _checkout(reference)
    answer = request.get_json(silent=True) if request.is_json else request.form.to_dict()
    if not isinstance(answer, dict):
        raise api_error("invalid_payment_signature", reason="the answer is not an object")
    try:
        event = payment_provider("razorpay", payment.account_id).checkout_paid(reference, answer)
    except InvalidWebhook as exc:
        raise api_error("invalid_payment_signature", reason=exc) from None
    except PaymentError:
        raise api_error("payment_provider_unavailable") from None
    apply_webhook("razorpay", event, payment.account_id)
    back = paying_for(payment)[3] + "success"
    if request.is_json:
        return {"redirect": back}
    return redirect(back, code=303)

"""/payments/test/checkout/...: the test provider's hosted checkout page, for development and tests. Registered only
outside production (main_app.api), so production neither serves nor documents it."""

from urllib.parse import urlsplit

from flask import Response, current_app, redirect, render_template, request
from sqlalchemy import select

from main_app.services.common import format_money, local_time
from main_app.services.payments import PAYMENT_FAILED, PAYMENT_SUCCEEDED, apply_webhook, payment_provider
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..error_codes import api_error
from ..extensions import db
from ..models import PAYMENT_PENDING, Payment, utcnow
from .checkout_pages import closed_note, paying_for, until

ANSWERS = ("pay", "decline", "pay_decline_renewals")
blp = Blueprint("test_checkout", __name__, description="The test payment provider's checkout (not in production)")


def _checkout_csp() -> str:
    """The page is ours and has no scripts: its own inline styles, and forms posting back to itself. Their answer
    redirects to the web app's return page, and browsers hold every redirect of a form's submission to form-action
    too (Chromium blocks the 303 otherwise): the web app's origin is allowed there."""
    web = urlsplit(current_app.config["PUBLIC_WEB_URL"])
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"form-action 'self' {web.scheme}://{web.netloc}; frame-ancestors 'none'"
    )


def _checkout(reference: str) -> Payment:
    payment = db.session.scalar(select(Payment).where(Payment.provider == "test", Payment.reference == reference))
    if payment is None:
        raise api_error("not_found.test_checkout")
    return payment


@blp.route("/payments/test/checkout/<reference>")
@blp.response(200, content_type="text/html", description="The test provider's checkout page: Pay or Decline")
@blp.alt_response(404, schema=APIErrorSchema)
def test_checkout(reference):
    """The test provider's hosted checkout: marked as a test, no money moves."""
    payment = _checkout(reference)
    description, email, zone, back, renews = paying_for(payment)
    open_ = payment.status == PAYMENT_PENDING and payment.expires_at > utcnow()
    closed = closed_note(payment)
    html = render_template(
        "payments/test_checkout.html",
        description=description,
        email=email,
        amount=format_money(payment.amount, payment.currency),
        until=until(payment, local_time(payment.expires_at, zone)),
        open=open_,
        closed=closed,
        return_url=back + "cancel",
        renews=renews and open_,
    )
    return Response(
        html, mimetype="text/html", headers={"Content-Security-Policy": _checkout_csp(), "Cache-Control": "no-store"}
    )


@blp.route("/payments/test/checkout/<reference>", methods=["POST"])
@blp.response(303, description="Back to the web app's payment page")
@blp.alt_response(404, schema=APIErrorSchema)
def test_checkout_answer(reference):
    """Pay or Decline on the test checkout: the signed webhook a real provider would send, then back to the app."""
    payment = _checkout(reference)
    action = request.form.get("action")
    if payment.status == PAYMENT_PENDING and payment.expires_at > utcnow() and action in ANSWERS:
        provider = payment_provider("test")
        kind = PAYMENT_FAILED if action == "decline" else PAYMENT_SUCCEEDED
        no_renewals = action == "pay_decline_renewals"
        body, headers = provider.signed_event(
            kind, reference, payment.amount, payment.currency, declines_renewals=no_renewals
        )
        apply_webhook("test", provider.parse_webhook(body, headers))  # verified like any webhook
    back = paying_for(payment)[3]
    return redirect(back + ("cancel" if action not in ANSWERS or action == "decline" else "success"), code=303)

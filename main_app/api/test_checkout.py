"""/payments/test/checkout/...: the test provider's hosted checkout page, for development and tests. Registered only
outside production (main_app.api), so production neither serves nor documents it."""

from urllib.parse import urlsplit

from flask import Response, current_app, redirect, render_template, request
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from service_kit.blueprint import Blueprint
from service_kit.errors import NotFound
from service_kit.schemas import APIErrorSchema

from ..extensions import db
from ..models import PAYMENT_PENDING, Booking, Event, EventSession, Payment, utcnow
from ..services.common.local_times import local_time
from ..services.common.money import format_money
from ..services.payments import records, webhooks
from ..services.payments.providers.base import PAYMENT_FAILED, PAYMENT_SUCCEEDED

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


def _checkout(reference: str) -> tuple[Payment, Booking]:
    row = db.session.execute(
        select(Payment, Booking)
        .join(Booking, Booking.id == Payment.booking_id)
        .options(
            joinedload(Booking.user),
            joinedload(Booking.session).joinedload(EventSession.event).joinedload(Event.facilitator),
        )
        .where(Payment.provider == "test", Payment.reference == reference)
    ).first()
    if row is None:
        raise NotFound("No such test checkout.")
    return row.Payment, row.Booking


@blp.route("/payments/test/checkout/<reference>")
@blp.response(200, content_type="text/html", description="The test provider's checkout page: Pay or Decline")
@blp.alt_response(404, schema=APIErrorSchema)
def test_checkout(reference):
    """The test provider's hosted checkout: marked as a test, no money moves."""
    payment, booking = _checkout(reference)
    event = booking.session.event
    open_ = payment.status == PAYMENT_PENDING and payment.expires_at > utcnow()
    closed = {
        "succeeded": "This checkout is paid.",
        "failed": "This payment was declined.",
    }.get(payment.status, "This checkout has closed: the seat's hold ended.")
    html = render_template(
        "payments/test_checkout.html",
        description=f"{event.title}",
        email=booking.user.email,
        amount=format_money(payment.amount, payment.currency),
        expires=local_time(payment.expires_at, event.timezone),
        open=open_,
        closed=closed,
        return_url=_return_url(booking.id, "cancel"),
    )
    return Response(
        html, mimetype="text/html", headers={"Content-Security-Policy": _checkout_csp(), "Cache-Control": "no-store"}
    )


@blp.route("/payments/test/checkout/<reference>", methods=["POST"])
@blp.response(303, description="Back to the web app's payment page")
@blp.alt_response(404, schema=APIErrorSchema)
def test_checkout_answer(reference):
    """Pay or Decline on the test checkout: the signed webhook a real provider would send, then back to the app."""
    payment, booking = _checkout(reference)
    action = request.form.get("action")
    if payment.status == PAYMENT_PENDING and payment.expires_at > utcnow() and action in ("pay", "decline"):
        provider = records.provider("test")
        kind = PAYMENT_SUCCEEDED if action == "pay" else PAYMENT_FAILED
        body, headers = provider.signed_event(kind, reference, payment.amount, payment.currency)
        webhooks.apply_webhook("test", provider.parse_webhook(body, headers))  # verified like any webhook
    return redirect(_return_url(booking.id, "success" if action == "pay" else "cancel"), code=303)


def _return_url(booking_id: int, result: str) -> str:
    return f"{current_app.config['PUBLIC_WEB_URL']}/bookings/{booking_id}/payment?result={result}"

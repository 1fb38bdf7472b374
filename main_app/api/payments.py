"""/payments/webhook/...: the payment providers' webhooks, the install's and each studio account's; and a studio's
own payment provider settings (the test provider's checkout page: test_checkout.py)."""

from flask import current_app, request

from main_app.services.payments import (
    PROVIDERS,
    InvalidWebhook,
    apply_webhook,
    connect_studio_payments,
    payment_provider,
    studio_payments_document,
    webhook_account,
)
from service_kit.blueprint import Blueprint
from service_kit.rate_limits import configured_limit
from service_kit.schemas import APIErrorSchema

from ..error_codes import api_error
from ..extensions import limiter
from ..schemas.payments import StudioPaymentsChangeSchema, StudioPaymentsSchema, WebhookResultSchema
from .staff_doors import acting, studio_guard

blp = Blueprint("payments", __name__, description="Payment providers' webhooks")
staff = Blueprint(
    "studio_payments",
    __name__,
    url_prefix="/api/studios/<slug>",
    description="A studio's own payment provider and keys (studio.payments)",
)
blps = (blp, staff)
guard = studio_guard(staff)
INSTALL_SECRETS = {"stripe": "STRIPE_WEBHOOK_SECRET", "razorpay": "RAZORPAY_WEBHOOK_SECRET"}


def _enabled(provider_name: str) -> bool:
    """The install's webhooks are taken for the test provider (outside production) and for a provider once its
    webhook secret is set."""
    if provider_name == "test":
        return current_app.config["APP_ENV"] != "production"
    return provider_name in PROVIDERS and bool(current_app.config.get(INSTALL_SECRETS.get(provider_name, "")))


@blp.route("/payments/webhook/<provider_name>", methods=["POST"])
@blp.response(200, WebhookResultSchema)
@blp.alt_response(
    400, schema=APIErrorSchema, description="invalid_webhook: not signed by the provider, stale, unreadable"
)
@blp.alt_response(404, schema=APIErrorSchema, description="no such provider here")
def webhook(provider_name):
    """A payment provider tells us what happened to a checkout or a refund (verified; the same event twice changes
    nothing)."""
    if not _enabled(provider_name):
        raise api_error("unknown_provider", provider=provider_name)
    return _received(provider_name, None)


@blp.route("/payments/webhook/<provider_name>/<slug>", methods=["POST"])
@blp.response(200, WebhookResultSchema)
@blp.alt_response(400, schema=APIErrorSchema, description="invalid_webhook: not signed with the studio's secret")
@blp.alt_response(404, schema=APIErrorSchema, description="the studio has no account with this provider")
def studio_webhook(provider_name, slug):
    """A studio's own provider account tells us of its checkouts and refunds, verified with that studio's webhook
    secret alone (another studio's, or the install's, is refused)."""
    return _received(provider_name, webhook_account(provider_name, slug))


def _received(provider_name: str, account: int | None) -> dict:
    body = request.get_data(cache=False)  # the exact bytes: the signature covers them
    try:
        event = payment_provider(provider_name, account).parse_webhook(body, dict(request.headers))
    except InvalidWebhook as exc:
        raise api_error("invalid_webhook", reason=exc) from None
    return {"received": True, "result": apply_webhook(provider_name, event, account)}


@staff.route("/payments", methods=["GET"])
@guard("studio.payments")
@staff.response(200, StudioPaymentsSchema)
def studio_payments():
    """The studio's payment provider: the install's or its own, the hint of its keys (never the keys), the webhook
    URL to give the provider."""
    return studio_payments_document(acting().studio)


@staff.route("/payments", methods=["PUT"])
@guard("studio.payments")
# Inside the permission check, per studio: each try asks the provider, so keys cannot be tested here in bulk.
@configured_limit(
    limiter,
    "RATELIMIT_PAYMENT_KEYS",
    "The payment keys were changed several times recently; try again in {seconds} second{s}.",
    key_func=lambda: f"payment-keys:{request.view_args['slug']}",
)
@staff.arguments(StudioPaymentsChangeSchema)
@staff.response(200, StudioPaymentsSchema)
@staff.alt_response(400, schema=APIErrorSchema, description="validation_error, payment_keys_refused")
@staff.alt_response(429, schema=APIErrorSchema, description="Too many changes recently; see Retry-After")
@staff.alt_response(503, schema=APIErrorSchema, description="payment_provider_unavailable: the keys could not be tried")
def change_studio_payments(body):
    """Take the studio's money through its own provider account (keys checked with the provider, then stored
    encrypted and never shown again), or through the install's (provider "install")."""
    staff_member = acting()
    studio = connect_studio_payments(staff_member.studio.id, staff_member.actor(), body["provider"], body["keys"])
    return studio_payments_document(studio)

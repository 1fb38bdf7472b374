"""/payments/webhook/...: the payment providers' webhooks (the test provider's checkout page: test_checkout.py)."""

from flask import current_app, request

from main_app.services.payments import PROVIDERS, InvalidWebhook, apply_webhook, payment_provider
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..error_codes import api_error
from ..schemas.payments import WebhookResultSchema

blp = Blueprint("payments", __name__, description="Payment providers' webhooks")


def _enabled(provider_name: str) -> bool:
    """Webhooks are taken for the test provider (outside production), and for Stripe and Razorpay once their
    webhook secret is set."""
    if provider_name == "test":
        return current_app.config["APP_ENV"] != "production"
    return provider_name in PROVIDERS and bool(current_app.config.get(f"{provider_name.upper()}_WEBHOOK_SECRET"))


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
    body = request.get_data(cache=False)  # the exact bytes: the signature covers them
    try:
        event = payment_provider(provider_name).parse_webhook(body, dict(request.headers))
    except InvalidWebhook as exc:
        raise api_error("invalid_webhook", reason=exc) from None
    return {"received": True, "result": apply_webhook(provider_name, event)}

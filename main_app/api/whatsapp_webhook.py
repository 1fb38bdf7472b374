"""/whatsapp/webhook: Meta's WhatsApp webhooks, the install's number's, and /whatsapp/webhook/<slug>, a studio's own
number's; each verified with that number's verify token (the handshake) or app secret (every POST) alone."""

from flask import Response, current_app, request
from marshmallow import ValidationError

from main_app.services.accounts import take_whatsapp_webhook, whatsapp_challenge, whatsapp_signed_connection
from main_app.services.chats import WEBHOOK_PATH
from service_kit.blueprint import Blueprint
from service_kit.json_input import decode_json
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..error_codes import api_error
from ..schemas.chats import WhatsappHandshakeSchema, WhatsappWebhookResultSchema, WhatsappWebhookSchema

blp = Blueprint(
    "whatsapp_webhook", __name__, url_prefix=WEBHOOK_PATH, description="WhatsApp's webhooks (Meta's Cloud API)"
)
HANDSHAKE_REFUSED = "invalid_verify_token: not subscribe, or not this number's verify token"
SIGNATURE_REFUSED = "invalid_signature: not signed with this number's app secret; forbidden: another number's"
UNREADABLE = "invalid_json, invalid_webhook: signed, but not a messages webhook we can read"
# One schema for every webhook: loading keeps no state in it, and making its nested schemas again for each body was a
# fifth of a status webhook's CPU.
WEBHOOK = WhatsappWebhookSchema()


def _handshake(slug: str | None, query: dict) -> Response:
    challenge = whatsapp_challenge(slug, query["mode"], query["verify_token"], query["challenge"], current_app.config)
    return Response(challenge, mimetype="text/plain")


def _received(slug: str | None) -> dict:
    body = request.get_data(cache=False)  # the exact bytes: the signature covers them, not a re-encoding
    connection = whatsapp_signed_connection(slug, body, request.headers.get("X-Hub-Signature-256"), current_app.config)
    try:
        document = WEBHOOK.load(decode_json(body))
    except ValidationError as exc:
        raise api_error("invalid_webhook.whatsapp", details=exc.normalized_messages()) from None
    return take_whatsapp_webhook(connection, document)


@blp.route("", methods=["GET"])
@read_only
@blp.arguments(WhatsappHandshakeSchema, location="query", as_kwargs=False)
@blp.response(200, content_type="text/plain", description="hub.challenge, echoed")
@blp.alt_response(403, schema=APIErrorSchema, description=HANDSHAKE_REFUSED)
def handshake(query):
    """Meta subscribes the app to the install's number's webhooks: the challenge back when the verify token is the
    install's (WHATSAPP_VERIFY_TOKEN)."""
    return _handshake(None, query)


@blp.route("/<slug>", methods=["GET"])
@read_only
@blp.arguments(WhatsappHandshakeSchema, location="query", as_kwargs=False)
@blp.response(200, content_type="text/plain", description="hub.challenge, echoed")
@blp.alt_response(403, schema=APIErrorSchema, description=HANDSHAKE_REFUSED)
def studio_handshake(query, slug):
    """Meta subscribes a studio's own Meta app: the challenge back when the verify token is that studio's own
    (another studio's, or the install's, is refused)."""
    return _handshake(slug, query)


@blp.route("", methods=["POST"])
@blp.response(200, WhatsappWebhookResultSchema)
@blp.alt_response(400, schema=APIErrorSchema, description=UNREADABLE)
@blp.alt_response(403, schema=APIErrorSchema, description=SIGNATURE_REFUSED)
def webhook():
    """The install's number's statuses and people's messages: each status of a message of ours kept in its attempt
    log, each message taken (STOP, START, the 24-hour window), each applied once however often Meta sends it."""
    return _received(None)


@blp.route("/<slug>", methods=["POST"])
@blp.response(200, WhatsappWebhookResultSchema)
@blp.alt_response(400, schema=APIErrorSchema, description=UNREADABLE)
@blp.alt_response(403, schema=APIErrorSchema, description=SIGNATURE_REFUSED)
def studio_webhook(slug):
    """A studio's own number's statuses and people's messages, as for the install's, signed with that studio's app
    secret alone and naming its number alone."""
    return _received(slug)

"""/sms/twilio/...: Twilio's webhooks, verified with its request validator: replies to our texts (STOP, START) and
the final status of each text. Only with SMS_PROVIDER=twilio; elsewhere they are 404."""

from xml.sax.saxutils import escape

from flask import Response, current_app, request
from twilio.request_validator import RequestValidator

from main_app.services.accounts import reply_to
from main_app.services.texts import record_status
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..error_codes import api_error

blp = Blueprint("texts", __name__, url_prefix="/sms/twilio", description="Twilio's webhooks for texts")
TWIML = "text/xml"


def _verified_form() -> dict:
    """The webhook's form, once its X-Twilio-Signature is Twilio's for the address it called; 404 without Twilio,
    403 invalid_signature otherwise."""
    config = current_app.config
    if config["SMS_PROVIDER"] != "twilio":
        raise api_error("not_found.texts")
    form = request.form.to_dict(flat=True)
    # The address Twilio called, as it signed it: the public one, whatever proxies rewrote on the way.
    url = config["PUBLIC_API_URL"] + request.full_path.rstrip("?")
    signature = request.headers.get("X-Twilio-Signature", "")
    if not RequestValidator(config["TWILIO_AUTH_TOKEN"]).validate(url, form, signature):
        raise api_error("invalid_signature")
    return form


def _twiml(message: str | None = None) -> Response:
    said = f"<Message>{escape(message)}</Message>" if message else ""
    return Response(f'<?xml version="1.0" encoding="UTF-8"?><Response>{said}</Response>', mimetype=TWIML)


@blp.route("/inbound", methods=["POST"])
@blp.response(200, content_type=TWIML, description="TwiML: the confirmation of a STOP or START, or nothing")
@blp.alt_response(403, schema=APIErrorSchema, description="invalid_signature: not signed by Twilio")
@blp.alt_response(404, schema=APIErrorSchema, description="texts do not go through Twilio here")
def inbound():
    """A person replied to one of our texts: STOP ends texts to the number at once, for every account that gives it;
    START lifts that; each is confirmed once (a repeat changes nothing and says nothing)."""
    form = _verified_form()
    return _twiml(reply_to(form.get("From", ""), form.get("Body", "")))


@blp.route("/status", methods=["POST"])
@blp.response(204, description="Noted in the text's attempt log (a state on the way, or a text not ours, is not)")
@blp.alt_response(403, schema=APIErrorSchema, description="invalid_signature: not signed by Twilio")
@blp.alt_response(404, schema=APIErrorSchema, description="texts do not go through Twilio here")
def status():
    """Twilio's word on a text it took: delivered, or undelivered or failed with its error code."""
    form = _verified_form()
    record_status(request.args.get("message", ""), form.get("MessageStatus", ""), form.get("ErrorCode"))
    return Response(status=204)

"""/api/studios/<slug>/clients/<user_id>/whatsapp: a client's WhatsApp as the studio's staff see it, and staff's
free-form answer to what they wrote, inside their 24-hour window (clients.whatsapp)."""

from flask import current_app

from main_app.services.checkin import answer_whatsapp, client_whatsapp
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..schemas.client_whatsapp import ClientWhatsappSchema, WhatsappAnsweredSchema, WhatsappAnswerSchema
from .staff_doors import acting, studio_guard

blp = Blueprint(
    "client_whatsapp",
    __name__,
    url_prefix="/api/studios/<slug>/clients/<id:user_id>",
    description="Talking with a client on WhatsApp (clients.whatsapp)",
)
guard = studio_guard(blp)


@blp.route("/whatsapp", methods=["GET"])
@read_only
@guard("clients.whatsapp")
@blp.response(200, ClientWhatsappSchema)
def client_whatsapp_state(user_id):
    """The client's WhatsApp: consent, STOP, the last digits of their number, and whether their 24-hour window with
    the studio's number is open, so that staff may answer them now."""
    return client_whatsapp(acting().studio, user_id, current_app.config)


@blp.route("/whatsapp/messages", methods=["POST"])
@guard("clients.whatsapp")
@blp.arguments(WhatsappAnswerSchema)
@blp.response(202, WhatsappAnsweredSchema)
@blp.alt_response(400, schema=APIErrorSchema, description="validation_error: text empty or over 4096 characters")
@blp.alt_response(
    409, schema=APIErrorSchema, description="whatsapp_window_closed, whatsapp_stopped, whatsapp_not_connected"
)
def answer_client(body, user_id):
    """Answer the client on WhatsApp with free-form text through the studio's number, while the 24-hour window their
    last message opened is open; it shows in their timeline."""
    return answer_whatsapp(acting().studio, acting().user, user_id, body["text"], current_app.config)

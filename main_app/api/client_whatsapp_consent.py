"""A client's WhatsApp consent at the studio's desk: /api/studios/<slug>/clients/<user_id>/whatsapp/consent, the
words to read out (GET) and the client's opt-in or opt-out recorded as said there (PUT), for members with
clients.write, over the studio's own clients only."""

from main_app.services.checkin import desk_whatsapp_words, record_desk_whatsapp
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..schemas.client_whatsapp import ClientWhatsappSchema
from ..schemas.client_whatsapp_consent import DeskConsentChangeSchema, DeskConsentWordsSchema
from .staff_doors import acting, studio_guard

blp = Blueprint(
    "client_whatsapp_consent",
    __name__,
    url_prefix="/api/studios/<slug>",
    description="A client's WhatsApp consent recorded at the studio's desk",
)
guard = studio_guard(blp)
NOT_A_CLIENT = "person_not_found: not one of the studio's clients (another studio's looks like none)"


@blp.route("/clients/<id:user_id>/whatsapp/consent", methods=["GET"])
@read_only
@guard("clients.write")
@blp.response(200, DeskConsentWordsSchema)
@blp.alt_response(404, schema=APIErrorSchema, description=NOT_A_CLIENT)
def client_whatsapp_words(user_id):
    """The words to read out to the client before recording their opt-in (the opt-in's own, for their number, in
    their language), and their WhatsApp as it stands."""
    return desk_whatsapp_words(acting(), user_id)


@blp.route("/clients/<id:user_id>/whatsapp/consent", methods=["PUT"])
@guard("clients.write")
@blp.arguments(DeskConsentChangeSchema)
@blp.response(200, ClientWhatsappSchema)
@blp.alt_response(400, schema=APIErrorSchema, description="validation_error: wording missing, or not the words read")
@blp.alt_response(404, schema=APIErrorSchema, description=NOT_A_CLIENT)
@blp.alt_response(409, schema=APIErrorSchema, description="no_phone: the client has no mobile number")
def record_client_whatsapp(body, user_id):
    """Record the client's WhatsApp opt-in, with the words read to them, or their opt-out, as said at the desk (by
    the caller, for the studio; audited as client.whatsapp_consent); their reminders ahead follow at once."""
    return record_desk_whatsapp(acting(), user_id, body["opted_in"], body.get("wording"))

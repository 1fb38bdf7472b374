"""WhatsApp's settings: /auth/me/whatsapp, a person's own opt-in (beside /auth/me's texts and /auth/me/phone's proof
of the number), and /api/studios/<slug>/whatsapp, a studio's own WhatsApp Business number (studio.whatsapp) and
its messages counted by month (money.view)."""

from flask_jwt_extended import current_user, jwt_required

from main_app.services.accounts import set_whatsapp
from main_app.services.chats import consent_document
from main_app.services.studios import connect_whatsapp, disconnect_whatsapp, whatsapp_document
from main_app.services.whatsapp import month_of, monthly_usage
from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..models import utcnow
from ..schemas.chats import (
    ConsentChangeSchema,
    ConsentSchema,
    StudioWhatsappChangeSchema,
    StudioWhatsappSchema,
    UsageQuerySchema,
    WhatsappUsageSchema,
)
from .staff_doors import acting, studio_guard

blp = Blueprint("whatsapp_consent", __name__, url_prefix="/auth/me", description="My WhatsApp opt-in")
staff = Blueprint(
    "studio_whatsapp",
    __name__,
    url_prefix="/api/studios/<slug>",
    description="A studio's own WhatsApp Business number (studio.whatsapp)",
)
blps = (blp, staff)
guard = studio_guard(staff)


@blp.route("/whatsapp", methods=["GET"])
@read_only
@blp.doc(security=BEARER)
@blp.response(200, ConsentSchema)
@blp.alt_response(401, schema=APIErrorSchema)
@jwt_required()
def my_whatsapp():
    """My WhatsApp: whether I opted in and for which number, whether messages reach me now (a proved number that has
    not sent STOP), the words to show for an opt-in, in my language, and every change so far."""
    return consent_document(current_user)


@blp.route("/whatsapp", methods=["PUT"])
@blp.doc(security=BEARER)
@blp.arguments(ConsentChangeSchema)
@blp.response(200, ConsentSchema)
@blp.alt_response(400, schema=APIErrorSchema, description="validation_error: wording not the words we show")
@blp.alt_response(401, schema=APIErrorSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="no_phone: give a mobile number first")
@jwt_required()
def change_my_whatsapp(body):
    """Opt in to WhatsApp messages about my bookings for my number, with the words I was shown (recorded as shown,
    with the time and where), or withdraw it; the reminders of my bookings ahead follow at once."""
    set_whatsapp(current_user, body["opted_in"], source=body["source"], wording=body.get("wording"))
    return consent_document(current_user)


@staff.route("/whatsapp", methods=["GET"])
@guard("studio.whatsapp")
@staff.response(200, StudioWhatsappSchema)
def studio_whatsapp():
    """The studio's own WhatsApp number (its ids and the hint of its token, never a secret), the install's, which
    one its messages go through, and the callback URL to give the Meta app."""
    return whatsapp_document(acting().studio)


@staff.route("/whatsapp", methods=["PUT"])
@guard("studio.whatsapp")
@staff.arguments(StudioWhatsappChangeSchema)
@staff.response(200, StudioWhatsappSchema)
@staff.alt_response(400, schema=APIErrorSchema, description="validation_error: a field of the wrong shape")
@staff.alt_response(409, schema=APIErrorSchema, description="whatsapp_number_taken: another studio's, the install's")
def connect_studio_whatsapp(body):
    """Send the studio's messages through its own WhatsApp Business number: its ids, and its access token, app secret
    and webhook verify token, stored encrypted and never shown again (audited by the token's hint)."""
    staff_member = acting()
    studio = connect_whatsapp(staff_member.studio.id, staff_member.actor(), body)
    return whatsapp_document(studio)


@staff.route("/whatsapp", methods=["DELETE"])
@guard("studio.whatsapp")
@staff.response(200, StudioWhatsappSchema)
def disconnect_studio_whatsapp():
    """Disconnect the studio's own number: its secrets are deleted, and its messages go through the install's number
    (when it has one) again."""
    staff_member = acting()
    studio = disconnect_whatsapp(staff_member.studio.id, staff_member.actor())
    return whatsapp_document(studio)


@staff.route("/whatsapp/usage", methods=["GET"])
@read_only
@guard("money.view")
@staff.arguments(UsageQuerySchema, location="query")
@staff.response(200, WhatsappUsageSchema)
@staff.alt_response(400, schema=APIErrorSchema, description="validation_error: month not YYYY-MM")
def studio_whatsapp_usage(args):
    """The studio's WhatsApp messages of a month on its calendar (this month when none is given), counted as they
    were sent: utility and marketing templates and free-form replies (service), each with how many Meta said were
    not billable."""
    studio = acting().studio
    return monthly_usage(studio.id, args["month"] or month_of(utcnow(), studio.timezone))

"""/auth/me/phone: proving the account's number with a one-time code texted to it, before any other text goes there."""

from flask_jwt_extended import current_user, jwt_required

from main_app.services.accounts import confirm_code, request_code
from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.rate_limits import configured_limit
from service_kit.schemas import APIErrorSchema

from ..extensions import limiter
from ..schemas.auth import AccountSchema, PhoneCodeSchema, PhoneCodeSentSchema

blp = Blueprint("phones", __name__, url_prefix="/auth/me/phone", description="Proving a phone number")
WAIT = "; try again in {seconds} second{s}."


def _failed(response) -> bool:
    return response.status_code == 400


@blp.route("/code", methods=["POST"])
@blp.doc(security=BEARER)
# Per address, above the counts per account and per number the service keeps in the database.
@configured_limit(limiter, "RATELIMIT_PHONE_CODE", "Too many codes asked for from your address" + WAIT)
@blp.response(202, PhoneCodeSentSchema)
@blp.alt_response(401, schema=APIErrorSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="no_phone, phone_verified, or number_opted_out (STOP)")
@blp.alt_response(429, schema=APIErrorSchema, description="Too many codes for this account, number or address")
@jwt_required()
def send_code():
    """Text a one-time code to my number; only the newest code works, for PHONE_CODE_MINUTES."""
    return request_code(current_user)


@blp.route("/verify", methods=["POST"])
@blp.doc(security=BEARER)
# Wrong codes count against the address too, as failed logins do.
@configured_limit(
    limiter, "RATELIMIT_LOGIN_ADDRESS", "Too many failed attempts from your address" + WAIT, deduct_when=_failed
)
@blp.arguments(PhoneCodeSchema)
@blp.response(200, AccountSchema)
@blp.alt_response(400, schema=APIErrorSchema, description="invalid_code (a try is counted) or code_ended")
@blp.alt_response(401, schema=APIErrorSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="no_phone")
@blp.alt_response(429, schema=APIErrorSchema, description="Too many failed attempts; see Retry-After")
@jwt_required()
def verify(body):
    """Prove my number with the code texted to it: it is verified, and texts (if on) start going to it."""
    return confirm_code(current_user, body["code"].strip())

"""A person's own data: a copy of all of it (GET /me/export) and erasing the account (DELETE /me, confirmed with the
password)."""

from flask import current_app
from flask_jwt_extended import current_user

from main_app.services.accounts import erase_account, person_export
from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.rate_limits import configured_limit
from service_kit.schemas import APIErrorSchema

from ..extensions import limiter
from ..models import ROLES
from ..schemas.privacy import EraseSchema
from ..security import role_required
from .auth import WAIT

blp = Blueprint("privacy", __name__, description="A person's own data: a copy of it, erasing the account")


def _wrong_password(response) -> bool:
    return response.status_code == 400


@blp.route("/me", methods=["DELETE"])
@blp.doc(security=BEARER)
# Wrong passwords count against the address, as failed logins do.
@configured_limit(
    limiter, "RATELIMIT_LOGIN_ADDRESS", "Too many failed attempts from your address" + WAIT, deduct_when=_wrong_password
)
@role_required(*ROLES)
@blp.arguments(EraseSchema)
@blp.response(204)
@blp.alt_response(400, schema=APIErrorSchema, description="validation_error: password wrong")
@blp.alt_response(
    409, schema=APIErrorSchema, description="erase_staff_account, erase_bookings_ahead, erase_membership_renews"
)
def erase_me(body):
    """Erase my account: my name, email, phone and what I wrote go from every record, here and in the CRM; my
    bookings and payments stay, anonymised. Signs out every session."""
    erase_account(current_user, body["password"])
    return "", 204


@blp.route("/me/export")
@blp.doc(security=BEARER)
@role_required(*ROLES)
@configured_limit(
    limiter,
    "RATELIMIT_PERSONAL_EXPORT",
    "You downloaded your data several times recently" + WAIT,
    key_func=lambda: f"personal-export:{current_user.id}",
)
@blp.response(200, description="The person's data as JSON (docs/privacy.md#a-copy-of-your-data), as a download")
@blp.alt_response(429, schema=APIErrorSchema, description="Too many downloads recently; see Retry-After")
@blp.alt_response(503, schema=APIErrorSchema, description="crm_unavailable: the client books could not be read")
def export_me():
    """All my data: my account, bookings with guests, answers, check-ins and payments, passes with their ledgers,
    invoices, feedback, notifications, and what the studios' client books hold about me (staff notes too)."""
    response = current_app.json.response(person_export(current_user))
    response.headers["Content-Disposition"] = 'attachment; filename="my-data.json"'
    response.headers["Cache-Control"] = "no-store"
    return response

"""A studio's API tokens (studio.tokens: its owners): the list, making one (shown once) and revoking one. A token
opens every staff route of its studio within its permissions (staff_doors.enter_studio)."""

from main_app.services import studios
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..schemas.tokens import ApiTokenCreateSchema, ApiTokenListSchema, ApiTokenMadeSchema
from .staff_doors import acting, studio_guard

blp = Blueprint("studio_tokens", __name__, url_prefix="/api/studios/<slug>/tokens", description="API tokens")
guard = studio_guard(blp)


@blp.route("")
@read_only
@guard("studio.tokens")
@blp.response(200, ApiTokenListSchema)
def list_tokens():
    """The studio's tokens, newest first (revoked ones too), without their secrets."""
    return {"items": studios.studio_tokens(acting().studio.id), "grantable": list(studios.GRANTABLE)}


@blp.route("", methods=["POST"])
@guard("studio.tokens")
@blp.arguments(ApiTokenCreateSchema)
@blp.response(201, ApiTokenMadeSchema)
def make_token(body):
    """Make a token acting as me within the permissions given (never beyond my role's); the whole token is in this
    answer only. Send it as `Authorization: Bearer srk_…`; audited."""
    staff = acting()
    return studios.make_token(staff.studio, staff.id, staff.actor(), body)


@blp.route("/<id:token_id>", methods=["DELETE"])
@guard("studio.tokens")
@blp.response(204)
@blp.alt_response(404, schema=APIErrorSchema, description="api_token_not_found")
def revoke_token(token_id):
    """Revoke the token: every call with it answers 401 from now on; audited."""
    studios.revoke_token(acting().studio.id, token_id, acting().actor())
    return ""

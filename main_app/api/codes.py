"""Discount codes: the staff's (make, list, change, retire) through both doors (staff_doors), and the price a code gives
before paying."""

from main_app.services.discounts import create_code as codes_create_code
from main_app.services.discounts import list_codes as codes_list_codes
from main_app.services.discounts import quote_for
from main_app.services.discounts import retire_code as codes_retire_code
from main_app.services.discounts import update_code as codes_update_code
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..schemas.discounts import (
    CodeCreateSchema,
    CodeListSchema,
    CodeSchema,
    CodeUpdateSchema,
    QuoteQuerySchema,
    QuoteSchema,
)
from ..security import caller_id
from .staff_doors import acting, add_both

blp = Blueprint("codes", __name__, description="Discount codes")
seed = Blueprint(
    "facilitator_codes",
    __name__,
    url_prefix="/api/facilitator/<id:facilitator_id>",
    description="A facilitator's discount codes (those they made)",
)
shop = Blueprint(
    "studio_codes",
    __name__,
    url_prefix="/api/studios/<slug>",
    description="A studio's discount codes, for its members who manage passes",
)


@seed.arguments(CodeCreateSchema)
@seed.response(201, CodeSchema)
@seed.alt_response(409, schema=APIErrorSchema, description="code_exists (whatever its case)")
def create_code(body):
    """Make a discount code: a percentage or an amount off, for bookings, passes or both, with limits."""
    return codes_create_code(acting(), body)


@seed.response(200, CodeListSchema)
def list_codes():
    """Your codes, newest first, with their uses."""
    return {"items": codes_list_codes(acting())}


@seed.response(200, CodeSchema)
@seed.alt_response(409, schema=APIErrorSchema, description="code_retired (already)")
def retire_code(code_id):
    """Stop a code: no new uses from now."""
    return codes_retire_code(acting(), code_id)


@seed.arguments(CodeUpdateSchema)
@seed.response(200, CodeSchema)
@seed.alt_response(409, schema=APIErrorSchema, description="max_uses_below_uses (details.uses)")
def update_code(body, code_id):
    """Change a live code: its max uses (never below its uses so far), when it ends, whether it is active."""
    return codes_update_code(acting(), code_id, body)


# (rule, methods, view, the studio door's permissions)
ROUTES = [
    ("/codes", ["POST"], create_code, ("passes.manage",)),
    ("/codes", ["GET"], list_codes, ("passes.manage",)),
    ("/codes/<id:code_id>", ["PATCH"], update_code, ("passes.manage",)),
    ("/codes/<id:code_id>/retire", ["POST"], retire_code, ("passes.manage",)),
]
add_both(ROUTES, {list_codes}, seed, shop)
blps = (blp, seed, shop)


@blp.route("/codes/quote")
@read_only
@blp.arguments(QuoteQuerySchema, location="query")
@blp.response(200, QuoteSchema)
@blp.alt_response(400, schema=APIErrorSchema, description="validation_error naming the code")
@blp.alt_response(404, schema=APIErrorSchema, description="session_not_found, pass_not_found")
@blp.alt_response(409, schema=APIErrorSchema, description="code_used_up")
def quote(args):
    """The price a code gives for seats of a session or for a pass, before paying: with a token, as that buyer's
    checkout charges it (a business elsewhere in the EU pays no VAT)."""
    return quote_for(args, caller_id())

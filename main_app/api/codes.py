"""Discount codes: a facilitator's (make, list, retire), and the price a code gives before paying."""

from flask_jwt_extended import current_user

from main_app.services.discounts import create_code as codes_create_code
from main_app.services.discounts import list_codes as codes_list_codes
from main_app.services.discounts import quote_for
from main_app.services.discounts import retire_code as codes_retire_code
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..schemas.discounts import CodeCreateSchema, CodeListSchema, CodeSchema, QuoteQuerySchema, QuoteSchema
from .facilitator import facilitator_docs, this_facilitator

blp = Blueprint("codes", __name__, description="Discount codes")
MINE = "/api/facilitator/<id:facilitator_id>/codes"


@blp.route(MINE, methods=["POST"])
@facilitator_docs
@this_facilitator
@blp.arguments(CodeCreateSchema)
@blp.response(201, CodeSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="code_exists (whatever its case)")
def create_code(body):
    """Make a discount code: a percentage or an amount off, for bookings, passes or both, with limits."""
    return codes_create_code(current_user, body)


@blp.route(MINE)
@read_only
@facilitator_docs
@this_facilitator
@blp.response(200, CodeListSchema)
def list_codes():
    """Your codes, newest first, with their uses."""
    return {"items": codes_list_codes(current_user)}


@blp.route(f"{MINE}/<id:code_id>/retire", methods=["POST"])
@facilitator_docs
@this_facilitator
@blp.response(200, CodeSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="code_retired (already)")
def retire_code(code_id):
    """Stop a code: no new uses from now."""
    return codes_retire_code(current_user, code_id)


@blp.route("/codes/quote")
@read_only
@blp.arguments(QuoteQuerySchema, location="query")
@blp.response(200, QuoteSchema)
@blp.alt_response(400, schema=APIErrorSchema, description="validation_error naming the code")
@blp.alt_response(404, schema=APIErrorSchema, description="session_not_found, pass_not_found")
@blp.alt_response(409, schema=APIErrorSchema, description="code_used_up")
def quote(args):
    """The price a code gives for seats of a session or for a pass, before paying."""
    return quote_for(args)

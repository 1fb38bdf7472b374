"""Passes: a facilitator's products (create, list, edit, retire) and the public list of those on sale."""

from flask_jwt_extended import current_user

from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..schemas.passes import PassCreateSchema, PassListSchema, PassQuerySchema, PassSchema, PassUpdateSchema
from ..services.passes import products
from .facilitator import facilitator_docs, this_facilitator

blp = Blueprint("passes", __name__, description="Class packs and memberships")


@blp.route("/passes")
@read_only
@blp.arguments(PassQuerySchema, location="query")
@blp.response(200, PassListSchema)
def list_on_sale(args):
    """Passes on sale: one facilitator's (facilitator_id), or those covering an event (event_id)."""
    return {"items": products.on_sale(args.get("facilitator_id"), args.get("event_id"))}


MINE = "/api/facilitator/<id:facilitator_id>/passes"


@blp.route(MINE, methods=["POST"])
@facilitator_docs
@this_facilitator
@blp.arguments(PassCreateSchema)
@blp.response(201, PassSchema)
def create_pass(body):
    """Put a class pack or a membership on sale, for all your events or some."""
    return products.create_product(current_user, body)


@blp.route(MINE)
@read_only
@facilitator_docs
@this_facilitator
@blp.response(200, PassListSchema)
def list_mine():
    """Your passes, retired ones too, newest first."""
    return {"items": products.list_own(current_user)}


@blp.route(f"{MINE}/<id:pass_id>", methods=["PATCH"])
@facilitator_docs
@this_facilitator
@blp.arguments(PassUpdateSchema)
@blp.response(200, PassSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="pass_retired")
def update_pass(body, pass_id):
    """Change a pass for the sales to come (a pass sold keeps the terms it was bought on); its kind stays."""
    return products.update_product(current_user, pass_id, body)


@blp.route(f"{MINE}/<id:pass_id>/retire", methods=["POST"])
@facilitator_docs
@this_facilitator
@blp.response(200, PassSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="pass_retired (already)")
def retire_pass(pass_id):
    """Stop selling a pass; the passes sold of it stay good."""
    return products.retire_product(current_user, pass_id)

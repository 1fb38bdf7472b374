"""Passes: the staff's products (create, list, edit, retire, report) through both doors (staff_doors), the public
list of those on sale, and buying one."""

from flask import Response
from flask_jwt_extended import current_user

from main_app.services import studios
from main_app.services.passes import (
    create_product,
    is_new_customer,
    list_own_products,
    on_sale,
    pass_ledger,
    passes_sold,
    passes_summary,
    retire_product,
    update_product,
)
from main_app.services.passes import my_passes as sold_my_passes
from main_app.services.payments import buy_pass as pass_checkout_buy_pass
from main_app.services.payments import renewal_approval
from main_app.services.payments import stop_renewal as renewals_stop_renewal
from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..models import PASS_MEMBERSHIP, ROLE_USER
from ..schemas.passes import (
    BuyPassSchema,
    LedgerSchema,
    NewCustomerQuerySchema,
    NewCustomerSchema,
    OwnedPassListSchema,
    OwnedPassSchema,
    PassCreateSchema,
    PassListSchema,
    PassPurchaseSchema,
    PassQuerySchema,
    PassSchema,
    PassSummarySchema,
    PassUpdateSchema,
)
from ..security import role_required
from . import registrants_csv as csv_export
from . import site_limit
from .staff_doors import acting, add_both, download_zone

blp = Blueprint("passes", __name__, description="Class packs and memberships")


@blp.route("/passes")
@site_limit.per_site
@read_only
@blp.arguments(PassQuerySchema, location="query")
@blp.response(200, PassListSchema)
@blp.alt_response(429, schema=APIErrorSchema, description=site_limit.REFUSED)
def list_on_sale(args):
    """Passes on sale: one facilitator's (facilitator_id), or those covering an event (event_id)."""
    return {"items": on_sale(args.get("facilitator_id"), args.get("event_id"))}


seed = Blueprint(
    "facilitator_passes",
    __name__,
    url_prefix="/api/facilitator/<id:facilitator_id>",
    description="A facilitator's class packs and memberships (those they made)",
)
shop = Blueprint(
    "studio_passes",
    __name__,
    url_prefix="/api/studios/<slug>",
    description="A studio's class packs and memberships, for its members who manage passes or see its money",
)


@seed.arguments(PassCreateSchema)
@seed.response(201, PassSchema)
@seed.alt_response(400, schema=APIErrorSchema, description="validation_error, naming event_ids not the studio's")
def create_pass(body):
    """Put a class pack or a membership on sale, for all your events or some; renewal_approval says when each renewal
    of a membership at its price will wait for its member's approval."""
    return _with_approval(create_product(acting(), body))


def _with_approval(made: dict) -> dict:
    """A membership's document with what its studio's provider needs for its renewals (None: nothing)."""
    if made["kind"] == PASS_MEMBERSHIP:
        made["renewal_approval"] = renewal_approval(studios.workplace(acting()), made["price"], made["currency"])
    return made


@seed.response(200, PassListSchema)
def list_mine():
    """Your passes, retired ones too, newest first."""
    return {"items": list_own_products(acting())}


@seed.response(200, PassSummarySchema)
def summary():
    """Passes sold, active members, credits outstanding and code uses: the dashboard's figures."""
    return passes_summary(acting())


@seed.response(200, content_type="text/csv", description="One header row, one row per pass sold, newest first.")
def sold_csv():
    """Every pass sold as a CSV download: its person, terms, credits left, price and dates."""
    text = csv_export.passes_document(passes_sold(acting()), download_zone())
    return Response(
        text, mimetype="text/csv", headers={"Content-Disposition": 'attachment; filename="passes-sold.csv"'}
    )


@seed.arguments(PassUpdateSchema)
@seed.response(200, PassSchema)
@seed.alt_response(409, schema=APIErrorSchema, description="pass_retired")
def update_pass(body, pass_id):
    """Change a pass for the sales to come (a pass sold keeps the terms it was bought on); its kind stays."""
    return _with_approval(update_product(acting(), pass_id, body))


@seed.response(200, PassSchema)
@seed.alt_response(409, schema=APIErrorSchema, description="pass_retired (already)")
def retire_pass(pass_id):
    """Stop selling a pass; the passes sold of it stay good."""
    return retire_product(acting(), pass_id)


# (rule, methods, view, the studio door's permissions)
ROUTES = [
    ("/passes", ["POST"], create_pass, ("passes.manage",)),
    ("/passes", ["GET"], list_mine, ("passes.manage",)),
    ("/passes/summary", ["GET"], summary, ("money.view",)),
    ("/passes/sold.csv", ["GET"], sold_csv, ("money.view",)),
    ("/passes/<id:pass_id>", ["PATCH"], update_pass, ("passes.manage",)),
    ("/passes/<id:pass_id>/retire", ["POST"], retire_pass, ("passes.manage",)),
]
add_both(ROUTES, {list_mine, summary, sold_csv}, seed, shop)
blps = (blp, seed, shop)


@blp.route("/passes/<id:product_id>/buy", methods=["POST"])
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.arguments(BuyPassSchema, required=False)
@blp.response(201, PassPurchaseSchema)
@blp.alt_response(403, schema=APIErrorSchema, description="A facilitator's or admin's token: passes are for users.")
@blp.alt_response(404, schema=APIErrorSchema, description="pass_not_found")
@blp.alt_response(409, schema=APIErrorSchema, description="pass_retired, new_customers_only, code_used_up")
@blp.alt_response(400, schema=APIErrorSchema, description="validation_error naming a code that can't be used")
@blp.alt_response(503, schema=APIErrorSchema, description="payment_provider_unavailable (nothing charged)")
def buy_pass(body, product_id):
    """Buy a pass, with a discount code if you have one: pay at checkout_url (one with nothing to pay is good at
    once); the payment makes it good."""
    return pass_checkout_buy_pass(current_user, product_id, (body or {}).get("code"))


@blp.route("/me/passes")
@read_only
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.response(200, OwnedPassListSchema)
def my_passes():
    """Your passes, newest first: credits left, valid until, and whether each is good to book with now."""
    return {"items": sold_my_passes(current_user)}


@blp.route("/me/passes/<id:pass_id>/ledger")
@read_only
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.response(200, LedgerSchema)
@blp.alt_response(404, schema=APIErrorSchema, description="pass_not_found: unknown, or neither mine nor shared with me")
def ledger_of_pass(pass_id):
    """Every change of a pass's credits, oldest first, and whose seat each booking's credit was: mine, or a
    shareable pass of my family's other guardian."""
    return pass_ledger(current_user, pass_id)


@blp.route("/me/passes/new-customer")
@read_only
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.arguments(NewCustomerQuerySchema, location="query")
@blp.response(200, NewCustomerSchema)
def new_customer(args):
    """Whether you are new to a facilitator: their intro offers are yours (the shop says so before a click)."""
    facilitator_id = args["facilitator_id"]
    studio_id = studios.owned_studio_id(facilitator_id)
    new = studio_id is None or is_new_customer(current_user.id, studio_id)
    return {"facilitator_id": facilitator_id, "new_customer": new}


@blp.route("/me/passes/<id:pass_id>/cancel", methods=["POST"])
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.response(200, OwnedPassSchema)
@blp.alt_response(404, schema=APIErrorSchema, description="pass_not_found: unknown, or another person's")
@blp.alt_response(409, schema=APIErrorSchema, description="not_renewing (a pack, or stopped already)")
def stop_renewal(pass_id):
    """Stop a membership's renewal: it stays good to the end of the period paid for."""
    return renewals_stop_renewal(current_user, pass_id)

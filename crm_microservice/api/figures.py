"""The client book's figures for the main API's reconciliation (service token only): ids and counts, no one's
name or email."""

import datetime as dt

from flask import current_app

from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER

from ..schemas import FiguresPageSchema, FiguresQuerySchema
from ..security import service_token_required
from ..services import clients
from ..storage import get_store
from .book_routes import refusals

blp = Blueprint(
    "figures",
    __name__,
    url_prefix="/api/reconciliation",
    description="The client book's figures, read by the main API to reconcile them with its records.",
)


@blp.route("/studios/<id:studio_id>/clients", methods=["GET"])
@service_token_required
@blp.doc(security=BEARER)
@blp.arguments(FiguresQuerySchema, location="query")
@blp.response(200, FiguresPageSchema)
@refusals(blp, "A studio id past the ids' range: no such route.", service=True)
def client_figures(query, studio_id):
    """A keyset page of a studio's account clients by user id: bookings, visits, no-shows, late cancels, credits
    left on good passes, spend and refunds per currency (minor units). A studio the CRM never heard of has none."""
    clients.require_book(get_store(current_app))  # after the token check: a stranger learns nothing
    now = dt.datetime.now(dt.UTC)
    return clients.figures_page(studio_id, query["after"], query.get("through"), query["limit"], now)

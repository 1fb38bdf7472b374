"""The main API's door for studio automations to a studio's client book (the service token): what the book holds
about many accounts at once, which the rules' conditions test."""

import datetime as dt

from flask import current_app

from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER

from ..schemas import PeopleFactsInSchema, PeopleFactsSchema
from ..security import service_token_required
from ..services import clients
from ..storage import get_store
from .book_routes import refusals

blp = Blueprint(
    "people_facts",
    __name__,
    url_prefix="/api/service/studios/<id:studio_id>/people",
    description="What a studio's client book holds about many accounts, for its automations (service token only).",
)


@blp.route("/facts", methods=["POST"])
@service_token_required
@blp.doc(security=BEARER)
@blp.arguments(PeopleFactsInSchema)
@blp.response(200, PeopleFactsSchema)
@refusals(blp, "One of the segments asked is not the studio's (segment_not_found).", service=True)
def people_facts(body, studio_id):
    """Each account's tags, the asked segments they are in now, marketing consent and email (known false: the book
    has no client of theirs), one item per id in the order sent; a POST so the ids stay out of URLs and logs."""
    clients.require_book(get_store(current_app))  # after the token check: a stranger learns nothing
    now = dt.datetime.now(dt.UTC)
    return clients.people_facts(studio_id, body["user_ids"], body["segment_ids"], now, body["timezone"])

"""The main API's doors to a studio's client book (the service token): a segment's consenting clients, whose
marketing email it sends through its own email lane (the CRM never sends mail, the main API never reads the book's
tables), and the whole book a page at a time for the studio's export."""

import datetime as dt

from flask import current_app

from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER

from ..schemas import BookPageQuerySchema, BookPageSchema, RecipientListSchema, RecipientQuerySchema
from ..security import service_token_required
from ..services import clients
from ..storage import get_store
from .book_routes import refusals

blp = Blueprint(
    "segment_recipients",
    __name__,
    url_prefix="/api/service/studios/<id:studio_id>/segments",
    description="A segment's clients who gave marketing consent, for the main API (service token only).",
)
books = Blueprint(
    "studio_books",
    __name__,
    url_prefix="/api/service/studios/<id:studio_id>/book",
    description="A studio's whole client book, a page at a time, for its export (service token only).",
)
blps = (blp, books)


@blp.route("/<id:segment_id>/recipients", methods=["GET"])
@service_token_required
@blp.doc(security=BEARER)
@blp.arguments(RecipientQuerySchema, location="query")
@blp.response(200, RecipientListSchema)
@refusals(blp, "No such segment of this studio's.", service=True)
def segment_recipients(args, studio_id, segment_id):
    """The segment's clients with marketing consent given (not withdrawn) and an email, one per address, by id."""
    clients.require_book(get_store(current_app))  # after the token check: a stranger learns nothing
    now = dt.datetime.now(dt.UTC)
    return clients.recipients(studio_id, segment_id, args["limit"], now, args["timezone"])


@books.route("/<part>", methods=["GET"])
@service_token_required
@books.doc(security=BEARER)
@books.arguments(BookPageQuerySchema, location="query")
@books.response(200, BookPageSchema)
@refusals(books, "Not a studio id, or not a part of the book.", service=True)
def book_page(args, studio_id, part):
    """One page of the studio's client book for its export: clients (with consent), notes or tags, by id."""
    clients.require_book(get_store(current_app))
    return clients.book_page(studio_id, part, args["after"], args["limit"])

"""A studio's client book: its clients, one client's profile and timeline, staff notes and tags."""

import datetime as dt

from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.schemas import APIErrorSchema

from ..schemas import (
    CardListSchema,
    CardsInSchema,
    ClientPageSchema,
    ClientQuerySchema,
    ConsentInSchema,
    ConsentOutSchema,
    MergeInSchema,
    MergeOutSchema,
    NoteInSchema,
    NoteOutSchema,
    ProfileQuerySchema,
    ProfileSchema,
    TagsInSchema,
    TagsOutSchema,
)
from ..security import client_book_required
from ..services import clients
from .book_routes import refusals, sql_store_only

blp = Blueprint(
    "clients",
    __name__,
    url_prefix="/api/studios/<slug>/clients",
    description="A studio's client book, for its staff as their token's client_book claim names the studio.",
)
READ = ("clients.view", "clients.own")
WRITE = ("clients.write",)
NOT_FOUND = "No such studio in the token's client_book claim, or no such client the caller may see."


sql_store_only(blp)
_refusals = refusals(blp, NOT_FOUND)


@blp.route("", methods=["GET"])
@client_book_required(*READ)
@blp.doc(security=BEARER)
@blp.arguments(ClientQuerySchema, location="query")
@blp.response(200, ClientPageSchema)
@_refusals
def list_clients(query, book):
    """The studio's clients, best match or most recently seen first (an instructor: the people booked into their
    sessions); ?segment= a saved segment's (clients.view)."""
    segment = query.get("segment")
    only = clients.segment_conditions(book, segment, dt.datetime.now(dt.UTC)) if segment else None
    return clients.list_clients(book, query, only)


@blp.route("/cards", methods=["POST"])
@client_book_required(*READ)
@blp.doc(security=BEARER)
@blp.arguments(CardsInSchema)
@blp.response(200, CardListSchema)
@_refusals
def client_cards(body, book):
    """The door's cards of a session's people by email (at most 200): each one's client as the caller may see them
    (an instructor: people booked into their sessions), with their tags and newest notes; POST keeps the emails out
    of the URL and its logs."""
    return clients.cards(book, body["emails"])


@blp.route("/<id:client_id>", methods=["GET"])
@client_book_required(*READ)
@blp.doc(security=BEARER)
@blp.arguments(ProfileQuerySchema, location="query")
@blp.response(200, ProfileSchema)
@_refusals
def show_client(query, client_id, book):
    """One client: figures, passes, tags, notes and a page of their timeline (spend only with clients.view)."""
    now = dt.datetime.now(dt.UTC)
    return clients.profile(book, client_id, query["page"], query["per_page"], now)


@blp.route("/<id:client_id>/notes", methods=["POST"])
@client_book_required(*WRITE)
@blp.doc(security=BEARER)
@blp.arguments(NoteInSchema)
@blp.response(201, NoteOutSchema)
@_refusals
def add_note(body, client_id, book):
    """A note on the client, by the caller: they may change it for 24 hours."""
    return clients.add_note(book, client_id, body["text"], dt.datetime.now(dt.UTC))


@blp.route("/<id:client_id>/notes/<id:note_id>", methods=["PATCH"])
@client_book_required(*WRITE)
@blp.doc(security=BEARER)
@blp.arguments(NoteInSchema)
@blp.response(200, NoteOutSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="Written more than 24 hours ago: kept as written.")
@_refusals
def edit_note(body, client_id, note_id, book):
    """The note's new text, by its author, within 24 hours of writing it."""
    return clients.edit_note(book, client_id, note_id, body["text"], dt.datetime.now(dt.UTC))


@blp.route("/<id:client_id>/tags", methods=["PUT"])
@client_book_required(*WRITE)
@blp.doc(security=BEARER)
@blp.arguments(TagsInSchema)
@blp.response(200, TagsOutSchema)
@_refusals
def set_tags(body, client_id, book):
    """The client's tags from now on."""
    return clients.set_tags(book, client_id, body["tags"])


@blp.route("/<id:client_id>/consent", methods=["PUT"])
@client_book_required(*WRITE)
@blp.doc(security=BEARER)
@blp.arguments(ConsentInSchema)
@blp.response(200, ConsentOutSchema)
@_refusals
def set_consent(body, client_id, book):
    """Record the client's marketing consent: given or withdrawn, how, now, by the caller."""
    return clients.set_consent(book, client_id, body["marketing"], body["how"], dt.datetime.now(dt.UTC))


@blp.route("/<id:client_id>/merge", methods=["POST"])
@client_book_required(*WRITE)
@blp.doc(security=BEARER)
@blp.arguments(MergeInSchema)
@blp.response(200, MergeOutSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="Into itself, or others are merged into this client.")
@_refusals
def merge(body, client_id, book):
    """Merge this client into another of the same person: their timeline and figures become one (undo: 30 days)."""
    return clients.merge(book, client_id, body["into"], dt.datetime.now(dt.UTC))


@blp.route("/<id:client_id>/unmerge", methods=["POST"])
@client_book_required(*WRITE)
@blp.doc(security=BEARER)
@blp.response(200, MergeOutSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="Merged more than 30 days ago: final.")
@_refusals
def unmerge(client_id, book):
    """Undo a merge of this client, within 30 days of it."""
    return clients.unmerge(book, client_id, dt.datetime.now(dt.UTC))

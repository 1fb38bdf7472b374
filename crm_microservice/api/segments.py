"""A studio's segments: saved filters of its client book, each with a live count (clients.view to read, clients.write
to save; instructors none)."""

import datetime as dt

from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.schemas import APIErrorSchema

from ..schemas import PresetListSchema, SegmentInSchema, SegmentListSchema, SegmentOutSchema, SegmentPatchSchema
from ..security import client_book_required
from ..services import clients
from .book_routes import refusals, sql_store_only

blp = Blueprint(
    "segments",
    __name__,
    url_prefix="/api/studios/<slug>/segments",
    description="A studio's saved filters of its client book, for its staff with clients.view.",
)
READ = ("clients.view",)
WRITE = ("clients.write",)
NOT_FOUND = "No such studio in the token's client_book claim, or no such segment of the studio's."


sql_store_only(blp)
_refusals = refusals(blp, NOT_FOUND)


@blp.route("", methods=["GET"])
@client_book_required(*READ)
@blp.doc(security=BEARER)
@blp.response(200, SegmentListSchema)
@_refusals
def list_segments(book):
    """The studio's segments, alphabetical, each with how many clients it holds now."""
    return clients.list_segments(book, dt.datetime.now(dt.UTC))


@blp.route("/presets", methods=["GET"])
@client_book_required(*READ)
@blp.doc(security=BEARER)
@blp.response(200, PresetListSchema)
@_refusals
def presets(book):
    """Built-in suggestions (lapsed, pack running out, new this month...), each a filter ready to save."""
    return clients.presets()


@blp.route("", methods=["POST"])
@client_book_required(*WRITE)
@blp.doc(security=BEARER)
@blp.arguments(SegmentInSchema)
@blp.response(201, SegmentOutSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="The studio keeps 50 segments already.")
@_refusals
def create_segment(body, book):
    """Save a segment: a name and a filter (every key given must hold)."""
    return clients.create_segment(book, body, dt.datetime.now(dt.UTC))


@blp.route("/<id:segment_id>", methods=["GET"])
@client_book_required(*READ)
@blp.doc(security=BEARER)
@blp.response(200, SegmentOutSchema)
@_refusals
def show_segment(segment_id, book):
    """One segment with its count now (its clients: GET …/clients?segment=<id>)."""
    return clients.show_segment(book, segment_id, dt.datetime.now(dt.UTC))


@blp.route("/<id:segment_id>", methods=["PATCH"])
@client_book_required(*WRITE)
@blp.doc(security=BEARER)
@blp.arguments(SegmentPatchSchema)
@blp.response(200, SegmentOutSchema)
@_refusals
def update_segment(body, segment_id, book):
    """Rename the segment or change its filter (the filter sent replaces the old one whole)."""
    return clients.update_segment(book, segment_id, body, dt.datetime.now(dt.UTC))


@blp.route("/<id:segment_id>", methods=["DELETE"])
@client_book_required(*WRITE)
@blp.doc(security=BEARER)
@blp.response(204)
@_refusals
def delete_segment(segment_id, book):
    """Delete the segment (its clients are untouched)."""
    clients.delete_segment(book, segment_id)

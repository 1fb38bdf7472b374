"""The client book as a CSV download (RFC 4180, every cell quoted), safe to open in a spreadsheet: no cell runs as
a formula (service_kit/spreadsheets.py, as the main API's CSV downloads). Its own blueprint: the route
is /clients.csv, beside the clients blueprint's prefix, not under it."""

import datetime as dt
import re

from flask import Response, request, stream_with_context

from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.spreadsheets import csv_lines

from ..schemas import ClientExportQuerySchema
from ..security import client_book_required
from ..services import clients
from .book_routes import refusals, sql_store_only

blp = Blueprint(
    "clients_csv",
    __name__,
    url_prefix="/api/studios/<slug>",
    description="A studio's client book as a CSV download, for its staff as their client_book claim allows.",
)


sql_store_only(blp)


@blp.route("/clients.csv", methods=["GET"])
@client_book_required("clients.view", "clients.own")
@blp.doc(security=BEARER)
@blp.arguments(ClientExportQuerySchema, location="query")
@blp.response(200, content_type="text/csv", description="One header row, one row per client, oldest client first.")
@refusals(blp, "No such studio in the claim, or no such segment.")
def export_clients(query, book):
    """Every client the list would show (q, tag, segment) as a CSV download, streamed; spend with clients.view."""
    segment = query.get("segment")
    only = clients.segment_conditions(book, segment, dt.datetime.now(dt.UTC)) if segment else None
    rows = csv_lines(clients.export.columns(book), clients.export.rows(book, query, only))
    slug = re.sub(r"[^a-z0-9-]", "", request.view_args["slug"])
    headers = {"Content-Disposition": f'attachment; filename="clients-{slug}.csv"'}
    return Response(stream_with_context(rows), mimetype="text/csv", headers=headers)

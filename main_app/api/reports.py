"""A studio's reports over a span of its days, as JSON or CSV: revenue, attendance and clients for its owners and
managers (reports.view); instructor pay for them too, and for each instructor their own (reports.own)."""

from flask import Response

from main_app.services import reports
from service_kit.blueprint import Blueprint
from service_kit.spreadsheets import csv_document

from ..database import read_only
from ..schemas.pay import PayReportSchema
from ..schemas.reports import (
    AttendanceReportSchema,
    ClientsReportSchema,
    PayQuerySchema,
    ReportQuerySchema,
    RevenueReportSchema,
)
from .staff_doors import acting, studio_guard

blp = Blueprint("reports", __name__, url_prefix="/api/studios/<slug>/reports", description="A studio's reports")
guard = studio_guard(blp)


def csv_too(schema, rows: str) -> dict:
    """The 200 response's two content types: format=csv answers the same request as text/csv."""
    return {
        "description": f"The report; with format=csv, text/csv: a header row, then {rows}",
        "content": {"application/json": {"schema": schema}, "text/csv": {"schema": {"type": "string"}}},
    }


def _csv(rows, name: str) -> Response:
    """The rows (a header first) as a CSV download, every cell safe to open in a spreadsheet."""
    rows = iter(rows)
    disposition = f'attachment; filename="{name}-{acting().studio.slug}.csv"'
    return Response(csv_document(next(rows), rows), mimetype="text/csv", headers={"Content-Disposition": disposition})


@blp.route("/revenue")
@read_only
@guard("reports.view")
@blp.arguments(ReportQuerySchema, location="query")
@blp.response(200, RevenueReportSchema)
@blp.doc(responses={"200": csv_too(RevenueReportSchema, "one row per period")})
def revenue(args):
    """Money taken (invoices) and given back (credit notes) over the studio's days, by period and by what was sold,
    with the span before it; and what it is owed (instalments due) and owes (credits its clients hold). format=csv:
    text/csv, a header row and one row per period. 400 report_range_invalid for a span over two years or ending
    before it starts."""
    studio = acting().studio
    report = reports.revenue(studio, reports.span_of(args, studio.timezone))
    if args.get("format") == "csv":
        return _csv(reports.revenue_csv_rows(report), "revenue")
    return report


@blp.route("/attendance")
@read_only
@guard("reports.view")
@blp.arguments(ReportQuerySchema, location="query")
@blp.response(200, AttendanceReportSchema)
@blp.doc(responses={"200": csv_too(AttendanceReportSchema, "one row per class held")})
def attendance(args):
    """How full the studio's classes were (seats booked over offered), who came, no-shows, late cancels and the
    waiting-list demand left over; by period, class, weekday and hour, and instructor; with the span before it.
    format=csv: one row per class held. 400 report_range_invalid as for revenue."""
    studio = acting().studio
    span = reports.span_of(args, studio.timezone)
    if args.get("format") == "csv":
        return _csv(reports.attendance_csv_rows(studio, span), "attendance")
    return reports.attendance(studio, span)


@blp.route("/clients")
@read_only
@guard("reports.view")
@blp.arguments(ReportQuerySchema, location="query")
@blp.response(200, ClientsReportSchema)
@blp.doc(responses={"200": csv_too(ClientsReportSchema, "one row per period")})
def clients(args):
    """Who came: clients new (their first visit at the studio) and returning, by period and against the span
    before; retention cohorts by month of first visit (back within 30, 60, 90 days); membership churn. format=csv:
    one row per period."""
    studio = acting().studio
    report = reports.clients(studio, reports.span_of(args, studio.timezone))
    if args.get("format") == "csv":
        return _csv(reports.clients_csv_rows(report), "clients")
    return report


@blp.route("/pay")
@read_only
@guard("reports.view", "reports.own")
@blp.arguments(PayQuerySchema, location="query")
@blp.response(200, PayReportSchema)
@blp.doc(responses={"200": csv_too(PayReportSchema, "one row per class taught")})
def pay(args):
    """Instructor pay: each class taught in the span with its heads, net revenue (tax-exclusive) and pay at its
    instructor's rate, and each instructor's totals; ?instructor= one instructor's. An instructor (reports.own) sees
    only their own classes, whatever they ask. The classes come page by page (?page=, ?per_page=), the totals
    cover the span. format=csv: one row per class taught, all of them."""
    staff = acting()
    studio = staff.studio
    mine = not staff.may("reports.view")
    span, instructor = reports.span_of(args, studio.timezone), staff.id if mine else args.get("instructor")
    if args.get("format") == "csv":
        return _csv(reports.pay_csv_rows(reports.pay(studio, span, instructor), studio.timezone), "pay")
    return reports.pay(studio, span, instructor, args["page"], args["per_page"])

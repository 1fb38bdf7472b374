"""A studio's reports, for its owners and managers (reports.view): revenue over a span of its days, as JSON or CSV."""

import csv
import io

from flask import Response

from main_app.services import reports
from service_kit.blueprint import Blueprint

from ..database import read_only
from ..schemas.reports import ReportQuerySchema, RevenueReportSchema
from .staff_doors import acting, studio_guard

blp = Blueprint("reports", __name__, url_prefix="/api/studios/<slug>/reports", description="A studio's reports")
guard = studio_guard(blp)
# format=csv answers the same request as text/csv: a header row, one row per period.
CSV_TOO = {
    "description": "The report; with format=csv, text/csv: a header row, one row per period",
    "content": {
        "application/json": {"schema": RevenueReportSchema},
        "text/csv": {"schema": {"type": "string"}},
    },
}


def _csv(rows, name: str) -> Response:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    disposition = f'attachment; filename="{name}-{acting().studio.slug}.csv"'
    return Response(out.getvalue(), mimetype="text/csv", headers={"Content-Disposition": disposition})


@blp.route("/revenue")
@read_only
@guard("reports.view")
@blp.arguments(ReportQuerySchema, location="query")
@blp.response(200, RevenueReportSchema)
@blp.doc(responses={"200": CSV_TOO})
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

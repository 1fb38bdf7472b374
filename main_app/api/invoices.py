"""Invoices and credit notes: a person's own (GET /me/invoices, their PDFs), a studio's tax settings and its
documents for its accountant (list, CSV, ZIP of PDFs), each studio route checked against the permission table."""

from flask import Response, send_file, stream_with_context
from flask_jwt_extended import current_user

from main_app.services import invoices, studios
from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..error_codes import api_error
from ..models import ROLES
from ..schemas.common import PageArgsSchema
from ..schemas.invoices import (
    BillingDetailsSchema,
    InvoiceFiltersSchema,
    InvoicePageSchema,
    InvoiceQuerySchema,
    InvoicingSchema,
)
from ..security import role_required
from .staff_doors import acting, studio_guard

PDF = "application/pdf"
mine = Blueprint("my_invoices", __name__, description="The caller's invoices and credit notes")
shop = Blueprint(
    "studio_invoices", __name__, url_prefix="/api/studios/<slug>", description="A studio's tax settings and documents"
)
guard = studio_guard(shop)
blps = (mine, shop)


def _studio_id() -> int:
    return acting().studio.id


def _actor() -> studios.Actor:
    staff = acting()
    return staff.actor()


def _page(page) -> dict:
    items = invoices.invoice_documents(page.items)
    return {"items": items, "page": page.page, "per_page": page.per_page, "total": page.total, "pages": page.pages}


@mine.route("/me/invoices")
@mine.doc(security=BEARER)
@read_only
@role_required(*ROLES)
@mine.arguments(PageArgsSchema, location="query")
@mine.response(200, InvoicePageSchema)
def my_invoices(args):
    """My invoices and credit notes, newest first."""
    return _page(invoices.my_invoices(current_user.id, args["page"], args["per_page"]))


@mine.route("/me/invoices/<id:invoice_id>.pdf")
@mine.doc(security=BEARER)
@read_only
@role_required(*ROLES)
@mine.response(200, content_type=PDF, description="The document's PDF.")
@mine.alt_response(404, schema=APIErrorSchema, description="invoice_not_found (anyone else's too)")
def my_invoice_pdf(invoice_id):
    """One of my invoices or credit notes as a PDF."""
    row, pdf = invoices.my_pdf(current_user.id, invoice_id)
    headers = {"Content-Disposition": f'attachment; filename="{row.formatted_number}.pdf"'}
    return Response(pdf, mimetype=PDF, headers=headers)


@mine.route("/me/billing")
@mine.doc(security=BEARER)
@read_only
@role_required(*ROLES)
@mine.response(200, BillingDetailsSchema)
@mine.alt_response(404, schema=APIErrorSchema, description="billing_details_not_found: none saved")
def my_billing():
    """Whom my invoices are made out to: a business's name, its GSTIN or VAT number and address."""
    found = invoices.billing_document(current_user.id)
    if found is None:
        raise api_error("billing_details_not_found")
    return found


@mine.route("/me/billing", methods=["PUT"])
@mine.doc(security=BEARER)
@role_required(*ROLES)
@mine.arguments(BillingDetailsSchema)
@mine.response(200, BillingDetailsSchema)
def put_my_billing(body):
    """Save whom my invoices are made out to (the whole set); invoices issued from now on print it."""
    return invoices.replace_billing(current_user.id, body)


@mine.route("/me/billing", methods=["DELETE"])
@mine.doc(security=BEARER)
@role_required(*ROLES)
@mine.response(204)
def delete_my_billing():
    """Forget my billing details (invoices issued already keep theirs)."""
    invoices.remove_billing(current_user.id)
    return "", 204


@shop.route("/invoicing")
@read_only
@guard("money.view")
@shop.response(200, InvoicingSchema)
def get_invoicing():
    """The studio's tax and invoicing settings (defaults until set)."""
    return invoices.invoicing_document(_studio_id())


@shop.route("/invoicing", methods=["PUT"])
@guard("studio.settings")
@shop.arguments(InvoicingSchema)
@shop.response(200, InvoicingSchema)
def put_invoicing(body):
    """Set the studio's tax and invoicing settings, the whole set (an audit entry names what changed); documents
    issued before keep what they said."""
    return invoices.replace_invoicing(_studio_id(), _actor(), body)


@shop.route("/invoices")
@read_only
@guard("money.view")
@shop.arguments(InvoiceQuerySchema, location="query")
@shop.response(200, InvoicePageSchema)
def studio_invoices(args):
    """The studio's invoices and credit notes, newest first, by kind and dates of issue."""
    return _page(invoices.of_studio(_studio_id(), args, args["page"], args["per_page"]))


@shop.route("/invoices/<id:invoice_id>.pdf")
@read_only
@guard("money.view")
@shop.response(200, content_type=PDF, description="The document's PDF.")
@shop.alt_response(404, schema=APIErrorSchema, description="invoice_not_found (another studio's too)")
def studio_invoice_pdf(invoice_id):
    """One of the studio's invoices or credit notes as a PDF."""
    row, pdf = invoices.studio_pdf(_studio_id(), invoice_id)
    headers = {"Content-Disposition": f'attachment; filename="{row.formatted_number}.pdf"'}
    return Response(pdf, mimetype=PDF, headers=headers)


@shop.route("/invoices.csv")
@guard("money.view")
@shop.arguments(InvoiceFiltersSchema, location="query")
@shop.response(200, content_type="text/csv", description="A header row, one row per document, oldest first.")
def studio_invoices_csv(args):
    """The documents the filters match as the accountant's CSV (amounts in minor units), streamed."""
    lines = invoices.csv_lines(_studio_id(), args)
    headers = {"Content-Disposition": f'attachment; filename="invoices-{acting().studio.slug}.csv"'}
    return Response(stream_with_context(lines), mimetype="text/csv", headers=headers)


@shop.route("/invoices.zip")
@guard("money.view")
@shop.arguments(InvoiceFiltersSchema, location="query")
@shop.response(200, content_type="application/zip", description="Each document's PDF and invoices.csv.")
@shop.alt_response(400, schema=APIErrorSchema, description="invoices_too_many (over 5,000 documents)")
def studio_invoices_zip(args):
    """The documents the filters match as PDFs with the CSV, in one ZIP; a range of more than 5,000 is refused."""
    archive = invoices.zip_file(_studio_id(), args)
    name = f"invoices-{acting().studio.slug}.zip"
    return send_file(archive, mimetype="application/zip", as_attachment=True, download_name=name)

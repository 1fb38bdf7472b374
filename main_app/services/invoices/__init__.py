"""Tax invoices and credit notes: a studio's tax settings, gap-free numbers, PDFs and the accountant's exports"""

from ...models import REFUND_BY_STAFF, REFUND_OF_PAYMENT, REFUND_OF_SEAT
from .billing import document as billing_document
from .billing import problems as billing_problems
from .billing import remove as remove_billing
from .billing import replace as replace_billing
from .billing import require_address as require_billing_address
from .daily import fresh as revenue_recounted
from .daily import kept as revenue_kept
from .daily import recount as recount_revenue
from .issue import issue_credit_note, issue_invoice
from .lettering import FONT as PDF_FONT
from .lettering import lettered_pdf
from .mail import with_credit_note, with_invoice
from .numbers import continue_numbering
from .reads import csv_lines, my_pdf, of_studio, studio_pdf, zip_file
from .reads import documents as invoice_documents
from .reads import mine as my_invoices
from .settings import STATE_CODES
from .settings import document as invoicing_document
from .settings import problems as invoicing_problems
from .settings import replace as replace_invoicing

__all__ = [
    "PDF_FONT",
    "REFUND_BY_STAFF",
    "REFUND_OF_PAYMENT",
    "REFUND_OF_SEAT",
    "STATE_CODES",
    "billing_document",
    "billing_problems",
    "continue_numbering",
    "csv_lines",
    "invoice_documents",
    "invoicing_document",
    "invoicing_problems",
    "issue_credit_note",
    "issue_invoice",
    "lettered_pdf",
    "my_invoices",
    "my_pdf",
    "of_studio",
    "recount_revenue",
    "remove_billing",
    "replace_billing",
    "replace_invoicing",
    "require_billing_address",
    "revenue_kept",
    "revenue_recounted",
    "studio_pdf",
    "with_credit_note",
    "with_invoice",
    "zip_file",
]

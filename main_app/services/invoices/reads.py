"""Documents read back: a person's own, a studio's with filters, one's PDF, and the accountant's CSV and ZIP."""

import csv
import io
import zipfile
from collections.abc import Iterator
from tempfile import SpooledTemporaryFile

from sqlalchemy import func, select

from main_app.plumbing import Page, paginate
from main_app.services.common import method_name
from main_app.services.languages import language_for, speaking
from service_kit.spreadsheets import clock_cell, clock_header, money_cell

from ...error_codes import api_error
from ...extensions import db
from ...models import Invoice, Payment, Studio, User

ZIP_LIMIT = 5_000  # documents one ZIP may hold: a wider range is refused, to be asked in parts
BATCH = 200  # documents the exports read at a time
CSV_COLUMNS = (
    "number", "kind", "issued_at", "credits", "buyer_name", "buyer_email", "buyer_tax_id", "seller_tax_id",
    "place_of_supply", "reverse_charge",
    "currency", "taxable", "tax_name", "tax_rate_percent", "cgst", "sgst", "igst", "vat", "tax", "total",
    "payment_id", "payment_method",
)  # fmt: skip
NEWEST_FIRST = (Invoice.issued_at.desc(), Invoice.id.desc())


def documents(rows: list[Invoice]) -> list[dict]:
    """Documents as the API lists them, each with the booking or pass its payment was for and how it was paid."""
    paid_for = {}
    if rows:
        found = select(Payment.id, Payment.booking_id, Payment.pass_id, Payment.provider, Payment.method).where(
            Payment.id.in_({r.payment_id for r in rows})
        )
        paid_for = {
            pid: {"booking_id": booking_id, "pass_id": pass_id, "payment_method": method_name(provider, method)}
            for pid, booking_id, pass_id, provider, method in db.session.execute(found)
        }
    unknown = {"booking_id": None, "pass_id": None, "payment_method": None}
    return [document(row) | paid_for.get(row.payment_id, unknown) for row in rows]


def paid_by(row: Invoice) -> str:
    """How the document's payment was paid, in words ("UPI", "Cash", "Online")."""
    payment = db.session.get(Payment, row.payment_id)
    return method_name(payment.provider, payment.method)


def document(row: Invoice) -> dict:
    """A document as the API lists it."""
    return {
        "id": row.id,
        "kind": row.kind,
        "number": row.formatted_number,
        "issued_at": row.issued_at,
        "payment_id": row.payment_id,
        "credits_id": row.credits_id,
        "buyer_name": row.buyer_name,
        "buyer_tax_id": (row.buyer or {}).get("tax_id"),
        "currency": row.currency,
        "taxable": row.taxable,
        "tax": row.tax_amount,
        "total": row.total,
        "description": row.lines[0]["description"] if row.lines else "",
    }


def mine(user_id: int, page: int, per_page: int) -> Page:
    """The person's invoices and credit notes, newest first."""
    return paginate(select(Invoice).where(Invoice.user_id == user_id).order_by(*NEWEST_FIRST), page, per_page)


def _filtered(query, studio_id: int, filters: dict):
    query = query.where(Invoice.studio_id == studio_id)
    if filters.get("kind"):
        query = query.where(Invoice.kind == filters["kind"])
    if filters.get("since") is not None:
        query = query.where(Invoice.issued_at >= filters["since"])
    if filters.get("until") is not None:
        query = query.where(Invoice.issued_at < filters["until"])
    return query


def of_studio(studio_id: int, filters: dict, page: int, per_page: int) -> Page:
    """The studio's documents the filters (kind, since, until) match, newest first."""
    return paginate(_filtered(select(Invoice), studio_id, filters).order_by(*NEWEST_FIRST), page, per_page)


def pdf_of(row: Invoice) -> bytes:
    """The document's PDF."""
    credited = db.session.get(Invoice, row.credits_id) if row.credits_id else None
    return _render(row, credited, paid_by(row))


def _render(row: Invoice, credited: Invoice | None, method: str) -> bytes:
    """The document's PDF drawn (credited: the invoice a credit note is against; method: how it was paid)."""
    # Here, not at the top: fpdf2 and fontTools cost every process that loads the app 0.3 s of CPU on import, and
    # only the API's invoice routes and the email lane ever draw a PDF.
    from .pdf import render

    studio = db.session.get(Studio, row.studio_id)
    # In its person's language, whoever downloads it (the person, the studio, the email lane): one document, one text.
    person = db.session.get(User, row.user_id) if row.user_id else None
    with speaking(language_for(person, studio)):
        return render(row, credited, method, timezone=studio.timezone)


def studio_pdf(studio_id: int, invoice_id: int) -> tuple[Invoice, bytes]:
    """One of the studio's documents and its PDF; 404 invoice_not_found for another studio's."""
    row = db.session.get(Invoice, invoice_id)
    if row is None or row.studio_id != studio_id:
        raise api_error("invoice_not_found", invoice_id=invoice_id)
    return row, pdf_of(row)


def my_pdf(user_id: int, invoice_id: int) -> tuple[Invoice, bytes]:
    """One of the person's own documents and its PDF; 404 invoice_not_found for anyone else's."""
    row = db.session.get(Invoice, invoice_id)
    if row is None or row.user_id != user_id:
        raise api_error("invoice_not_found", invoice_id=invoice_id)
    return row, pdf_of(row)


def _every(studio_id: int, filters: dict) -> Iterator[tuple[Invoice, str]]:
    """The studio's documents the filters match with how each was paid, oldest first, read a batch at a time, each
    in its own short read."""
    query = _filtered(select(Invoice), studio_id, filters).order_by(Invoice.id).limit(BATCH)
    after = 0
    while rows := db.session.scalars(query.where(Invoice.id > after)).all():
        paid = select(Payment.id, Payment.provider, Payment.method).where(Payment.id.in_({r.payment_id for r in rows}))
        methods = {pid: method_name(provider, method) for pid, provider, method in db.session.execute(paid)}
        for row in rows:
            db.session.expunge(row)  # kept as read: the rollback below expires nothing of it
        db.session.rollback()  # ends this batch's read, so a long download holds no transaction open
        yield from ((row, methods[row.payment_id]) for row in rows)
        after = rows[-1].id


def _row(row: Invoice, numbers: dict, method: str, timezone: str) -> list:
    heads = {head["name"]: head["amount"] for head in row.tax.get("parts", [])}
    money = [row.taxable, *(heads.get(name, 0) for name in ("CGST", "SGST", "IGST", "VAT")), row.tax_amount, row.total]
    taxable, cgst, sgst, igst, vat, tax, total = (money_cell(amount, row.currency) for amount in money)
    return [
        row.formatted_number, row.kind, clock_cell(row.issued_at, timezone), numbers.get(row.credits_id, ""),
        row.buyer_name, row.buyer_email, (row.buyer or {}).get("tax_id") or "", row.seller.get("tax_id") or "",
        # Both as the document prints them: its place of supply, and "Yes" where the buyer accounts for the VAT.
        row.place_of_supply or "", "Yes" if row.tax.get("reverse_charge") else "No", row.currency, taxable,
        row.tax.get("name") or "", row.tax.get("rate", 0) / 100, cgst, sgst, igst, vat, tax, total, row.payment_id,
        method,
    ]  # fmt: skip


def csv_lines(studio_id: int, filters: dict) -> Iterator[str]:
    """The accountant's CSV, a line at a time: a header, then one row per document, oldest first (amounts in major
    units with their decimals, in the row's currency; the time of issue on the studio's clock, its header naming the
    zone)."""
    out, numbers = io.StringIO(), {}
    timezone = db.session.get(Studio, studio_id).timezone
    writer = csv.writer(out)
    writer.writerow([clock_header(name, timezone) if name == "issued_at" else name for name in CSV_COLUMNS])
    for row, method in _every(studio_id, filters):
        numbers[row.id] = row.formatted_number
        if row.credits_id and row.credits_id not in numbers:  # an invoice before the range, or of another kind
            numbers[row.credits_id] = db.session.get(Invoice, row.credits_id).formatted_number
        writer.writerow(_row(row, numbers, method, timezone))
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    if out.getvalue():
        yield out.getvalue()


def zip_file(studio_id: int, filters: dict) -> SpooledTemporaryFile:
    """A ZIP of the documents' PDFs and the CSV, in a spooled file read from its start; 400 invoices_too_many
    over ZIP_LIMIT documents."""
    count = db.session.scalar(_filtered(select(func.count(Invoice.id)), studio_id, filters))
    if count > ZIP_LIMIT:
        raise api_error("invoices_too_many", count=count, limit=ZIP_LIMIT)
    spool = SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (handed to the response, which closes it)
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
        for row, method in _every(studio_id, filters):
            credited = db.session.get(Invoice, row.credits_id) if row.credits_id else None
            archive.writestr(f"{row.formatted_number}.pdf", _render(row, credited, method))
        archive.writestr("invoices.csv", "".join(csv_lines(studio_id, filters)))
    spool.seek(0)
    return spool

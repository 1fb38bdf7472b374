"""The invoice a receipt email carries, and the credit note a refund's: found when the email is sent (the outbox row
names the booking, the pass or the payment, never the document), so a retry attaches the same PDF and the row stays
small."""

import logging

from sqlalchemy import select

from ...extensions import db
from ...models import CREDIT_NOTE, INVOICE, Invoice, Payment
from .reads import pdf_of

log = logging.getLogger(__name__)


def _invoice(snapshot: dict) -> Invoice | None:
    """The newest invoice of the booking the email is about, or of the payment its receipt names (the provider's
    payment id; a payment at the desk, its reference)."""
    query = select(Invoice).join(Payment, Payment.id == Invoice.payment_id).where(Invoice.kind == INVOICE)
    receipt = snapshot["receipt"]
    if isinstance(snapshot.get("booking"), dict):
        query = query.where(Payment.booking_id == snapshot["booking"]["id"])
    elif receipt.get("payment_id"):
        query = query.where(Payment.provider == receipt["provider"], Payment.payment_id == receipt["payment_id"])
    elif receipt.get("reference"):
        query = query.where(Payment.provider == receipt["provider"], Payment.reference == receipt["reference"])
    else:
        return None
    return db.session.scalar(query.order_by(Invoice.id.desc()).limit(1))


def _credit_note(snapshot: dict) -> Invoice | None:
    """The newest credit note of the booking a refund email is about for the amount it gave back (total)."""
    refund = snapshot.get("refund")
    if not isinstance(snapshot.get("booking"), dict) or not isinstance(refund, dict) or "total" not in refund:
        return None
    query = (
        select(Invoice)
        .join(Payment, Payment.id == Invoice.payment_id)
        .where(Invoice.kind == CREDIT_NOTE, Payment.booking_id == snapshot["booking"]["id"])
        .where(Invoice.total == refund["total"])
    )
    return db.session.scalar(query.order_by(Invoice.id.desc()).limit(1))


def with_invoice(snapshot: dict) -> dict:
    """A paid receipt's snapshot with its invoice's PDF to attach (unchanged when nothing was paid)."""
    if not isinstance(snapshot.get("receipt"), dict):
        return snapshot
    return _attached(snapshot, _invoice(snapshot))


def with_credit_note(snapshot: dict) -> dict:
    """A refund email's snapshot with its credit note's PDF to attach (unchanged when it has none)."""
    return _attached(snapshot, _credit_note(snapshot))


def _attached(snapshot: dict, found: Invoice | None) -> dict:
    """The snapshot with the document's PDF as an attachment (unchanged without one, or when it cannot be drawn)."""
    if found is None:
        return snapshot
    try:
        data = pdf_of(found)
    except Exception:  # a document that cannot be drawn: the receipt goes without it, the operators hear
        log.exception("invoice %s: no PDF for its email", found.id)
        return snapshot
    attached = {"filename": f"{found.formatted_number}.pdf", "subtype": "pdf", "data": data}
    return snapshot | {"attachments": [attached]}

"""The invoice a receipt email carries: found when the email is sent (the outbox row names the booking or the
provider's payment, never the document), so a retry attaches the same PDF and the row stays small."""

import logging

from sqlalchemy import select

from ...extensions import db
from ...models import INVOICE, Invoice, Payment
from .reads import pdf_of

log = logging.getLogger(__name__)


def _invoice(snapshot: dict) -> Invoice | None:
    """The newest invoice of the booking the email is about, or of the provider's payment its receipt names."""
    query = select(Invoice).join(Payment, Payment.id == Invoice.payment_id).where(Invoice.kind == INVOICE)
    if isinstance(snapshot.get("booking"), dict):
        query = query.where(Payment.booking_id == snapshot["booking"]["id"])
    elif (receipt := snapshot["receipt"]).get("payment_id"):
        query = query.where(Payment.provider == receipt["provider"], Payment.payment_id == receipt["payment_id"])
    else:
        return None
    return db.session.scalar(query.order_by(Invoice.id.desc()).limit(1))


def with_invoice(snapshot: dict) -> dict:
    """A paid receipt's snapshot with its invoice's PDF to attach (unchanged when nothing was paid)."""
    if not isinstance(snapshot.get("receipt"), dict):
        return snapshot
    found = _invoice(snapshot)
    if found is None:
        return snapshot
    try:
        data = pdf_of(found)
    except Exception:  # a document that cannot be drawn: the receipt goes without it, the operators hear
        log.exception("invoice %s: no PDF for its receipt email", found.id)
        return snapshot
    attached = {"filename": f"{found.formatted_number}.pdf", "subtype": "pdf", "data": data}
    return snapshot | {"attachments": [attached]}

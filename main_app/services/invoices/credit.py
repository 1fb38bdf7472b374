"""A credit note's money: the amount it gives back split into taxable value and tax, and that tax into its invoice's
heads, within what the invoice charged and its earlier credit notes have not given back. Each note rounding its own
split would give back a paisa more or less; so the note that gives back the rest of the invoice gives back exactly
the tax and each head left, and the notes together never give back more than the invoice charged.

Read after the studio's counter row is taken (numbers.take_number): the studio's documents are issued one at a time,
so the notes read here are all the invoice has."""

from sqlalchemy import select

from main_app.services.common import half_up

from ...extensions import db
from ...models import CREDIT_NOTE, Invoice


def _left(invoice: Invoice) -> tuple[int, int, dict[str, int]]:
    """(total, tax, tax by head) of the invoice its credit notes have not given back yet."""
    heads = {head["name"]: head["amount"] for head in invoice.tax.get("parts", [])}
    total, tax = invoice.total, invoice.tax_amount
    notes = select(Invoice.total, Invoice.tax_amount, Invoice.tax).where(
        Invoice.credits_id == invoice.id, Invoice.kind == CREDIT_NOTE
    )
    for note_total, note_tax, note_heads in db.session.execute(notes):
        total, tax = total - note_total, tax - note_tax
        for head in note_heads.get("parts", []):
            heads[head["name"]] = heads.get(head["name"], 0) - head["amount"]
    return total, tax, heads


def _heads(invoice: Invoice, tax: int, tax_left: int, heads_left: dict[str, int]) -> list[dict]:
    """The note's tax in the invoice's heads, in proportion to what each has left (all of it when tax is all that is
    left); the paise the proportion leaves go to the first heads with room."""
    heads = [dict(head) for head in invoice.tax.get("parts", [])]
    for head in heads:
        left = heads_left.get(head["name"], 0)
        head["amount"] = tax * left // tax_left if tax_left > 0 else 0
    short = tax - sum(head["amount"] for head in heads)
    for head in heads:
        extra = min(short, heads_left.get(head["name"], 0) - head["amount"])
        if extra > 0:
            head["amount"] += extra
            short -= extra
    if short and heads:  # heads that do not add up to the invoice's tax: the sum is kept, in the first head
        heads[0]["amount"] += short
    return heads


def credit_split(invoice: Invoice, amount: int) -> tuple[int, int, list[dict]]:
    """(taxable, tax, heads) of a credit note giving back amount of the invoice: the invoice's tax in proportion to
    all its notes have given back with this one, less what the earlier ones gave (so the rounding never drifts), and
    never more tax or taxable value than is left."""
    total_left, tax_left, heads_left = _left(invoice)
    given_total, given_tax = invoice.total - total_left, invoice.tax_amount - tax_left
    tax = half_up((given_total + amount) * invoice.tax_amount, invoice.total) - given_tax if invoice.total else 0
    tax = max(min(tax, tax_left), amount - (total_left - tax_left), 0)
    return amount - tax, tax, _heads(invoice, tax, tax_left, heads_left)

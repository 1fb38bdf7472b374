"""Issuing: an invoice when a payment succeeds and a credit note when a refund of it is processed, each in the
caller's transaction, numbered from the studio's series and snapshotting what it says."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from main_app.services.studios import charged_tax

from ...extensions import db
from ...models import (
    CREDIT_NOTE,
    INVOICE,
    Booking,
    EventSession,
    Invoice,
    Pass,
    Payment,
    Studio,
    User,
    utcnow,
)
from . import billing, daily, settings
from .credit import credit_split
from .daily import sales_kind
from .numbers import take_number
from .tax import inter_state, parts, place_of_supply, split

# A booking's sale in one read (the webhook that confirmed it no longer holds the rows it loaded: the session's
# identity map keeps only what something still refers to).
SALE_ROWS = (joinedload(Booking.user), joinedload(Booking.session).joinedload(EventSession.event))


@dataclass(frozen=True)
class Sale:
    """What a payment bought, from whom, for whom."""

    studio_id: int
    buyer: User | None
    description: str
    quantity: int
    kind: str  # what was bought, as revenue is split (models.SALES_KINDS)
    held: dict | None = None  # where a booked event is held ({"country", "state_code", "online"}); None: a pass


def _sale(payment: Payment) -> Sale:
    """The studio, the buyer and the line's description and quantity of a payment."""
    if payment.pass_id is not None:
        bought = db.session.get(Pass, payment.pass_id)
        kind = sales_kind(payment.provider, payment.instalment, bought.kind, None)
        return Sale(bought.studio_id, db.session.get(User, bought.user_id), bought.name, 1, kind)
    booking = db.session.scalars(select(Booking).options(*SALE_ROWS).where(Booking.id == payment.booking_id)).one()
    session, event = booking.session, booking.session.event
    when = f"{session.starts_at:%d %b %Y}"
    description = f"{event.title} · {when}"
    if payment.instalment is not None:
        description += " · deposit" if payment.instalment == 0 else f" · instalment {payment.instalment}"
    seats = booking.seats if payment.instalment is None and payment.amount % booking.seats == 0 else 1
    kind = sales_kind(payment.provider, payment.instalment, None, event.kind)
    held = {"country": event.location_country, "state_code": event.location_state_code}
    return Sale(event.studio_id, booking.user, description, seats, kind, held | {"online": session.mode == "online"})


def _place(place: dict) -> str | None:
    """The place of supply as printed: a state of India with its code, else a country."""
    code = place.get("state_code")
    return f"{settings.STATE_CODES[code]} ({code})" if code in settings.STATE_CODES else place.get("country")


def _line(sale: Sale, kind: str, amount: int, taxable: int, tax_amount: int, tax: dict) -> dict:
    """The document's one line: what was bought (or refunded), how many, its unit price (with the tax where prices
    include it, as its column's heading then says; else the taxable value's, as the tax is added to it) and its
    money."""
    priced = amount if tax.get("name") and tax.get("inclusive") else taxable
    quantity = sale.quantity if amount % sale.quantity == 0 and priced % sale.quantity == 0 else 1
    return {
        "description": sale.description if kind == INVOICE else f"Refund: {sale.description}",
        "quantity": quantity,
        "unit": priced // quantity,
        "taxable": taxable,
        "tax": tax_amount,
        "total": amount,
    }


def _money(amount: int, tax: dict, inter: bool, credited: Invoice | None) -> tuple[int, int, list[dict]]:
    """(taxable, tax, heads) of a document of amount: an invoice's split at its tax (inter: supplied to another
    state or country), a credit note's of its invoice."""
    if credited is not None:
        return credit_split(credited, amount)
    taxable, tax_amount = split(amount, tax["rate"], tax["inclusive"])
    return taxable, tax_amount, parts(tax["name"], tax_amount, tax["rate"], inter)


def _charged(payment: Payment, studio_id: int) -> dict:
    """The tax the payment's amount was charged with: fixed with its quote (its own, or its pass's for a pass's
    renewals), else, for a payment from before quotes were kept, the studio's at the time it was made."""
    quote = payment.tax
    if quote is None and payment.pass_id is not None:
        quote = db.session.get(Pass, payment.pass_id).tax
    return quote or charged_tax(studio_id, payment.created_at)


def _write(sale: Sale, payment: Payment, kind: str, amount: int, **more) -> Invoice:
    """A document of kind for amount of the payment, numbered now (the counter row taken last)."""
    issued = utcnow()
    studio = db.session.get(Studio, sale.studio_id)  # held here: the session keeps no unreferenced row
    number, printed = take_number(sale.studio_id, kind, issued, studio.timezone)
    row = settings.of_studio(sale.studio_id, fresh=True)
    seller, tax = settings.snapshot(studio, row, _charged(payment, sale.studio_id))
    credited = more.pop("credits", None)
    buyer = billing.snapshot(sale.buyer and sale.buyer.id)
    if credited is not None:  # a credit note gives tax back as its invoice charged it, to whom it billed
        tax, buyer = credited.tax, credited.buyer
    place = place_of_supply(seller, sale.held, buyer, tax.get("reverse_charge", False))
    taxable, tax_amount, heads = _money(amount, tax, inter_state(seller, place), credited)
    line = _line(sale, kind, amount, taxable, tax_amount, tax) | {"service_code": tax.get("service_code")}
    document = Invoice(
        studio_id=sale.studio_id,
        kind=kind,
        number=number,
        formatted_number=printed,
        payment_id=payment.id,
        credits_id=credited and credited.id,
        user_id=sale.buyer and sale.buyer.id,
        issued_at=issued,
        buyer_name=buyer["name"] if buyer else sale.buyer.name if sale.buyer else "",
        buyer_email=sale.buyer.email if sale.buyer else "",
        buyer=buyer,
        seller=seller,
        tax=tax | {"parts": heads},
        lines=[line],
        taxable=taxable,
        tax_amount=tax_amount,
        total=amount,
        currency=payment.currency,
        place_of_supply=credited.place_of_supply if credited is not None else _place(place),
        **more,
    )
    db.session.add(document)
    db.session.flush()
    daily.count(document, sale.kind, studio.timezone)
    return document


def invoice_of(payment_id: int) -> Invoice | None:
    """The invoice of a payment, if it has one."""
    return db.session.scalar(select(Invoice).where(Invoice.payment_id == payment_id, Invoice.kind == INVOICE))


def issue_invoice(payment: Payment) -> Invoice:
    """The payment's invoice (inside the caller's unit of work, the payment locked): issued now, or the one it has."""
    return invoice_of(payment.id) or _write(_sale(payment), payment, INVOICE, payment.amount)


def issue_credit_note(payment: Payment, amount: int, refund_kind: str, refund_ref: int) -> Invoice:
    """The credit note of one processed refund of the payment (refund_kind: payment, staff or seat; refund_ref its
    row's id), crediting the payment's invoice; the one it has when issued already."""
    found = db.session.scalar(
        select(Invoice).where(Invoice.refund_kind == refund_kind, Invoice.refund_ref == refund_ref)
    )
    if found is not None:
        return found
    credited = invoice_of(payment.id)
    return _write(
        _sale(payment), payment, CREDIT_NOTE, amount, credits=credited, refund_kind=refund_kind, refund_ref=refund_ref
    )

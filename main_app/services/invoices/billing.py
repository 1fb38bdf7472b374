"""A person's billing details: the business (or person) their invoices are made out to, its GSTIN or VAT number and
its address. Read, replaced whole or removed by the person alone; each new invoice copies them as they are then (an
invoice already issued keeps what it said: GST and VAT allow no change to one, only a credit note)."""

from sqlalchemy import delete, select

from main_app.services.common import format_money
from main_app.services.languages import N_
from main_app.services.studios import EU_COUNTRIES

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import BillingDetails, utcnow
from .settings import STATE_CODES
from .tax import split, valid_eu_vat, valid_gstin

FIELDS = ("name", "tax_id", "address_lines", "city", "postcode", "state_code", "country")
B2C_ADDRESS_FROM = 5_000_000  # paise: a taxable value of ₹50,000, from which GST names the buyer's address (46(e))
# What a buyer's tax id is called on an invoice, by its country.
# A buyer's tax id as a document names it (marked for the catalogues: the PDF says it in its person's language).
TAX_ID_NAMES = {"IN": "GSTIN", "XI": N_("VAT number")} | dict.fromkeys(EU_COUNTRIES, N_("VAT number"))


def of_user(user_id: int) -> BillingDetails | None:
    """The person's billing details, if they saved any."""
    return db.session.scalar(select(BillingDetails).where(BillingDetails.user_id == user_id))


def document(user_id: int) -> dict | None:
    """The person's billing details as the API shows them; None: none saved."""
    row = of_user(user_id)
    if row is None:
        return None
    return {name: getattr(row, name) for name in FIELDS} | {"updated_at": row.updated_at.isoformat()}


def problems(values: dict) -> dict:
    """What is wrong with a set of billing details taken together, by field (empty: nothing)."""
    found = {}
    tax_id, country, code = values.get("tax_id"), values.get("country"), values.get("state_code")
    if code is not None and (country or "IN") == "IN" and code not in STATE_CODES:
        found["state_code"] = ["Not one of GST's state codes (such as 29 for Karnataka)."]
    if tax_id and country == "IN" and not valid_gstin(tax_id):
        found["tax_id"] = ["Not a GSTIN: 15 characters (state, PAN, entity, Z, check digit) whose check digit agrees."]
    elif tax_id and country == "IN" and code and tax_id[:2] != code:
        found["tax_id"] = ["A GSTIN starts with its state's code: this one is of another state."]
    elif tax_id and (country in EU_COUNTRIES or country == "XI") and not valid_eu_vat(tax_id):
        found["tax_id"] = ["Not an EU VAT number: its country's two letters, then its digits, such as DE123456789."]
    if tax_id and not country:
        found["country"] = ["Name the country whose tax id this is."]
    return found


def replace(user_id: int, values: dict) -> dict:
    """Save the person's billing details (the whole set) and give them back as saved."""
    with unit_of_work():
        row = of_user(user_id) or BillingDetails(user_id=user_id)
        for name in FIELDS:
            setattr(row, name, values.get(name))
        row.address_lines = values.get("address_lines") or []
        row.updated_at = utcnow()
        db.session.add(row)
    return document(user_id)


def remove(user_id: int) -> None:
    """Forget the person's billing details (invoices issued already keep their copy)."""
    with unit_of_work():
        db.session.execute(delete(BillingDetails).where(BillingDetails.user_id == user_id))


def snapshot(user_id: int | None) -> dict | None:
    """What a new invoice of the person's copies: their billing details' name, tax id and address lines to print."""
    row = of_user(user_id) if user_id is not None else None
    if row is None:
        return None
    place = " ".join(part for part in (row.city, row.postcode) if part)
    state = STATE_CODES.get(row.state_code) if row.country in (None, "IN") else None
    lines = [*row.address_lines, *(line for line in (place, state and f"{state} ({row.state_code})") if line)]
    if row.country:
        lines.append(row.country)
    where = {"country": row.country, "state_code": row.state_code}  # the place of supply of an online service
    return {"name": row.name, "tax_id": row.tax_id, "address_lines": lines} | where


def address_missing(user_id: int, amount: int, currency: str, tax: dict) -> bool:
    """Whether a GST invoice of amount would need the buyer's address and state (rule 46(e): a taxable value of
    ₹50,000 or more) that their billing details lack."""
    if tax.get("name") != "GST" or currency != "INR" or not tax.get("rate"):
        return False
    if split(amount, tax["rate"], tax["inclusive"])[0] < B2C_ADDRESS_FROM:
        return False
    row = of_user(user_id)
    return row is None or not row.address_lines or ((row.country or "IN") == "IN" and not row.state_code)


def require_address(user_id: int, amount: int, currency: str, tax: dict, at_desk: bool = False) -> None:
    """409 billing_address_required before a checkout (or a sale at the desk, whose message says who adds them)
    whose invoice would need an address the buyer never gave."""
    if address_missing(user_id, amount, currency, tax):
        raise api_error(
            "billing_address_required.desk" if at_desk else "billing_address_required",
            threshold=format_money(B2C_ADDRESS_FROM, "INR"),
            details={"user_id": user_id},
        )

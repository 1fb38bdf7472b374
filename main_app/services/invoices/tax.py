"""Tax in whole minor units: the split of an amount paid into taxable value and tax, rounded half up once per
document, and GST's split of that tax into CGST + SGST (within a state) or IGST (between states)."""

import re

from main_app.services.common import BASIS, half_up, tax_on

GSTIN = re.compile(r"^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$")
GSTIN_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# EU VAT numbers by member state (the Commission's VIES formats), country prefix included.
EU_VAT = re.compile(
    r"^(ATU\d{8}|BE[01]\d{9}|BG\d{9,10}|CY\d{8}[A-Z]|CZ\d{8,10}|DE\d{9}|DK\d{8}|EE\d{9}|EL\d{9}|ES[A-Z0-9]\d{7}"
    r"[A-Z0-9]|FI\d{8}|FR[A-HJ-NP-Z0-9]{2}\d{9}|HR\d{11}|HU\d{8}|IE\d{7}[A-W][A-I]?|IE\d[A-Z+*]\d{5}[A-W]|IT\d{11}"
    r"|LT(\d{9}|\d{12})|LU\d{8}|LV\d{11}|MT\d{8}|NL\d{9}B\d{2}|PL\d{10}|PT\d{9}|RO\d{2,10}|SE\d{12}|SI\d{8}"
    r"|SK\d{10}|XI(\d{9}|\d{12}|GD\d{3}|HA\d{3}))$"
)


def split(gross: int, rate: int, inclusive: bool) -> tuple[int, int]:
    """(taxable, tax) of an amount paid. Inclusive prices round the taxable value (the tax is what is left);
    exclusive prices were net + tax_on(net), so the net that gives the amount is found and the tax is rounded
    from it (the inclusive split when no net does, as for an amount the price never was)."""
    if rate == 0:
        return gross, 0
    net = half_up(gross * BASIS, BASIS + rate)
    if not inclusive:
        for candidate in (net, net - 1, net + 1):
            if candidate >= 0 and candidate + tax_on(candidate, rate) == gross:
                return candidate, gross - candidate
    return net, gross - net


def place_of_supply(seller: dict, held: dict | None, buyer: dict | None, reverse_charge: bool = False) -> dict:
    """Where a supply is taxed, {"country", "state_code"}: where an event or a stay is held (IGST Act 2017 s. 12(3),
    (4), (6); the VAT Directive's Art. 53); for an online session the buyer's state or country from their billing
    details, else the studio's (s. 12(2)); a pass or membership at the studio, where its classes are performed.
    held: the event's {"country", "state_code", "online"}, None for a pass. reverse_charge: a general service to a
    business in another EU member state, supplied where it is established (VAT Directive Art. 44)."""
    home = {"country": seller.get("country"), "state_code": seller.get("state_code")}
    if reverse_charge and buyer and buyer.get("country"):
        return {"country": buyer["country"], "state_code": None}
    if held is None:
        return home
    if held.get("online"):
        country = (buyer or {}).get("country")
        if not country or (country == "IN" and not buyer.get("state_code")):
            return home
        return {"country": country, "state_code": buyer.get("state_code") if country == "IN" else None}
    if held.get("state_code"):
        return {"country": held.get("country") or "IN", "state_code": held["state_code"]}
    country = held.get("country") or home["country"]
    return home if country == home["country"] else {"country": country, "state_code": None}


def inter_state(seller: dict, place: dict) -> bool:
    """Whether the place of supply is another state or country than the supplier's (IGST Act s. 7)."""
    if place.get("country") and seller.get("country") and place["country"] != seller["country"]:
        return True
    return bool(seller.get("state_code") and place.get("state_code") and seller["state_code"] != place["state_code"])


def gst_parts(tax: int, rate: int, inter: bool) -> list[dict]:
    """GST's heads: CGST and SGST at half the rate each within one state (CGST takes an odd paisa), IGST at the
    whole rate when the place of supply is another state or country (IGST Act 2017, sections 7 and 8)."""
    if inter:
        return [{"name": "IGST", "rate": rate, "amount": tax}]
    return [
        {"name": "CGST", "rate": rate / 2, "amount": tax - tax // 2},
        {"name": "SGST", "rate": rate / 2, "amount": tax // 2},
    ]


def parts(tax_name: str | None, tax: int, rate: int, inter: bool) -> list:
    """The tax heads a document shows: GST's split (inter: IGST), or one head (VAT) at the rate; none without a tax."""
    if not tax_name or rate == 0:
        return []
    if tax_name == "GST":
        return gst_parts(tax, rate, inter)
    return [{"name": tax_name, "rate": rate, "amount": tax}]


def gstin_check_digit(first14: str) -> str:
    """The 15th character of a GSTIN: the checksum of its first 14 (base 36, weights 1 and 2 alternating)."""
    total = 0
    for position, char in enumerate(first14):
        product = GSTIN_ALPHABET.index(char) * (2 if position % 2 else 1)
        total += product // 36 + product % 36
    return GSTIN_ALPHABET[(36 - total % 36) % 36]


def valid_gstin(value: str) -> bool:
    """A GSTIN of the right shape whose check digit agrees."""
    return bool(GSTIN.match(value)) and gstin_check_digit(value[:14]) == value[14]


def valid_eu_vat(value: str) -> bool:
    """An EU VAT number of its member state's shape (the number's existence is VIES's to say, not checked here)."""
    return bool(EU_VAT.match(value))

"""Amounts of money: integers in a currency's minor units (paise, cents), shown in its usual form (₹1,00,000)."""

from main_app.services.languages import DEFAULT_LANGUAGE, N_
from main_app.services.languages import format_money as money_in

# What sessions may be priced in: the currencies the web app offers, all of which Stripe takes.
CURRENCIES = ("INR", "USD", "EUR", "GBP", "AUD", "CAD", "SGD", "JPY", "CHF", "NZD", "AED", "ZAR", "SEK", "NOK", "DKK")
MAX_PRICE = 10_000_000  # minor units: ₹1,00,000.00 or $100,000.00, far above any retreat
BASIS = 10_000  # tax rates in basis points: 1800 is 18 %
# How money was paid, as documents and emails name it: the desk's methods, else online through the provider (stored in
# English, marked for the catalogues: an email says them in its person's language).
METHOD_NAMES = {"cash": N_("Cash"), "card_terminal": N_("Card terminal"), "upi": N_("UPI")}


def format_money(amount: int, currency: str) -> str:
    """₹45,000, ₹1,00,000 or ₹800.50 (whole amounts without decimals; lakh grouping), as stored with a change; an
    unknown code after the number. A message composed for a person uses services.languages' format_money."""
    return money_in(amount, currency, DEFAULT_LANGUAGE)


def half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half up (both non-negative)."""
    return (2 * numerator + denominator) // (2 * denominator)


def tax_on(net: int, rate: int) -> int:
    """The tax on a net amount at rate (basis points), rounded half up."""
    return half_up(net * rate, BASIS)


def method_name(provider: str, method: str | None) -> str:
    """How a payment was paid, in words: "UPI", "Cash", "Card terminal" at the desk, "In person" at the door
    without a method, else "Online"."""
    if provider != "door":
        return N_("Online")
    return METHOD_NAMES.get(method, N_("In person"))

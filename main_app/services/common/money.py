"""Amounts of money: integers in a currency's minor units (paise, cents), shown in its usual form."""

# ISO 4217 currencies without minor units (a price of 500 JPY is 500, not 5.00).
ZERO_DECIMAL = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF"}
# What sessions may be priced in: the currencies the web app offers, all of which Stripe takes.
CURRENCIES = ("INR", "USD", "EUR", "GBP", "AUD", "CAD", "SGD", "JPY", "CHF", "NZD", "AED", "ZAR", "SEK", "NOK", "DKK")
MAX_PRICE = 10_000_000  # minor units: ₹1,00,000.00 or $100,000.00, far above any retreat
BASIS = 10_000  # tax rates in basis points: 1800 is 18 %
# How money was paid, as documents and emails name it: the desk's methods, else online through the provider.
METHOD_NAMES = {"cash": "Cash", "card_terminal": "Card terminal", "upi": "UPI"}
SYMBOLS = {"INR": "₹", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "AUD": "A$", "CAD": "C$", "SGD": "S$"}


def digits(currency: str) -> int:
    """How many minor-unit digits the currency has."""
    return 0 if currency.upper() in ZERO_DECIMAL else 2


def format_money(amount: int, currency: str) -> str:
    """₹45,000 or ₹800.50 (whole amounts without decimals); an unknown code after the number."""
    code = currency.upper()
    places = digits(code)
    major = amount / 10**places
    text = f"{major:,.0f}" if amount % 10**places == 0 else f"{major:,.{places}f}"
    symbol = SYMBOLS.get(code)
    return f"{symbol}{text}" if symbol else f"{text} {code}"


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
        return "Online"
    return METHOD_NAMES.get(method, "In person")

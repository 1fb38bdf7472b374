"""An amount in words, as an Indian invoice prints its total ("Rupees Fifty-Three Thousand One Hundred Only"):
rupees counted in India's lakhs and crores, other currencies in thousands and millions."""

from main_app.services.common import digits

ONES = [
    "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve",
    "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
]  # fmt: skip
TENS = ["", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"]
INDIAN = ((10_000_000, "Crore"), (100_000, "Lakh"), (1_000, "Thousand"), (100, "Hundred"))
WESTERN = ((1_000_000_000, "Billion"), (1_000_000, "Million"), (1_000, "Thousand"), (100, "Hundred"))
# A currency's unit and hundredth as an invoice names them; any other by its code.
NAMES = {"INR": ("Rupees", "Paise"), "EUR": ("Euros", "Cents"), "USD": ("Dollars", "Cents"), "GBP": ("Pounds", "Pence")}


def _below_hundred(number: int) -> str:
    if number < 20:
        return ONES[number]
    tens, ones = divmod(number, 10)
    return TENS[tens] + (f"-{ONES[ones]}" if ones else "")


def number_in_words(number: int, scale=INDIAN) -> str:
    """A whole number in words on a scale of (size, name), largest first ("Fifty-Three Thousand One Hundred")."""
    if number < 100:
        return _below_hundred(number)
    words = []
    for size, name in scale:
        count, number = divmod(number, size)
        if count:
            words.append(f"{number_in_words(count, scale)} {name}")
    if number:
        words.append(_below_hundred(number))
    return " ".join(words)


def amount_in_words(minor: int, currency: str) -> str:
    """An amount in minor units in words: "Rupees One Thousand One Hundred Eighty and Fifty Paise Only"."""
    unit, hundredth = NAMES.get(currency, (currency, "Hundredths"))
    scale = INDIAN if currency == "INR" else WESTERN
    whole, part = divmod(minor, 10 ** digits(currency))
    words = [f"{unit} {number_in_words(whole, scale)}"] if whole or not part else []
    if part:
        words.append(f"{number_in_words(part, scale)} {hundredth}")
    return " and ".join(words) + " Only"

"""The amounts and dates an email shows, written in the language spoken now. A snapshot carries each as English words
(all that an outbox row written before the emails were translated has) and beside them as a value (minor units and
a currency, an ISO time): where the value is there, the words are written again from it, so that every template and
subject line reads them in its person's language, India's grouping included (₹1,00,000)."""

from datetime import date, datetime

from main_app.services.languages import format_date, format_datetime, format_money

# Each part's amount in words, and the value and currency it is written from.
AMOUNTS = {
    "receipt": ("amount", "value", "currency"),
    "refund": ("amount", "total", "currency"),
    "pay": ("amount", "value", "currency"),
    "offer": ("amount", "value", "currency"),
    "instalment": ("amount", "value", "currency"),
    "renewal": ("amount", "value", "currency"),
}
# Each part's moment in words and its ISO time (read on the event's clock, or on the part's own "zone").
MOMENTS = {"pay": ("by", "by_at"), "offer": ("until", "until_at"), "instalment": ("due", "due_at")}
MOMENTS["renewal"] = ("charge_at", "charges_at")


def in_language(snapshot: dict) -> dict:
    """The parts of the snapshot whose amounts and dates it has values for, those written in the language spoken
    now (the rest as the snapshot has them)."""
    zone = (snapshot.get("event") or {}).get("timezone") or "UTC"
    shown = {}
    for name in AMOUNTS.keys() | MOMENTS.keys():
        if isinstance(part := snapshot.get(name), dict):
            shown[name] = _part(name, part, part.get("zone") or zone)
    if isinstance(facts := snapshot.get("pass"), dict) and facts.get("valid_until_at"):
        shown["pass"] = {**facts, "valid_until": _day(facts["valid_until_at"])}
    if snapshot.get("lapses_at"):
        shown["lapses_on"] = _day(snapshot["lapses_at"])
    if isinstance(plan := snapshot.get("plan"), dict):
        shown["plan"] = _plan(plan, zone)
    return shown


def _part(name: str, part: dict, zone: str) -> dict:
    written = dict(part)
    words, value, currency = AMOUNTS.get(name, (None, None, None))
    if words and part.get(value) and part.get(currency):  # none for a free offer: its words stay empty
        written[words] = format_money(part[value], part[currency])
    words, moment = MOMENTS.get(name, (None, None))
    if words and part.get(moment):
        written[words] = format_datetime(datetime.fromisoformat(part[moment]), zone)
    return written


def _plan(plan: dict, zone: str) -> dict:
    """A payment plan's parts, paid and outstanding, written from their values when it has its currency."""
    currency = plan.get("currency")
    if not currency:
        return plan
    written = dict(plan)
    for words, value in (("paid_formatted", "paid"), ("outstanding_formatted", "outstanding")):
        if isinstance(plan.get(value), int):
            written[words] = format_money(plan[value], currency)
    written["schedule"] = [_plan_part(part, currency, zone) for part in plan.get("schedule", ())]
    return written


def _plan_part(part: dict, currency: str, zone: str) -> dict:
    written = dict(part)
    if isinstance(part.get("amount"), int):
        written["formatted"] = format_money(part["amount"], currency)
    if part.get("due_at"):
        written["due"] = format_datetime(datetime.fromisoformat(part["due_at"]), zone)
    return written


def _day(iso: str) -> str:
    """An ISO date or time's day as the language writes it (25 Nov 2026, 25 नव॰ 2026)."""
    return format_date(date.fromisoformat(iso[:10]))

"""Payment plans: an event's deposit and instalments, and the schedule they make for a booking. Pure arithmetic on
minor units, with dates on the event's clock (services.payments.instalments keeps the schedule of each booking).

The balance (the total less the deposit) is due balance_due_days before the start, in equal instalments a month
apart, the last on that date, any remainder of the division on the last. An instalment whose date has already
passed when the deposit is paid is due at once. Booking once the balance's date has passed pays in full."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from main_app.services.common import format_money

DEPOSIT = 0  # the number of the deposit in a schedule; the balance's instalments are 1..n


@dataclass(frozen=True)
class Part:
    """One payment of a schedule: its number (0 the deposit), amount in minor units, and when it is due (UTC)."""

    number: int
    amount: int
    due_at: datetime


def deposit_of(plan: dict, total: int, seats: int) -> int:
    """The deposit of a booking of seats costing total: a percentage of it (rounded down), or an amount per seat;
    never more than the total."""
    terms = plan["deposit"]
    amount = total * terms["percent"] // 100 if "percent" in terms else terms["amount"] * seats
    return min(amount, total)


def balance_due_at(plan: dict, starts_at: datetime, zone: str) -> datetime:
    """When the balance is due: balance_due_days before the start, on the event's clock (the same time of day)."""
    local = starts_at.astimezone(ZoneInfo(zone))
    return (local - timedelta(days=plan["balance_due_days"])).astimezone(UTC)


def schedule(plan: dict | None, total: int, seats: int, starts_at: datetime, zone: str, now: datetime):
    """The parts a booking pays, deposit first; None when it pays in full at booking (no plan, nothing to pay, the
    balance's date passed, or the deposit is the whole price)."""
    if not plan or total <= 0:
        return None
    due = balance_due_at(plan, starts_at, zone)
    first = deposit_of(plan, total, seats)
    balance = total - first
    if now >= due or first <= 0 or balance <= 0:
        return None
    count = min(plan["instalments"], balance)  # never an instalment of nothing
    each, local_due = balance // count, due.astimezone(ZoneInfo(zone))
    parts = [Part(DEPOSIT, first, now)]
    for number in range(1, count + 1):
        at = (local_due - relativedelta(months=count - number)).astimezone(UTC)
        amount = each + (balance - each * count if number == count else 0)
        parts.append(Part(number, amount, max(at, now)))  # a date already past: due at once
    return parts


def quote(plan: dict | None, price: int, currency: str, starts_at: datetime, zone: str, now: datetime) -> dict:
    """What one seat of a session pays under the plan, as the public event shows it."""
    parts = schedule(plan, price, 1, starts_at, zone, now)
    if parts is None:
        return {"pays_in_full": True, "deposit": None, "schedule": []}
    return {
        "pays_in_full": False,
        "deposit": shown(parts[0].amount, currency),
        "schedule": [
            {"number": p.number, **shown(p.amount, currency), "due_at": p.due_at.isoformat()} for p in parts[1:]
        ],
    }


def shown(amount: int, currency: str) -> dict:
    return {"amount": amount, "currency": currency, "formatted": format_money(amount, currency)}


def document(plan: dict | None, sessions, zone: str, now: datetime) -> dict | None:
    """An event's plan as its public JSON shows it, with what one seat of each session, or of each of its room
    options, pays under it (sessions: (session id, option id or None, starts_at, price, currency))."""
    if not plan:
        return None
    quotes = [
        {"session_id": session_id, "option_id": option_id, **quote(plan, price, currency, starts_at, zone, now)}
        for session_id, option_id, starts_at, price, currency in sessions
        if price > 0
    ]
    return {**plan, "sessions": quotes}

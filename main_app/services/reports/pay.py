"""Instructor pay over a span of a studio's days: a line per class taught (a scheduled session that has begun),
with its heads (seats booked and not marked a no-show), its net revenue and what its instructor earns at their rate;
and each instructor's totals.

Net revenue is tax-exclusive: the taxable amounts of the invoices for its bookings' payments less those of their
credit notes, plus the pack credits spent on it at what they were bought for (the pack's taxable amount over its
credits, rounded down), in the studio's currency. A membership's visits bring no revenue of their own here (its
fee is not split between classes), and a class with no rate set earns nothing until one is."""

from zoneinfo import ZoneInfo

from sqlalchemy import case, func, literal, select

from service_kit.spreadsheets import clock_header, money_cell

from ...extensions import db
from ...models import EventSession, SessionTally, Studio, StudioMember, User, utcnow
from .counting import planned_for_their_span
from .periods import Span
from .rates import rate_of
from .tallies import fresh_lines, kept_in, kept_lines

TOTALS = ("classes", "heads", "net_revenue", "pay")


def earned(rate: dict | None, heads: int, net: int) -> int:
    """What one class pays at a rate: flat; per head, kept between its minimum and maximum; or a share of its net
    revenue, rounded down to the minor unit."""
    if rate is None:
        return 0
    if rate["kind"] == "flat":
        return rate["amount"]
    if rate["kind"] == "per_head":
        pay = heads * rate["amount"]
        if rate["minimum"] is not None:
            pay = max(pay, rate["minimum"])
        return pay if rate["maximum"] is None else min(pay, rate["maximum"])
    return max(net, 0) * round(rate["share_percent"] * 100) // 10_000


def _rates(studio_id: int) -> dict[int, dict | None]:
    members = db.session.scalars(select(StudioMember).where(StudioMember.studio_id == studio_id))
    return {member.user_id: rate_of(member) for member in members}


def _earned_sql(rates: dict[int, dict | None]):
    """earned() for a kept tally's class, as SQL over its instructor, heads and net revenue (integer division
    rounds a share down, as earned() does: both are never negative)."""
    branches = []
    for user_id, rate in rates.items():
        if rate is None:
            continue
        if rate["kind"] == "flat":
            value = literal(rate["amount"])
        elif rate["kind"] == "per_head":
            value = SessionTally.heads * rate["amount"]
            if rate["minimum"] is not None:
                value = case((value < rate["minimum"], rate["minimum"]), else_=value)
            if rate["maximum"] is not None:
                value = case((value > rate["maximum"], rate["maximum"]), else_=value)
        else:
            net = case((SessionTally.net_revenue > 0, SessionTally.net_revenue), else_=0)
            value = net * round(rate["share_percent"] * 100) // 10_000
        branches.append((SessionTally.instructor_id == user_id, value))
    return case(*branches, else_=0) if branches else literal(0)


def _kept_people(studio: Studio, conditions, rates: dict) -> dict[int, dict]:
    """Per instructor, their kept classes' totals, summed in the database."""
    sums = (
        func.count(),
        func.sum(SessionTally.heads),
        func.sum(SessionTally.net_revenue),
        func.sum(_earned_sql(rates)),
    )
    rows = db.session.execute(
        select(SessionTally.instructor_id, User.name, *sums)
        .join(User, User.id == SessionTally.instructor_id)
        .where(*conditions)
        .group_by(SessionTally.instructor_id, User.name)
    )
    return {
        user_id: {"name": name} | dict(zip(TOTALS, (int(value or 0) for value in values), strict=True))
        for user_id, name, *values in rows
    }


def _line(line: dict, rates: dict) -> dict:
    teacher, heads, net = line["instructor_id"], line["figures"]["heads"], line["figures"]["net_revenue"]
    return {"session_id": line["session_id"], "instructor_id": teacher, "instructor": line["instructor"]} | {
        "title": line["title"],
        "starts_at": line["starts_at"],
        "heads": heads,
        "net_revenue": net,
        "pay": earned(rates.get(teacher), heads, net),
    }


@planned_for_their_span
def pay(studio: Studio, span: Span, instructor_id: int | None = None, page: int = 1, per_page: int | None = None):
    """The report: each instructor's classes, heads, net revenue and pay over the span (one instructor's only,
    when given), and the classes taught, in start order: per_page of them from page (all of them when None)."""
    rates, now = _rates(studio.id), utcnow()
    sessions, tallies = [EventSession.starts_at <= now], [*kept_in(studio.id, span), SessionTally.starts_at <= now]
    if instructor_id is not None:
        sessions.append(EventSession.instructor_id == instructor_id)
        tallies.append(SessionTally.instructor_id == instructor_id)
    fresh = [_line(line, rates) for line in fresh_lines(studio, span, sessions)]
    people = _kept_people(studio, tallies, rates)
    for line in fresh:
        person = people.setdefault(line["instructor_id"], {"name": line["instructor"]} | dict.fromkeys(TOTALS, 0))
        for name, value in zip(TOTALS, (1, line["heads"], line["net_revenue"], line["pay"]), strict=True):
            person[name] += value
    first = (page - 1) * (per_page or 0)
    kept = kept_lines(studio, tallies, None if per_page is None else first + per_page)
    ordered = sorted(
        [_line(line, rates) for line in kept] + fresh, key=lambda line: (line["starts_at"], line["session_id"])
    )
    return {
        "from": span.start.isoformat(),
        "to": span.end.isoformat(),
        "currency": studio.currency,
        "total_pay": sum(person["pay"] for person in people.values()),
        "instructors": sorted(
            ({"instructor_id": key, "rate": rates.get(key)} | figures for key, figures in people.items()),
            key=lambda row: (row["name"].lower(), row["instructor_id"]),
        ),
        "lines": ordered[first : None if per_page is None else first + per_page],
        "lines_total": sum(person["classes"] for person in people.values()),
        "page": page,
        "per_page": per_page,
    }


def csv_rows(report: dict, timezone: str):
    """One row per class taught, a header first: when (the studio's clock), class, instructor, heads, net revenue,
    pay, in the report's currency."""
    zone, currency = ZoneInfo(timezone), report["currency"]
    yield ["date", clock_header("time", timezone), "class", "instructor", "heads", "net_revenue", "pay", "currency"]
    for line in report["lines"]:
        local = line["starts_at"].astimezone(zone)
        row = [local.date().isoformat(), local.strftime("%H:%M"), line["title"], line["instructor"], line["heads"]]
        yield [*row, money_cell(line["net_revenue"], currency), money_cell(line["pay"], currency), currency]

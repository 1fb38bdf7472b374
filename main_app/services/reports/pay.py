"""Instructor pay over a span of a studio's days: a line per class taught (a scheduled session that has begun),
with its heads (seats booked and not marked a no-show), its net revenue and what its instructor earns at their rate;
and each instructor's totals.

Net revenue is tax-exclusive: the taxable amounts of the invoices for its bookings' payments less those of their
credit notes, plus the pack credits spent on it at what they were bought for (the pack's taxable amount over its
credits, rounded down), in the studio's currency. A membership's visits bring no revenue of their own here (its
fee is not split between classes), and a class with no rate set earns nothing until one is."""

from zoneinfo import ZoneInfo

from sqlalchemy import select

from ...extensions import db
from ...models import EventSession, SessionTally, Studio, StudioMember, utcnow
from .periods import Span
from .rates import rate_of
from .tallies import span_lines

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


def pay(studio: Studio, span: Span, instructor_id: int | None = None) -> dict:
    """The report: every class taught in the span (one instructor's only, when given), and each instructor's
    classes, heads, net revenue and pay."""
    rates, now = _rates(studio.id), utcnow()
    sessions, tallies = [EventSession.starts_at <= now], [SessionTally.starts_at <= now]
    if instructor_id is not None:
        sessions.append(EventSession.instructor_id == instructor_id)
        tallies.append(SessionTally.instructor_id == instructor_id)
    lines, people = [], {}
    for line in span_lines(studio, span, sessions, tallies):
        teacher, count, net = line["instructor_id"], line["figures"]["heads"], line["figures"]["net_revenue"]
        earns = earned(rates.get(teacher), count, net)
        lines.append(
            {"session_id": line["session_id"], "instructor_id": teacher, "instructor": line["instructor"]}
            | {"title": line["title"], "starts_at": line["starts_at"], "heads": count, "net_revenue": net, "pay": earns}
        )
        person = people.setdefault(teacher, {"name": line["instructor"]} | dict.fromkeys(TOTALS, 0))
        for name, value in zip(TOTALS, (1, count, net, earns), strict=True):
            person[name] += value
    return {
        "from": span.start.isoformat(),
        "to": span.end.isoformat(),
        "currency": studio.currency,
        "total_pay": sum(line["pay"] for line in lines),
        "instructors": sorted(
            ({"instructor_id": key, "rate": rates.get(key)} | figures for key, figures in people.items()),
            key=lambda row: (row["name"].lower(), row["instructor_id"]),
        ),
        "lines": lines,
    }


def csv_rows(report: dict, timezone: str):
    """One row per class taught, a header first: when (the studio's clock), class, instructor, heads, net revenue,
    pay, in the report's currency."""
    zone = ZoneInfo(timezone)
    yield ["date", "time", "class", "instructor", "heads", "net_revenue", "pay", "currency"]
    for line in report["lines"]:
        local = line["starts_at"].astimezone(zone)
        row = [local.date().isoformat(), local.strftime("%H:%M"), line["title"], line["instructor"]]
        yield [*row, line["heads"], line["net_revenue"], line["pay"], report["currency"]]

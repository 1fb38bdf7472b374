"""The clients report: who came over a span of a studio's days, new (their first visit ever at the studio) or
returning; retention cohorts (of those who first came in a month, how many came back within 30, 60 and 90 days);
and membership churn (memberships running at the span's start that ended inside it).

A visit is a booking still holding its seat in a scheduled class that has begun, not marked a no-show. The visits
are read from the kept client days (client_days.py: a row per client and day they came, with the day they came
before), summed by day in the database: a client is counted in a period on their first day in it (the day before
theirs lies before the period), new on their very first. The clients whose kept days may be behind (dirty()) are
taken out of the sums and added back counted afresh."""

from collections import defaultdict
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, literal, or_, select

from ...extensions import db
from ...models import PASS_ACTIVE, PASS_LAPSED, PASS_MEMBERSHIP, PASS_REFUNDED, ClientDay, Pass, Studio, utcnow
from .client_days import counted, dirty, kept_days, visits_of
from .counting import planned_for_their_span
from .periods import Span

WINDOWS = (30, 60, 90)  # days after a first visit a cohort's return is counted in
SUMS = ("visits", "clients", "week_first", "month_first", "new", "since_start", *(f"back_{days}" for days in WINDOWS))


def _kept_sums(studio_id: int, span: Span, by_day: bool = True) -> dict[date | None, dict]:
    """The kept days of the span summed by day in the database, {day: SUMS}; or, not by_day, the span's totals
    alone, {None: SUMS} (visits, new and since_start: the comparison's)."""
    first = ClientDay.previous.is_(None)
    flags = [
        ClientDay.visits,
        func.count(),
        ClientDay.week_first,
        ClientDay.month_first,
        case((first, 1), else_=0),
        case((or_(first, ClientDay.previous < span.start), 1), else_=0),
        *(case((and_(first, ClientDay.back_after <= days * 86400), 1), else_=0) for days in WINDOWS),
    ]
    names = SUMS if by_day else ("visits", "new", "since_start")
    sums = [flag if name == "clients" else func.sum(flag) for name, flag in zip(SUMS, flags, strict=True)]
    chosen = [total for name, total in zip(SUMS, sums, strict=True) if name in names]
    day = ClientDay.day if by_day else literal(None)
    statement = select(day, *chosen).where(ClientDay.studio_id == studio_id, ClientDay.day >= span.start)
    statement = statement.where(ClientDay.day <= span.end)
    rows = db.session.execute(statement.group_by(ClientDay.day) if by_day else statement)
    return {
        day: dict.fromkeys(SUMS, 0) | dict(zip(names, (int(v or 0) for v in values), strict=True))
        for day, *values in rows
    }


def _row_sums(row: dict, span: Span) -> dict:
    """One day's row as _kept_sums counts it."""
    first = row["previous"] is None
    back = row["back_after"]
    return {
        "visits": row["visits"],
        "clients": 1,
        "week_first": row["week_first"],
        "month_first": row["month_first"],
        "new": int(first),
        "since_start": int(first or row["previous"] < span.start),
    } | {f"back_{days}": int(first and back is not None and back <= days * 86400) for days in WINDOWS}


def _sums(studio: Studio, span: Span, afresh: dict, by_day: bool = True) -> dict:
    """The span's sums by day (or, not by_day, in all, under None): kept, less the dirty clients' kept days, plus
    theirs counted afresh."""
    sums = defaultdict(lambda: dict.fromkeys(SUMS, 0), _kept_sums(studio.id, span, by_day))
    for rows, sign in ((afresh["kept"], -1), (afresh["now"], 1)):
        for row in rows:
            if span.start <= row["day"] <= span.end:
                day = sums[row["day"] if by_day else None]
                for name, value in _row_sums(row, span).items():
                    day[name] += sign * value
    return sums


def _afresh(studio: Studio) -> dict:
    """The dirty clients' kept days at the studio and their days counted now."""
    now = utcnow()
    users = dirty(studio.id, now)
    if not users:
        return {"kept": [], "now": []}
    return {"kept": kept_days(studio.id, users), "now": counted(visits_of(users, now, studio.id))}


def _totals(sums: dict) -> dict:
    """The span's totals from its sums: its clients (each on their first day in it), new, returning and visits."""
    days = list(sums.values())
    clients, new = sum(d["since_start"] for d in days), sum(d["new"] for d in days)
    return {"clients": clients, "new": new, "returning": clients - new, "visits": sum(d["visits"] for d in days)}


def _periods(span: Span, sums: dict) -> list[dict]:
    """Per period of the span: its clients, new, returning and visits. A client counts in a period on their first
    day in it; in a first period begun before the span, on their first day in the span."""
    flag = {"day": "clients", "week": "week_first", "month": "month_first"}[span.by]
    found = {start: dict.fromkeys(("clients", "new", "visits"), 0) for start in span.periods()}
    for day, figures in sums.items():
        start = span.period_of(day)
        period = found[start]
        period["clients"] += figures["since_start" if start < span.start else flag]
        period["new"] += figures["new"]
        period["visits"] += figures["visits"]
    return [
        {"start": start.isoformat(), "clients": f["clients"], "new": f["new"], "returning": f["clients"] - f["new"]}
        | {"visits": f["visits"]}
        for start, f in found.items()
    ]


def _cohorts(sums: dict, studio: Studio) -> list[dict]:
    """Per month of first visits in the span: how many, and how many came back within each window (None while
    the window is still open for some of them: the month's last day plus the window is yet to come)."""
    months: dict[date, dict] = {}
    for day, figures in sorted(sums.items()):
        if figures["new"]:
            month = months.setdefault(day.replace(day=1), dict.fromkeys(("new", *SUMS[-3:]), 0))
            for name in month:
                month[name] += figures[name]
    today = utcnow().astimezone(ZoneInfo(studio.timezone)).date()
    found = []
    for month, figures in months.items():
        last_day = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        row = {"month": month.isoformat(), "clients": figures["new"]}
        for days in WINDOWS:
            row[f"back_{days}"] = figures[f"back_{days}"] if last_day + timedelta(days=days) < today else None
        found.append(row)
    return found


def memberships(studio: Studio, span: Span) -> dict:
    """Memberships running at the span's start, begun and ended in it, running at its end, and the churn: those
    that ended over those running at the start (None when none were). Counted in the database: one row back."""
    low, high = span.instants(studio.timezone)
    # A membership runs from valid_from to when it ended, or, not renewing, to valid_until; renewing, on and on.
    end = case((Pass.ended_at.is_not(None), Pass.ended_at), (Pass.renews.is_(False), Pass.valid_until), else_=None)
    running = lambda at: and_(Pass.valid_from <= at, or_(end.is_(None), end > at))  # noqa: E731
    counted = lambda condition: func.sum(case((condition, 1), else_=0))  # noqa: E731
    at_start, started, ended, at_end = (
        int(value or 0)
        for value in db.session.execute(
            select(
                counted(running(low)),
                counted(Pass.valid_from >= low),
                counted(and_(Pass.valid_from <= low, end.is_not(None), end > low, end <= high)),
                counted(running(high)),
            ).where(
                Pass.studio_id == studio.id,
                Pass.kind == PASS_MEMBERSHIP,
                Pass.status.in_((PASS_ACTIVE, PASS_LAPSED, PASS_REFUNDED)),
                Pass.valid_from < high,
            )
        ).one()
    )
    return {
        "active_at_start": at_start,
        "started": started,
        "ended": ended,
        "active_at_end": at_end,
        "churn_rate": round(ended / at_start, 4) if at_start else None,
    }


@planned_for_their_span
def clients(studio: Studio, span: Span) -> dict:
    """The report: totals, by period, the previous span's totals, cohorts and membership churn."""
    afresh = _afresh(studio)
    sums = _sums(studio, span, afresh)
    before = span.previous()
    return {
        "from": span.start.isoformat(),
        "to": span.end.isoformat(),
        "by": span.by,
        "totals": _totals(sums),
        "previous": _totals(_sums(studio, before, afresh, by_day=False)) | {"from": before.start.isoformat()},
        "periods": _periods(span, sums),
        "cohorts": _cohorts(sums, studio),
        "memberships": memberships(studio, span),
    }


def csv_rows(report: dict):
    """The report's periods as CSV rows, a header first."""
    names = ("clients", "new", "returning", "visits")
    yield ["period", *names]
    for period in report["periods"]:
        yield [period["start"], *(period[name] for name in names)]

"""The attendance report: how full a studio's classes were over a span of its days (seats booked over seats offered),
who came and who did not (attendance, once check-in was taken), late cancels, and the waiting-list demand left over
(places still in line when a class began: people who waited and never got a seat). Split by period, by class, by
weekday and hour on the studio's clock, and by instructor; with the span before it to compare.

Begun classes are read from their kept tallies (services.reports.tallies), summed in the database a grouping at a
time; the others (the ones to come, and any changed since they were counted) are counted afresh (counting.py)."""

from collections import defaultdict

from sqlalchemy import func, select

from ...extensions import db
from ...models import Event, SessionTally, Studio, User
from .counting import planned_for_their_span
from .periods import Span
from .tallies import fresh_lines, kept_in, span_lines

FIGURES = ("sessions", "capacity", "booked", "attended", "no_shows", "late_cancels", "waited")
SUMMED = FIGURES[1:]
MOST_CLASSES = 100  # classes listed, the most booked first: a year of a busy studio's one-off events is thousands
EVENT, TEACHER = (Event, Event.id == SessionTally.event_id), (User, User.id == SessionTally.instructor_id)


def _blank() -> dict:
    return dict.fromkeys(FIGURES, 0)


def _with_rate(figures: dict) -> dict:
    """The figures with their fill rate: seats booked over seats offered (None when none were offered)."""
    rate = round(figures["booked"] / figures["capacity"], 4) if figures["capacity"] else None
    return figures | {"fill_rate": rate}


def _kept(studio_id: int, span: Span, *keys, joined=None) -> list[tuple[tuple, dict]]:
    """The kept tallies' figures summed in the database, grouped by keys: [(key values, figures)]."""
    sums = [func.count(), *(func.sum(getattr(SessionTally, name)) for name in SUMMED)]
    statement = select(*keys, *sums).select_from(SessionTally)
    if joined is not None:
        statement = statement.join(*joined)
    rows = db.session.execute(statement.where(*kept_in(studio_id, span)).group_by(*keys)).all()
    width = len(keys)
    return [(tuple(row[:width]), dict(zip(FIGURES, (int(v or 0) for v in row[width:]), strict=True))) for row in rows]


def _fresh(studio: Studio, span: Span) -> list[dict]:
    """The span's classes no kept tally holds, counted now (the newest, and those changed since they were)."""
    lines = fresh_lines(studio, span)
    for line in lines:
        line["figures"]["sessions"] = 1
    return lines


def _add(bucket: dict, figures: dict) -> None:
    for name in FIGURES:
        bucket[name] += figures[name]


@planned_for_their_span
def attendance(studio: Studio, span: Span) -> dict:
    """The report: totals, by period (each period of the span), by class, by weekday and hour, by instructor, and
    the previous span's totals. Kept tallies are summed in the database; the classes none holds are added here."""
    totals, periods = _blank(), {start: _blank() for start in span.periods()}
    classes, slots, instructors = defaultdict(_blank), defaultdict(_blank), defaultdict(_blank)
    titles, names = {}, {}
    for (day,), figures in _kept(studio.id, span, SessionTally.day):
        _add(totals, figures)
        _add(periods[span.period_of(day)], figures)
    for (event_id, title), figures in _kept(studio.id, span, SessionTally.event_id, Event.title, joined=EVENT):
        titles[event_id] = title
        _add(classes[event_id], figures)
    for key, figures in _kept(studio.id, span, SessionTally.weekday, SessionTally.hour):
        _add(slots[key], figures)
    for (user_id, name), figures in _kept(studio.id, span, SessionTally.instructor_id, User.name, joined=TEACHER):
        names[user_id] = name
        _add(instructors[user_id], figures)
    for line in _fresh(studio, span):
        local, figures = line["local"], line["figures"]
        titles[line["event_id"]], names[line["instructor_id"]] = line["title"], line["instructor"]
        for bucket in (
            totals,
            periods[span.period_of(local.date())],
            classes[line["event_id"]],
            slots[(local.weekday(), local.hour)],
            instructors[line["instructor_id"]],
        ):
            _add(bucket, figures)
    return {
        "from": span.start.isoformat(),
        "to": span.end.isoformat(),
        "by": span.by,
        "totals": _with_rate(totals),
        "previous": _with_rate(_totals(studio, span.previous())) | {"from": span.previous().start.isoformat()},
        "periods": [{"start": start.isoformat(), **_with_rate(figures)} for start, figures in periods.items()],
        "classes": _most_booked(classes, titles),
        "classes_total": len(classes),
        "slots": [{"weekday": day, "hour": hour, **_with_rate(f)} for (day, hour), f in sorted(slots.items())],
        "instructors": _ranked(
            [{"instructor_id": key, "name": names[key], **_with_rate(f)} for key, f in instructors.items()]
        ),
    }


def _totals(studio: Studio, span: Span) -> dict:
    """The span's figures, all its classes together."""
    found = _blank()
    for _key, figures in _kept(studio.id, span):
        _add(found, figures)
    for line in _fresh(studio, span):
        _add(found, line["figures"])
    return found


def _most_booked(classes: dict, titles: dict) -> list[dict]:
    """The MOST_CLASSES classes with most seats booked, ranked as _ranked does."""
    keys = sorted(classes, key=lambda key: (-classes[key]["booked"], titles[key] or ""))[:MOST_CLASSES]
    return [{"event_id": key, "title": titles[key], **_with_rate(classes[key])} for key in keys]


def _ranked(rows: list[dict]) -> list[dict]:
    """Most seats booked first (then by name, for a stable order)."""
    return sorted(rows, key=lambda row: (-row["booked"], row.get("title") or row.get("name") or ""))


def csv_rows(studio: Studio, span: Span):
    """One row per session of the span, a header first: when (the studio's clock), class, instructor, figures."""
    names = ("capacity", "booked", "attended", "no_shows", "late_cancels", "waited")
    yield ["date", "time", "class", "instructor", *names, "fill_rate"]
    for line in span_lines(studio, span):
        figures = _with_rate(line["figures"])
        local = line["local"]
        row = [local.date().isoformat(), local.strftime("%H:%M"), line["title"], line["instructor"]]
        yield [*row, *(figures[name] for name in names), figures["fill_rate"]]

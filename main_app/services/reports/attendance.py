"""The attendance report: how full a studio's classes were over a span of its days (seats booked over seats offered),
who came and who did not (attendance, once check-in was taken), late cancels, and the waiting-list demand left over
(places still in line when a class began: people who waited and never got a seat). Split by period, by class, by
weekday and hour on the studio's clock, and by instructor; with the span before it to compare.

Begun classes are read from their kept tallies (services.reports.tallies), summed in the database four ways (in one
statement on PostgreSQL, by GROUPING SETS; one a grouping on SQLite); the others (the ones to come, and any changed
since they were counted) are counted afresh (counting.py). Titles and names are read for what is listed."""

from collections import defaultdict

from sqlalchemy import func, select, tuple_

from service_kit.spreadsheets import clock_header

from ...extensions import db
from ...models import Event, SessionTally, Studio, User
from .counting import planned_for_their_span
from .periods import Span
from .tallies import fresh_lines, kept_in, span_lines

FIGURES = ("sessions", "capacity", "booked", "attended", "no_shows", "late_cancels", "waited")
SUMMED = FIGURES[1:]
BOOKED = FIGURES.index("booked")
MOST_CLASSES = 100  # classes listed, the most booked first: a year of a busy studio's one-off events is thousands
GROUPINGS = {  # what the kept tallies are summed by
    "periods": (SessionTally.day,),
    "classes": (SessionTally.event_id,),
    "slots": (SessionTally.weekday, SessionTally.hour),
    "instructors": (SessionTally.instructor_id,),
}


def _blank() -> dict:
    return dict.fromkeys(FIGURES, 0)


def _with_rate(figures: dict) -> dict:
    """The figures with their fill rate: seats booked over seats offered (None when none were offered)."""
    rate = round(figures["booked"] / figures["capacity"], 4) if figures["capacity"] else None
    return figures | {"fill_rate": rate}


def _sums():
    return [func.count(), *(func.sum(getattr(SessionTally, name)) for name in SUMMED)]


def _figures(values) -> dict:
    return dict(zip(FIGURES, (int(v or 0) for v in values), strict=True))


def _kept(studio_id: int, span: Span, *keys) -> list[tuple[tuple, tuple]]:
    """The kept tallies' figures summed in the database, grouped by keys: [(key values, FIGURES' values)] (tuples:
    a year is thousands of classes, made into dicts only when listed)."""
    statement = select(*keys, *_sums()).where(*kept_in(studio_id, span))
    rows = db.session.execute(statement.group_by(*keys) if keys else statement).all()
    return [(tuple(row[: len(keys)]), tuple(row[len(keys) :])) for row in rows]


def _kept_ways(studio_id: int, span: Span) -> dict[str, list[tuple[tuple, tuple]]]:
    """The kept tallies summed each of the GROUPINGS' ways, as _kept: {name: [(key values, FIGURES' values)]}. On
    PostgreSQL in one statement: a row's grouping is the one whose keys are set (no key is ever null)."""
    if db.engine.dialect.name != "postgresql":
        return {name: _kept(studio_id, span, *keys) for name, keys in GROUPINGS.items()}
    keys = [key for group in GROUPINGS.values() for key in group]
    sets = func.grouping_sets(*(tuple_(*group) for group in GROUPINGS.values()))
    statement = select(*keys, *_sums()).where(*kept_in(studio_id, span)).group_by(sets)
    found, width = {name: [] for name in GROUPINGS}, len(keys)
    for row in db.session.execute(statement):
        at = 0
        for name, group in GROUPINGS.items():
            if row[at] is not None:
                found[name].append((tuple(row[at : at + len(group)]), tuple(row[width:])))
                break
            at += len(group)
    return found


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
    slots, instructors = defaultdict(_blank), defaultdict(_blank)
    titles, names = {}, {}
    ways = _kept_ways(studio.id, span)
    for (day,), values in ways["periods"]:
        _add(totals, _figures(values))
        _add(periods[span.period_of(day)], _figures(values))
    for buckets, name in ((slots, "slots"), (instructors, "instructors")):
        for key, values in ways[name]:
            _add(buckets[key if name == "slots" else key[0]], _figures(values))
    # By class: FIGURES' values, made into figures for the classes a line counted afresh adds to, and those listed.
    classes = defaultdict(_blank, {key: values for (key,), values in ways["classes"]})
    for line in _fresh(studio, span):
        key = line["event_id"]
        if key in classes and not isinstance(classes[key], dict):
            classes[key] = _figures(classes[key])
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
        "instructors": _instructors(instructors, names),
    }


def _totals(studio: Studio, span: Span) -> dict:
    """The span's figures, all its classes together."""
    found = _blank()
    for _key, values in _kept(studio.id, span):
        _add(found, _figures(values))
    for line in _fresh(studio, span):
        _add(found, line["figures"])
    return found


def _most_booked(classes: dict, titles: dict) -> list[dict]:
    """The MOST_CLASSES classes with most seats booked (the first made first among equals at the cut), ranked as
    _ranked does; the titles not known yet (the kept ones') read for them alone."""
    figures = {key: value if isinstance(value, dict) else None for key, value in classes.items()}
    booked = lambda key: figures[key]["booked"] if figures[key] else int(classes[key][BOOKED] or 0)  # noqa: E731
    keys = sorted(classes, key=lambda key: (-booked(key), key))[:MOST_CLASSES]
    _read_titles(titles, Event, Event.title, keys)
    listed = [(key, figures[key] or _figures(classes[key])) for key in keys]
    return _ranked([{"event_id": key, "title": titles[key], **_with_rate(found)} for key, found in listed])


def _read_titles(known: dict, model, column, keys) -> None:
    """Add to known the column's values for the keys (ids of model) it lacks."""
    if wanted := [key for key in keys if key not in known]:
        known.update(
            {key: value for key, value in db.session.execute(select(model.id, column).where(model.id.in_(wanted)))}
        )


def _instructors(instructors: dict, names: dict) -> list[dict]:
    """Each instructor's figures, ranked; the names not known yet read."""
    _read_titles(names, User, User.name, list(instructors))
    return _ranked([{"instructor_id": key, "name": names[key], **_with_rate(f)} for key, f in instructors.items()])


def _ranked(rows: list[dict]) -> list[dict]:
    """Most seats booked first (then by name, for a stable order)."""
    return sorted(rows, key=lambda row: (-row["booked"], row.get("title") or row.get("name") or ""))


def csv_rows(studio: Studio, span: Span):
    """One row per session of the span, a header first: when (the studio's clock), class, instructor, figures."""
    names = ("capacity", "booked", "attended", "no_shows", "late_cancels", "waited")
    yield ["date", clock_header("time", studio.timezone), "class", "instructor", *names, "fill_rate"]
    for line in span_lines(studio, span):
        figures = _with_rate(line["figures"])
        local = line["local"]
        row = [local.date().isoformat(), local.strftime("%H:%M"), line["title"], line["instructor"]]
        yield [*row, *(figures[name] for name in names), figures["fill_rate"]]

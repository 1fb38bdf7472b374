"""Session tallies: each begun class's report figures (counting.FIGURES) counted once and kept, so a report over a
year reads a row a class instead of its bookings. Any write that may change a counted class's figures (its bookings,
its line, its invoices, the class, its event or its studio) notes the class in tally_changes by a database trigger,
in that write's own transaction (migration 0059); a tally is read only while no change names its class, and the
classes no tally holds are counted afresh, so a report is exact however far behind the counting is. The timers
lane counts in its idle moments (Tallier): the changes noted, oldest first, and the classes begun lately."""

import logging
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, exists, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from main_app.plumbing import lock_alone

from ...database import unit_of_work
from ...extensions import db
from ...models import (
    STATUS_SCHEDULED,
    CountingMark,
    Event,
    EventSession,
    SessionTally,
    Studio,
    TallyChange,
    User,
    utcnow,
)
from .counting import FIGURES, live_lines, session_ids, span_sessions
from .periods import Span

BATCH = 200  # classes counted a transaction: short, never holding up a booking
# A class is counted this long after it began. The triggers note writes to begun classes only (a booking for a class
# to come notes nothing): a write begun before the class did would have to run this long to be missed.
SETTLE = timedelta(hours=1)
MARK = "session_tallies"  # its CountingMark: every scheduled class begun before it has a tally or a change noted
INTERVAL = 60.0  # seconds between looks once nothing was left to count
TABLE = SessionTally.__table__
log = logging.getLogger(__name__)


def _upsert(insert):
    statement = insert(TABLE)
    columns = [column.name for column in TABLE.columns if column.name != "session_id"]
    return statement.on_conflict_do_update(
        index_elements=["session_id"], set_={name: statement.excluded[name] for name in columns}
    )


UPSERT = {"postgresql": _upsert(postgresql.insert), "sqlite": _upsert(sqlite.insert)}


def kept():
    """The condition on SessionTally that no change waits for its class: its figures are the class's own."""
    return ~exists().where(TallyChange.session_id == SessionTally.session_id)


def untallied():
    """The condition on EventSession that no kept tally holds it: its figures are counted afresh."""
    return ~exists().where(SessionTally.session_id == EventSession.id, kept())


def kept_in(studio_id: int, span: Span) -> tuple:
    """The conditions on SessionTally of the studio's kept tallies of classes starting in the span."""
    return (SessionTally.studio_id == studio_id, SessionTally.day >= span.start, SessionTally.day <= span.end, kept())


def kept_lines(studio: Studio, conditions, limit: int | None = None) -> list[dict]:
    """The kept tallies the conditions find, as lines of counting.live_lines' shape; with a limit, the first ones
    in start order."""
    zone = ZoneInfo(studio.timezone)
    columns = [SessionTally.session_id, SessionTally.event_id, Event.title, SessionTally.instructor_id, User.name]
    columns += [SessionTally.starts_at, *(getattr(SessionTally, name) for name in FIGURES)]
    statement = (
        select(*columns)
        .join(Event, Event.id == SessionTally.event_id)
        .join(User, User.id == SessionTally.instructor_id)
        .where(*conditions)
    )
    if limit is not None:
        statement = statement.order_by(SessionTally.starts_at, SessionTally.session_id).limit(limit)
    return [
        {"session_id": session_id, "event_id": event_id, "title": title, "instructor_id": instructor_id}
        | {"instructor": name, "starts_at": starts_at, "local": starts_at.astimezone(zone)}
        | {"figures": dict(zip(FIGURES, figures, strict=True))}
        for session_id, event_id, title, instructor_id, name, starts_at, *figures in db.session.execute(statement)
    ]


def fresh_lines(studio: Studio, span: Span, sessions=()) -> list[dict]:
    """The span's scheduled classes no kept tally holds, counted now; sessions: more conditions on EventSession.
    Past the mark, they are the classes begun since it (or to come) and those a change names: two index ranges,
    not the span's every class."""
    conditions = (*span_sessions(studio.id, span, studio.timezone), untallied(), *sessions)
    through = mark_of(MARK)
    if through is None:  # never counted
        return live_lines(studio, conditions)
    recent = session_ids((*conditions, EventSession.starts_at >= through))
    noted = session_ids((*conditions, EventSession.id.in_(select(TallyChange.session_id))))
    return live_lines(studio, (EventSession.id.in_(recent.union(noted)),))


def span_lines(studio: Studio, span: Span) -> list[dict]:
    """Every scheduled class starting in the span, kept or counted afresh, in start order."""
    lines = kept_lines(studio, kept_in(studio.id, span)) + fresh_lines(studio, span)
    return sorted(lines, key=lambda line: (line["starts_at"], line["session_id"]))


def _counted(studio: Studio, named: list[int], now) -> list[dict]:
    """Tally rows for the studio's classes among named that are scheduled and began SETTLE ago or more."""
    conditions = (
        EventSession.id.in_(named),
        EventSession.status == STATUS_SCHEDULED,
        EventSession.starts_at < now,
    )
    rows = []
    for line in live_lines(studio, conditions):
        local = line["local"]
        rows.append(
            {"session_id": line["session_id"], "studio_id": studio.id, "event_id": line["event_id"]}
            | {"instructor_id": line["instructor_id"], "starts_at": line["starts_at"], "day": local.date()}
            | {"weekday": local.weekday(), "hour": local.hour, "counted_at": now, **line["figures"]}
        )
    return rows


def mark_of(name: str):
    """Where a kept count's mark stands (None: it never moved)."""
    return db.session.scalar(select(CountingMark.through).where(CountingMark.name == name))


def move_mark(name: str, to, table, begun) -> None:
    """Note in table (its one column) what begun (a select of it, given the mark and `to`) finds, and move the
    named mark to `to`; the mark's row locked for the transaction, one counting at a time. (What was noted is
    taken, and told, as changes: psycopg gives no row count for an INSERT from a SELECT.)"""
    row = lock_alone(select(CountingMark).where(CountingMark.name == name)).scalar_one()
    if row.through is not None and row.through >= to:
        return
    column = next(column.name for column in table.columns if not column.primary_key)
    db.session.execute(insert(table).from_select([column], begun(row.through, to)))
    row.through = to


def _begun(through, to):
    """The scheduled classes begun between the mark and `to`."""
    found = select(EventSession.id).where(EventSession.status == STATUS_SCHEDULED, EventSession.starts_at < to)
    return found if through is None else found.where(EventSession.starts_at >= through)


def count_some(limit: int = BATCH) -> int:
    """Move the mark past the classes begun SETTLE ago (noting them), then count one batch, in one transaction: the
    classes named by the oldest changes; the tallies written and changes taken (0: nothing left)."""
    now = utcnow()
    with unit_of_work():
        move_mark(MARK, now - SETTLE, TallyChange.__table__, _begun)
        changes = db.session.execute(
            select(TallyChange.id, TallyChange.session_id).order_by(TallyChange.id).limit(limit)
        )
        change_ids, named = [], set()
        for change_id, session_id in changes:
            change_ids.append(change_id)
            named.add(session_id)
        if not named:
            return 0
        # A class changed back to the future, or cancelled, has no tally: its old one goes.
        db.session.execute(delete(SessionTally).where(SessionTally.session_id.in_(named)))
        counted = _count_sessions(named, now)
        db.session.execute(delete(TallyChange).where(TallyChange.id.in_(change_ids)))
    return counted + len(change_ids)


def _count_sessions(named: set[int], now) -> int:
    """Write the tallies of the sessions, studio by studio; the tallies written."""
    by_studio = defaultdict(list)
    studios = select(EventSession.id, Event.studio_id).join(Event, Event.id == EventSession.event_id)
    for session_id, studio_id in db.session.execute(studios.where(EventSession.id.in_(named))):
        by_studio[studio_id].append(session_id)
    counted = 0
    for studio_id, ids in by_studio.items():
        rows = _counted(db.session.get(Studio, studio_id), ids, now)
        if rows:
            db.session.execute(UPSERT[db.engine.dialect.name], rows)
            counted += len(rows)
    return counted


class Tallier:
    """The timers lane's counting: one batch per idle moment (and one of `also`'s: the client days); after one that
    found nothing, a pause."""

    def __init__(self, interval: float = INTERVAL, clock: Callable[[], float] = time.monotonic, also=None):
        self.interval, self.clock, self.also, self._next = interval, clock, also, 0.0

    def __call__(self) -> int:
        """Count one batch if one is due; the classes counted. A batch that fails is tried again after the pause:
        the lane's messages go on, and the reports count its classes afresh meanwhile."""
        if self.clock() < self._next:
            return 0
        counted = _tried(lambda: count_some(), self.interval)
        if self.also is not None:
            counted += _tried(self.also, self.interval)
        self._next = self.clock() + (0.0 if counted else self.interval)
        return counted


def _tried(count: Callable[[], int], interval: float) -> int:
    """count()'s result, or 0 when it failed (logged)."""
    try:
        return count()
    except Exception as exc:  # the lane must run on; the reports stay exact without the tallies
        log.warning("session tallies: a batch failed (%s); trying again in %g s", type(exc).__name__, interval)
        return 0


def unnoted() -> list[int]:
    """The classes whose kept tally is not what counting them now gives (their figures, instructor, event, start or
    day): a write that changed them went unnoted. The tests look after each one; an operator may too."""
    rows = db.session.execute(select(SessionTally.session_id, SessionTally.studio_id).where(kept())).all()
    by_studio = defaultdict(list)
    for session_id, studio_id in rows:
        by_studio[studio_id].append(session_id)
    differing = []
    for studio_id, ids in by_studio.items():
        studio = db.session.get(Studio, studio_id)
        as_kept = {line["session_id"]: _shown(line) for line in kept_lines(studio, (SessionTally.session_id.in_(ids),))}
        counted = live_lines(studio, (EventSession.id.in_(ids), EventSession.status == STATUS_SCHEDULED))
        as_counted = {line["session_id"]: _shown(line) for line in counted}
        differing += [session_id for session_id in ids if as_kept.get(session_id) != as_counted.get(session_id)]
    return sorted(differing)


def _shown(line: dict) -> tuple:
    keys = ("event_id", "instructor_id", "starts_at")
    return (*(line[key] for key in keys), line["local"].date(), line["figures"])

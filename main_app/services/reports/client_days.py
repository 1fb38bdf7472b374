"""Client days: each day a client came to a studio, counted once and kept (ClientDay), so the clients report sums a
year of them in the database instead of reading every visit. A visit is a booking holding its seat in a scheduled
class that has begun, not marked a no-show.

A client's days are counted again, all at once, whenever they may have changed: a trigger notes the client in
client_changes in the transaction of any write to their bookings of a begun class, or to such a class, its event or
its studio (migration 0060); and the timers lane notes the clients of the classes that began, as it moves the mark
(CountingMark.through) past them, SETTLE after they began. Kept days count the visits before the mark. A report
takes the clients noted or with a class since the mark (dirty()) out of the kept sums and adds their days counted
afresh, so it is exact however far behind the counting is."""

from collections import defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert, or_, select

from ...database import unit_of_work
from ...extensions import db
from ...models import (
    ATTENDED,
    BOOKING_ACTIVE,
    STATUS_SCHEDULED,
    Booking,
    ClientChange,
    ClientDay,
    Event,
    EventSession,
    Studio,
    utcnow,
)
from .tallies import SETTLE, mark_of, move_mark

MARK = "client_days"
BATCH = 500  # clients counted a transaction
TABLE = ClientDay.__table__


def visit_conditions() -> tuple:
    """A booking that is a visit, given its class has begun (joined: EventSession and Event)."""
    return (
        EventSession.status == STATUS_SCHEDULED,
        Booking.status == BOOKING_ACTIVE,
        or_(Booking.attendance.is_(None), Booking.attendance == ATTENDED),
    )


def visits_of(user_ids, before: datetime, studio_id: int | None = None) -> dict[tuple[int, int], list[datetime]]:
    """The clients' visits to classes begun before `before`, at one studio or all: {(user, studio): [starts]}."""
    statement = (
        select(Booking.user_id, Event.studio_id, EventSession.starts_at)
        .join(EventSession, EventSession.id == Booking.session_id)
        .join(Event, Event.id == EventSession.event_id)
        .where(Booking.user_id.in_(user_ids), EventSession.starts_at < before, *visit_conditions())
    )
    if studio_id is not None:
        statement = statement.where(Event.studio_id == studio_id)
    found = defaultdict(list)
    for user_id, studio, starts in db.session.execute(statement):
        found[(user_id, studio)].append(starts)
    return found


def days_of(user_id: int, studio_id: int, starts: list[datetime], zone: ZoneInfo) -> list[dict]:
    """A client's ClientDay rows at a studio, from the starts of their visits there."""
    starts = sorted(starts)
    visits = defaultdict(int)
    for instant in starts:
        visits[instant.astimezone(zone).date()] += 1
    rows, previous = [], None
    for day in sorted(visits):
        monday, first_of_month = day - timedelta(days=day.weekday()), day.replace(day=1)
        rows.append(
            {"user_id": user_id, "studio_id": studio_id, "day": day, "visits": visits[day], "previous": previous}
            | {"week_first": int(previous is None or previous < monday)}
            | {"month_first": int(previous is None or previous < first_of_month), "back_after": None}
        )
        previous = day
    later = [instant for instant in starts if instant > starts[0]] if starts else []
    if later:
        rows[0]["back_after"] = int((later[0] - starts[0]).total_seconds())
    return rows


def counted(visits: dict[tuple[int, int], list[datetime]]) -> list[dict]:
    """The ClientDay rows of visits as visits_of finds them."""
    zones = {}
    rows = []
    for (user_id, studio_id), starts in visits.items():
        if studio_id not in zones:
            zones[studio_id] = ZoneInfo(db.session.get(Studio, studio_id).timezone)
        rows += days_of(user_id, studio_id, starts, zones[studio_id])
    return rows


def mark() -> datetime | None:
    """Where the counting stands: visits before this are counted or their clients noted (None: nothing yet)."""
    return mark_of(MARK)


def _begun(through: datetime | None, to: datetime):
    """The clients of the classes begun between the mark and `to`."""
    begun = select(Booking.user_id).join(EventSession, EventSession.id == Booking.session_id)
    begun = begun.where(EventSession.starts_at < to).distinct()
    return begun if through is None else begun.where(EventSession.starts_at >= through)


def count_clients(limit: int = BATCH) -> int:
    """Move the mark, then count the days of the clients named by the oldest changes, in one transaction; the
    changes taken (0: nothing was left)."""
    with unit_of_work():
        move_mark(MARK, utcnow() - SETTLE, ClientChange.__table__, _begun)
        oldest = select(ClientChange.user_id).order_by(ClientChange.id).limit(limit)
        user_ids = set(db.session.scalars(oldest))
        if not user_ids:
            return 0
        # Every change naming them, read before their visits are: each one's write is in what is read next, so it
        # may go (a change noted after this read stays, for the next batch).
        change_ids = list(db.session.scalars(select(ClientChange.id).where(ClientChange.user_id.in_(user_ids))))
        db.session.execute(delete(ClientDay).where(ClientDay.user_id.in_(user_ids)))
        rows = counted(visits_of(user_ids, mark()))
        if rows:
            db.session.execute(insert(TABLE), rows)
        db.session.execute(delete(ClientChange).where(ClientChange.id.in_(change_ids)))
    return len(change_ids)


def dirty(studio_id: int, now: datetime) -> set[int]:
    """The clients whose kept days at the studio may not be theirs now: noted and not counted again yet, or with a
    class there begun since the mark (all who came, before the first counting)."""
    through = mark()
    begun = select(Booking.user_id).join(EventSession, EventSession.id == Booking.session_id)
    begun = begun.join(Event, Event.id == EventSession.event_id)
    begun = begun.where(Event.studio_id == studio_id, EventSession.starts_at < now)
    if through is not None:
        begun = begun.where(EventSession.starts_at >= through)
    return set(db.session.scalars(begun.distinct())) | set(db.session.scalars(select(ClientChange.user_id).distinct()))


def kept_days(studio_id: int, user_ids) -> list[dict]:
    """The clients' kept days at the studio, as rows."""
    statement = select(TABLE).where(ClientDay.studio_id == studio_id, ClientDay.user_id.in_(user_ids))
    return [dict(row._mapping) for row in db.session.execute(statement)]


def unnoted() -> list[tuple[int, int]]:
    """The (client, studio) pairs whose kept days are not what counting them now gives, for the clients not noted:
    a write that changed them went unnoted. The tests look after each one; an operator may too."""
    through = mark()
    if through is None:  # never counted: nothing is kept
        return sorted({(row.user_id, row.studio_id) for row in db.session.execute(select(TABLE))})
    noted = set(db.session.scalars(select(ClientChange.user_id)))
    kept = defaultdict(list)
    for row in db.session.execute(select(TABLE)):
        if row.user_id not in noted:
            kept[(row.user_id, row.studio_id)].append(dict(row._mapping))
    clients = {user_id for user_id, _ in kept} | set(
        db.session.scalars(select(Booking.user_id).where(Booking.user_id.not_in(noted)).distinct())
    )
    afresh = defaultdict(list)
    for row in counted(visits_of(clients, through)):
        afresh[(row["user_id"], row["studio_id"])].append(row)
    differing = {pair for pair in set(kept) | set(afresh) if _ordered(kept[pair]) != _ordered(afresh[pair])}
    return sorted(differing)


def _ordered(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda row: row["day"])


def catch_up() -> int:
    """Count until nothing is left (the tests, the benchmark); the clients counted."""
    total = 0
    while found := count_clients():
        total += found
    return total

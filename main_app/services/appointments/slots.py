"""Free slots of a private session: each teacher's open hours (weekly hours, less days off, plus extra hours) on the
studio's clock, turned into instants day by day (07:00 stays 07:00 across a clock change), less the times they are
busy (the classes they teach, their appointments, their calendar's busy times), within the studio's booking window.

Pure: it reads nothing; services/appointments/availability.py gathers what it is given."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

STEP = timedelta(minutes=15)  # slots start on the studio clock's quarter hours


@dataclass(frozen=True)
class Stretch:
    """Local hours: on weekday (0 Monday) or one day, from starts to ends."""

    starts: time
    ends: time


@dataclass(frozen=True)
class DayChange:
    """An exception to a teacher's week: a day off (starts None: all of it) or extra hours on that day."""

    day: date
    off: bool
    starts: time | None = None
    ends: time | None = None


@dataclass(frozen=True)
class Teacher:
    """A teacher's week (weekday → stretches), exceptions and busy intervals (UTC, any order, may overlap)."""

    id: int
    week: dict[int, Sequence[Stretch]]
    changes: Sequence[DayChange] = ()
    busy: Sequence[tuple[datetime, datetime]] = ()


@dataclass(frozen=True)
class Ask:
    """What a search asks: the service's length and buffers, the window of starts, and the studio's clock."""

    duration: timedelta
    before: timedelta
    after: timedelta
    earliest: datetime  # now plus the least notice (UTC)
    latest: datetime  # the last start the booking window allows (UTC)
    zone: ZoneInfo


def instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a local wall time: a time the clock shows twice (it falls back) is its first showing, and a
    time it skips (it springs forward) reads on the clock before the change (01:30 is 02:30 after it)."""
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def open_hours(teacher: Teacher, day: date, zone: ZoneInfo) -> list[tuple[datetime, datetime]]:
    """The teacher's open intervals on a local day (UTC), in order, none overlapping."""
    changes = [change for change in teacher.changes if change.day == day]
    if any(change.off and change.starts is None for change in changes):
        return []
    stretches = [(s.starts, s.ends) for s in teacher.week.get(day.weekday(), ())]
    stretches += [(c.starts, c.ends) for c in changes if not c.off]
    opened = _merged((instant(day, starts, zone), instant(day, ends, zone)) for starts, ends in stretches)
    closed = [(instant(day, c.starts, zone), instant(day, c.ends, zone)) for c in changes if c.off]
    return _less(opened, _merged(closed))


def _merged(intervals: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """The intervals sorted, those touching or overlapping made one."""
    merged: list[list[datetime]] = []
    for starts, ends in sorted(intervals):
        if ends <= starts:
            continue
        if merged and starts <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], ends)
        else:
            merged.append([starts, ends])
    return [(starts, ends) for starts, ends in merged]


def _less(opened: list, closed: list) -> list[tuple[datetime, datetime]]:
    """opened without closed (both merged and sorted)."""
    left = []
    for starts, ends in opened:
        for off_starts, off_ends in closed:
            if off_ends <= starts or off_starts >= ends:
                continue
            if off_starts > starts:
                left.append((starts, off_starts))
            starts = max(starts, off_ends)
            if starts >= ends:
                break
        if starts < ends:
            left.append((starts, ends))
    return left


def free_slots(teachers: Sequence[Teacher], ask: Ask) -> list[tuple[datetime, int]]:
    """(start, teacher id) of every free slot, by start then teacher: the appointment inside the teacher's open
    hours, its buffers clear of anything they are busy with, its start on the quarter hour and within the window."""
    found = []
    first = ask.earliest.astimezone(ask.zone).date()
    days = (ask.latest.astimezone(ask.zone).date() - first).days + 1
    for teacher in teachers:
        # The starts come in order, so one walk along the teacher's busy times (merged, in order) clears them all.
        busy, next_busy = _merged(teacher.busy), 0
        for offset in range(days):
            for opens, closes in open_hours(teacher, first + timedelta(days=offset), ask.zone):
                for start in _starts(opens, closes, ask):
                    taken_from, taken_to = start - ask.before, start + ask.duration + ask.after
                    while next_busy < len(busy) and busy[next_busy][1] <= taken_from:
                        next_busy += 1
                    if next_busy == len(busy) or busy[next_busy][0] >= taken_to:
                        found.append((start, teacher.id))
    return sorted(found)


def _starts(opens: datetime, closes: datetime, ask: Ask) -> Iterable[datetime]:
    """The quarter-hour starts (on the studio's clock) of an appointment inside [opens, closes] and the window."""
    local = opens.astimezone(ask.zone)
    minutes = (-local.minute) % 15
    start = opens + timedelta(minutes=minutes) - timedelta(seconds=local.second, microseconds=local.microsecond)
    if start < opens:
        start += STEP
    if start < ask.earliest:
        start += -((ask.earliest - start) // -STEP) * STEP  # up to the first quarter hour at or after earliest
    last = min(closes - ask.duration, ask.latest)
    while start <= last:
        yield start
        start += STEP

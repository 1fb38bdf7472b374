"""What keeps teachers busy. A class keeps them busy from its start to its end, at any studio; a private session
for the time around it its service keeps free (its buffers), while its seat is held (seats_taken) or, before that,
while the booking that claimed it is being made (claimed_until); so do the busy times last read from their own
calendar (services.calendar_sync, which stores them under the same lock). Every path that gives a teacher a time
locks the teacher's account row first (the lock order's User, before any session), so of two such changes the
second sees the first."""

from collections import defaultdict
from datetime import datetime

from sqlalchemy import null, or_, select

from main_app.plumbing import lock

from ...error_codes import api_error
from ...extensions import db
from ...models import STATUS_SCHEDULED, Appointment, CalendarBusy, EventSession, User


def lock_teachers(ids) -> None:
    """Lock the teachers' account rows (lowest id first) for the rest of the transaction."""
    lock(User, [teacher for teacher in ids if teacher is not None])


def _classes(ids, since: datetime, until: datetime):
    """(teacher, start, end, session id) of the classes the teachers teach overlapping [since, until)."""
    return select(EventSession.instructor_id, EventSession.starts_at, EventSession.ends_at, EventSession.id).where(
        EventSession.instructor_id.in_(ids),
        EventSession.status == STATUS_SCHEDULED,
        EventSession.reserved_for_id.is_(None),
        EventSession.starts_at < until,
        EventSession.ends_at > since,
    )


def _privates(ids, since: datetime, until: datetime, now: datetime):
    """(teacher, busy from, busy until, session id) of the teachers' private sessions overlapping [since, until)."""
    return (
        select(Appointment.teacher_id, Appointment.busy_from, Appointment.busy_until, Appointment.session_id)
        .join(EventSession, EventSession.id == Appointment.session_id)
        .where(
            Appointment.teacher_id.in_(ids),
            Appointment.busy_from < until,
            Appointment.busy_until > since,
            EventSession.status == STATUS_SCHEDULED,
            or_(EventSession.seats_taken > 0, Appointment.claimed_until > now),
        )
    )


def _calendars(ids, since: datetime, until: datetime):
    """(teacher, start, end, None) of the busy times their own calendars hold overlapping [since, until)."""
    return select(CalendarBusy.user_id, CalendarBusy.starts_at, CalendarBusy.ends_at, null()).where(
        CalendarBusy.user_id.in_(ids), CalendarBusy.starts_at < until, CalendarBusy.ends_at > since
    )


def busy_times(ids, since: datetime, until: datetime, now: datetime, but_session: int | None = None) -> dict:
    """Each teacher's busy intervals (UTC) overlapping [since, until): their classes, private sessions (but: one
    session left out, the one being moved) and their own calendar's busy times. Three queries, whatever the number
    of teachers."""
    busy: dict[int, list] = defaultdict(list)
    for query in (_classes(ids, since, until), _privates(ids, since, until, now), _calendars(ids, since, until)):
        for teacher, starts, ends, session_id in db.session.execute(query):
            if but_session is None or session_id != but_session:
                busy[teacher].append((starts, ends))
    return busy


def refuse_if_privates(classes, now: datetime, but_session: int | None = None) -> None:
    """Lock the teachers of classes ((teacher, start, end) each), then 409 teacher_busy.private when one would fall in
    the time a private session of its teacher keeps (but: the session being moved); classes may still overlap each
    other, as they always could. One query a teacher, however many classes."""
    by_teacher: dict[int, list] = defaultdict(list)
    for teacher, starts_at, ends_at in classes:
        by_teacher[teacher].append((starts_at, ends_at))
    lock_teachers(by_teacher)
    for teacher, times in by_teacher.items():
        since, until = min(starts for starts, _ in times), max(ends for _, ends in times)
        kept = [
            (f, u) for _, f, u, s in db.session.execute(_privates([teacher], since, until, now)) if s != but_session
        ]
        if any(f < ends and u > starts for starts, ends in times for f, u in kept):
            raise api_error("teacher_busy.private")

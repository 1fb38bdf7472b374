"""Writing and dropping timed jobs: schedule(job) adds its row to the caller's transaction (a job with a key once,
however often it is scheduled), cancel(jobs) drops the rows of jobs that have not run."""

from collections.abc import Iterable

from sqlalchemy import and_, delete, or_
from sqlalchemy.dialects import postgresql, sqlite

from main_app.delivery import not_out, outbox_row, outbox_written, waiting

from ...extensions import db
from ...models import CHANNEL_TIMERS, OutboxMessage
from .jobs import TimerJob

INSERT_ONCE = {
    name: insert_of(OutboxMessage.__table__).on_conflict_do_nothing(index_elements=["id"])
    for name, insert_of in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))
}


def row_of(job: TimerJob) -> dict:
    """Every column of the job's pending row on the timers channel, due when the job is (or now)."""
    return outbox_row(
        CHANNEL_TIMERS, job.kind, job.payload(), message_id=job.row_id(), booking_id=job.booking(), send_at=job.due
    )


def schedule(job: TimerJob) -> None:
    """Add the job's row to the caller's transaction (never committed here); a job with a key is written once."""
    row = row_of(job)
    if job.key() is None:
        db.session.add(OutboxMessage(**row))  # flushed with the caller's rows; its flush wakes the lane
        return
    db.session.execute(INSERT_ONCE[db.engine.dialect.name].values(**row))
    outbox_written(db.session, {CHANNEL_TIMERS})  # as an added row's flush would: SQLite's lane wakes on commit


def cancel(jobs: Iterable[TimerJob]) -> None:
    """Drop the rows of these jobs that have not run: by their key's id, or by their kind and the booking they name.
    A row a dispatcher holds is left: the job finds its work done."""
    ids, kinds_of = [], {}
    for job in jobs:
        if job.key() is not None:
            ids.append(job.row_id())
        elif job.booking() is not None:
            kinds_of.setdefault(job.booking(), set()).add(job.kind)
        else:
            raise ValueError(f"a {job.kind} job names neither a key nor a booking: it cannot be found to cancel")
    bookings_of: dict[frozenset, list[int]] = {}
    for booking_id, kinds in kinds_of.items():
        bookings_of.setdefault(frozenset(kinds), []).append(booking_id)
    found = [OutboxMessage.id.in_(ids)] if ids else []
    for kinds, booking_ids in bookings_of.items():
        found.append(and_(OutboxMessage.type.in_(sorted(kinds)), OutboxMessage.booking_id.in_(booking_ids)))
    if not found:
        return
    db.session.execute(
        delete(OutboxMessage)
        .where(OutboxMessage.channel == CHANNEL_TIMERS, or_(*found), waiting(), not_out())
        .execution_options(synchronize_session=False)
    )

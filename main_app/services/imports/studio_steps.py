"""A studio import's work on the timers lane: each step writes the next chunk of the file it has reached (read from
the byte the last step stopped at), records the rows' new ids, and queues the next; the last marks the import done
and drops its id maps and files. A row that cannot be written ends the import as failed with all it wrote deleted."""

from flask import current_app
from sqlalchemy import delete, select

from ...extensions import db
from ...models import (
    BOOKING_PENDING_APPROVAL,
    BOOKING_PENDING_PAYMENT,
    IMPORT_DONE,
    IMPORT_FAILED,
    IMPORT_RUNNING,
    Booking,
    ImportedClient,
    Pass,
    StudioImport,
    StudioImportId,
    User,
    utcnow,
)
from .. import news, timers
from ..invoices import continue_numbering, recount_revenue
from ..payments import memberships_carried_over
from ..seats import end_imported_holds
from .book_steps import tell_book
from .restore import RowInvalid, write_rows
from .restore_plan import LINKS, ORDER, table_of
from .studio_files import BOOK_FILES, import_dir, read_rows, remove

STEP = timers.StudioImportStep.KIND  # the timers lane's kind
HELD = (BOOKING_PENDING_PAYMENT, BOOKING_PENDING_APPROVAL)  # seats held until a payment or a decision


def queue_step(import_id: int) -> None:
    """The next step of the import, due now, in the caller's unit of work."""
    timers.schedule(timers.StudioImportStep(import_id=import_id, due=utcnow()))


def run_step(step: timers.StudioImportStep) -> None:
    """One step (dispatcher, in its unit of work): a chunk written and the next queued, or the import ended."""
    job = db.session.get(StudioImport, step.import_id, populate_existing=True)
    if job is None or job.status != IMPORT_RUNNING:
        return  # the studio went, or the import ended
    if write_chunk(job, current_app.config["STUDIO_IMPORT_CHUNK_ROWS"]):
        queue_step(job.id)


def step_dead(step: timers.StudioImportStep, error: str) -> None:
    """A step that failed every time it ran (a row the database refused: a check the file breaks): the import ends
    as failed, and all it wrote is deleted."""
    job = db.session.get(StudioImport, step.import_id, populate_existing=True)
    if job is not None and job.status == IMPORT_RUNNING:
        _fail(job, f"A step could not be written ({error[:300]}).")


def write_chunk(job: StudioImport, size: int) -> bool:
    """The next size rows (fewer where a file ends or a credit note names an invoice of the chunk) written: whether
    more are left. A row that cannot be written, or files gone, end the import as failed and undone."""
    if job.files_done == len(ORDER):
        return _announce(job, size)
    if job.files_done > len(ORDER):
        return _book(job, size)
    try:
        name, model = ORDER[job.files_done]
        rows, offset, more_in_file = _read(job, name, size)
        if rows:
            write_rows(job, job.studio_id, name, model, rows)
    except RowInvalid as exc:
        return _fail(job, str(exc))
    except OSError as exc:  # its files went (a cleaned disk)
        return _fail(job, f"The import's files could not be read: {exc.strerror or exc}")
    job.rows_done += len(rows)
    job.written = job.written | {name: job.written.get(name, 0) + len(rows)}
    job.offset = offset if more_in_file else 0
    job.files_done += 0 if more_in_file else 1
    return True


def _announce(job: StudioImport, size: int) -> bool:
    """The next size clients told to the client book (the CRM) as a client import tells it, then the import done:
    only once every file is in, so a failed import told it nothing."""
    if job.offset == 0:
        _settle(job)
    rows = db.session.execute(
        select(StudioImportId.old_id, StudioImportId.new_id)
        .where(StudioImportId.import_id == job.id, StudioImportId.file == "clients", StudioImportId.old_id > job.offset)
        .order_by(StudioImportId.old_id)
        .limit(size)
    ).all()
    people = {user.id: user for user in db.session.scalars(select(User).where(User.id.in_([new for _o, new in rows])))}
    made = select(StudioImportId.new_id).where(StudioImportId.import_id == job.id, StudioImportId.file == "made")
    made_ids = set(db.session.scalars(made.where(StudioImportId.new_id.in_(list(people)))))
    for _old, new in rows:
        news.publish(news.ClientImported(people[new], job.studio_id, new in made_ids))
    if len(rows) == size:
        job.offset = rows[-1].old_id
        return True
    job.files_done, job.offset = job.files_done + 1, 0  # then the client book's files
    return True


def _book(job: StudioImport, size: int) -> bool:
    """The next chunk of the client book's files told to the CRM, then the import done: whether more is left."""
    index = job.files_done - len(ORDER) - 1
    try:
        more = tell_book(job, index, size)
    except OSError as exc:  # its files went: the studio is in, its client book's notes and tags are not
        job.failure = f"The client book's files could not be read: {exc.strerror or exc}"[:500]
        more, index = False, len(BOOK_FILES)
    if more or index + 1 < len(BOOK_FILES):
        job.files_done += 0 if more else 1
        return True
    job.status, job.finished_at = IMPORT_DONE, utcnow()
    db.session.execute(delete(StudioImportId).where(StudioImportId.import_id == job.id))
    remove(job.id)
    return False


def _settle(job: StudioImport) -> None:
    """What the studio's own timers and counters need once its rows are in: its invoice numbers go on after the
    ones it brought, the seats it brought held (for a payment or a decision) get their ends, and its renewing
    memberships their lapse at their period's end (their renewals cannot be charged here)."""
    continue_numbering(job.studio_id)
    recount_revenue(job.studio_id)  # its documents came in as rows: its daily figures are counted from them
    held = select(Booking).where(Booking.id.in_(_written(job, "bookings")), Booking.status.in_(HELD))
    end_imported_holds(list(db.session.scalars(held)))
    renewing = select(Pass).where(Pass.id.in_(_written(job, "passes")), Pass.renews.is_(True))
    memberships_carried_over(db.session.scalars(renewing))


SELF_NAMED = {"invoices": "credits_id", "payments": "surplus_of"}  # a column naming another row of its own file


def _read(job: StudioImport, name: str, size: int) -> tuple[list[dict], int, bool]:
    """(up to size rows of the file from the job's byte, as dicts; the byte after them; whether rows are left)."""
    # A row naming another of its file (a credit note its invoice) is written in the chunk after that row's.
    return read_rows(
        import_dir(job.id) / f"{name}.jsonl", job.offset, size, lambda row, rows: _credits_in_chunk(name, row, rows)
    )


def _credits_in_chunk(name: str, row: dict, rows: list[dict]) -> bool:
    """Whether the row names an earlier row of the chunk (a credit note its invoice, a surplus capture its
    checkout's payment), whose new id is known only once that chunk is written."""
    column = SELF_NAMED.get(name)
    named = row.get(column) if column else None
    return bool(named) and any(earlier["id"] == named for earlier in rows)


def _fail(job: StudioImport, failure: str) -> bool:
    """The import failed: every row it wrote deleted (the newest files first), the accounts it made too."""
    for name, model in reversed(ORDER[1:]):
        first, owner_file = LINKS.get(name, ("id", name))
        written = select(StudioImportId.new_id).where(
            StudioImportId.import_id == job.id, StudioImportId.file == owner_file
        )
        table = table_of(model)
        db.session.execute(delete(table).where(table.c[first].in_(written)))
    for file, model, column in (("book", ImportedClient, ImportedClient.user_id), ("made", User, User.id)):
        added = select(StudioImportId.new_id).where(StudioImportId.import_id == job.id, StudioImportId.file == file)
        statement = delete(model).where(column.in_(added))
        if model is ImportedClient:
            statement = statement.where(ImportedClient.studio_id == job.studio_id)
        db.session.execute(statement, execution_options={"synchronize_session": False})
    db.session.execute(delete(StudioImportId).where(StudioImportId.import_id == job.id))
    job.status, job.finished_at, job.failure = IMPORT_FAILED, utcnow(), _failure_text(failure)
    remove(job.id)
    return False


def _failure_text(failure: str) -> str:
    """The reason, then that nothing was kept, whole: the reason is cut to leave room for the rest."""
    kept = " Nothing it wrote was kept: the studio is as it was before the import."
    return f"{failure[: 500 - len(kept)]}{kept}"


def _written(job: StudioImport, file: str):
    """The ids the import gave one file's rows (a SELECT)."""
    return select(StudioImportId.new_id).where(StudioImportId.import_id == job.id, StudioImportId.file == file)

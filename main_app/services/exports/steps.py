"""A studio export's work on the timers lane, a step at a time: each step writes the next EXPORT_CHUNK_ROWS rows of
one file to a part file of its own (a retried step writes the same part again, never twice), counts its progress
and queues the next; the last joins the parts and a manifest into the ZIP, streamed, so memory stays flat however
large the studio is."""

import csv
import json
import shutil
import zipfile
from datetime import timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import update

from service_kit.spreadsheets import safe_cell

from ...extensions import db
from ...models import (
    EXPORT_FAILED,
    EXPORT_READY,
    EXPORT_RUNNING,
    Studio,
    StudioExport,
    utcnow,
)
from .. import timers
from .book import BOOK_FILES, TRIES, BookUnavailable, book_page
from .tables import BY_NAME, FORMAT, TABLES, VERSION, cell, heading

FILES = [*(table.name for table in TABLES), *BOOK_FILES]  # the export's files, in the order they are written

STEP = timers.ExportStep.KIND  # the timers lane's kind


def folder() -> Path:
    """Where exports are written: EXPORTS_DIR, or the app's instance folder's exports/."""
    return Path(current_app.config["EXPORTS_DIR"] or Path(current_app.instance_path) / "exports")


def zip_path(export_id: int) -> Path:
    return folder() / f"studio-export-{export_id}.zip"


def _parts(export_id: int) -> Path:
    return folder() / f"studio-export-{export_id}.parts"


def queue_step(export_id: int, table: str | None, after: int = 0, part: int = 0, tries: int = 0) -> None:
    """The next step of the export (table None: join the parts), in the caller's unit of work: due now, or after
    a while when it is a page the CRM did not give (tries). A step of the client book names the studio, which
    book_reader() reads it for before the step's transaction."""
    studio_id = db.session.get(StudioExport, export_id).studio_id if table in BOOK_FILES else None
    due = utcnow() + timedelta(seconds=30 * 2**tries) if tries else utcnow()
    timers.schedule(
        timers.ExportStep(
            export_id=export_id, table=table, after=after, part=part, tries=tries, studio_id=studio_id, due=due
        )
    )


def book_reader(config):
    """The timers lane's fetch for export steps: a client book step's page, read from the CRM on the sending
    thread, before the step's transaction (a page, None for a CRM without a book, or the BookUnavailable)."""

    def read(step: timers.ExportStep):
        if step.table not in BOOK_FILES:
            return None
        if step.studio_id is None:  # queued before steps named their studio: asked again, queued anew
            return BookUnavailable("the step names no studio")
        try:
            size = config["EXPORT_CHUNK_ROWS"]
            return book_page(config, step.studio_id, step.table, step.after, size)
        except BookUnavailable as exc:
            return exc

    return read


def run_step(step: timers.ExportStep, fetched=None) -> None:
    """One step (dispatcher, in its unit of work): a chunk of one file, or the ZIP at the end; fetched: what
    book_reader() read for a client book step."""
    job = db.session.get(StudioExport, step.export_id, populate_existing=True)
    if job is None or job.status != EXPORT_RUNNING:
        return  # the studio went, or the export ended: nothing more to write
    try:
        if step.table is None:
            _finish(job)
        elif step.table in BOOK_FILES:
            _write_book_chunk(job, step, fetched)
        else:
            _write_chunk(job, step)
    except OSError as exc:  # a full or unwritable disk: the export ends as failed, the lane goes on
        job.status, job.failure = EXPORT_FAILED, f"The export could not be written: {exc.strerror or exc}"[:500]


def _write_part(job_id: int, name: str, part: int, header: list, rows: list) -> None:
    """One part file of one export file: its header first in part 0, then rows (each a list of cells)."""
    # The part's name holds its rows (a cell may hold a line break, so lines are no count of rows).
    target = _parts(job_id) / f"{FILES.index(name):02d}-{name}-{part:06d}-{len(rows)}.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", newline="", encoding="utf-8") as out:
        # Every cell quoted and guarded, as every download is: the owner may open the files in a spreadsheet.
        writer = csv.writer(out, quoting=csv.QUOTE_ALL)
        if part == 0:
            writer.writerow(header)
        writer.writerows([safe_cell(cell(value)) for value in row] for row in rows)


def _counted(job_id: int, rows: int, new: bool = False) -> None:
    """rows more written (new: rows the count at the start did not know, the client book's)."""
    values = {"rows_done": StudioExport.rows_done + rows}
    if new:
        values["rows_total"] = StudioExport.rows_total + rows
    db.session.execute(update(StudioExport).where(StudioExport.id == job_id).values(**values))


def _after(name: str) -> str | None:
    """The file written after name (None: the ZIP is next)."""
    following = FILES.index(name) + 1
    return FILES[following] if following < len(FILES) else None


def _write_chunk(job: StudioExport, step: timers.ExportStep) -> None:
    """The next chunk of one of this database's files, its progress counted, and the step after it queued."""
    table, size = BY_NAME[step.table], current_app.config["EXPORT_CHUNK_ROWS"]
    rows = db.session.execute(table.page(job.studio_id, step.after, size)).all()
    _write_part(job.id, table.name, step.part, [heading(column.key) for column in table.columns()], rows)
    _counted(job.id, len(rows))
    after = table.next_after(rows, size)
    if after is not None:
        queue_step(job.id, table.name, after, step.part + 1)
    else:
        queue_step(job.id, _after(table.name))


def _write_book_chunk(job: StudioExport, step: timers.ExportStep, page) -> None:
    """The next page of one of the client book's files, as the CRM gave it; asked again later when it gave none,
    TRIES times, then the export fails (the lane is never held waiting)."""
    name = step.table
    if isinstance(page, BookUnavailable):
        tries = step.tries + 1
        if tries >= TRIES:
            job.status, job.failure = EXPORT_FAILED, "The client book (the CRM) did not answer: ask for a new export."
            return
        queue_step(job.id, name, step.after, step.part, tries=tries)
        return
    rows = page["rows"] if page else []
    _write_part(job.id, name, step.part, page["columns"] if page else [], rows)
    _counted(job.id, len(rows), new=True)
    if page and page.get("next_after") is not None:
        queue_step(job.id, name, page["next_after"], step.part + 1)
    else:
        queue_step(job.id, _after(name))


def _header(parts: list) -> list:
    """The columns a file's first part names (none for a file the CRM had no book for)."""
    if not parts:
        return []
    with parts[0].open(newline="", encoding="utf-8") as first:
        return next(csv.reader(first), [])


def _finish(job: StudioExport) -> None:
    """Join each file's parts, in order, and the manifest into the ZIP; the parts go; the export is ready."""
    parts, target = _parts(job.id), zip_path(job.id)
    files = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in FILES:
            found = sorted(parts.glob(f"{FILES.index(name):02d}-{name}-*.csv"))
            with archive.open(f"{name}.csv", "w") as entry:
                for part in found:
                    with part.open("rb") as chunk:
                        shutil.copyfileobj(chunk, entry)
            rows = sum(int(part.stem.rsplit("-", 1)[1]) for part in found)
            files.append({"name": f"{name}.csv", "rows": rows, "columns": _header(found)})
        archive.writestr("manifest.json", json.dumps(_manifest(job, files), indent=2, ensure_ascii=False))
    shutil.rmtree(parts, ignore_errors=True)
    job.status, job.finished_at, job.size, job.file_name = EXPORT_READY, utcnow(), target.stat().st_size, target.name


def _manifest(job: StudioExport, files: list) -> dict:
    """What the ZIP holds: its format and version, the studio, and each file with its columns and rows."""
    studio = db.session.get(Studio, job.studio_id)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": utcnow().isoformat(),
        "studio": {
            "id": studio.id,
            "slug": studio.slug,
            "name": studio.name,
            "currency": studio.currency,
            "timezone": studio.timezone,
        },
        "files": files,
    }

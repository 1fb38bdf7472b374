"""A client import's work on the timers lane: each step writes the next CLIENT_IMPORT_CHUNK_ROWS checked rows from
its file (JSON lines, read from the byte the last step stopped at), counts what they came to, and queues the next;
the last marks the import done and deletes the file. A retried step finds the rows it wrote unchanged."""

import json
from pathlib import Path

from flask import current_app
from sqlalchemy import update

from ...extensions import db
from ...models import (
    IMPORT_DONE,
    IMPORT_FAILED,
    IMPORT_RUNNING,
    ClientImport,
    Studio,
    utcnow,
)
from .. import timers
from .writing import BOOKED, FOUND, MADE, OPENED, REFUSED, UNCHANGED, write_row

STEP = timers.ClientImportStep.KIND  # the timers lane's kind


def rows_path(import_id: int) -> Path:
    """Where an import's checked rows wait: EXPORTS_DIR (or the instance folder's exports/), imports/."""
    base = current_app.config["EXPORTS_DIR"] or Path(current_app.instance_path) / "exports"
    return Path(base) / "imports" / f"client-import-{import_id}.jsonl"


def queue_step(import_id: int, offset: int = 0) -> None:
    """The next step of the import, due now, in the caller's unit of work."""
    timers.schedule(timers.ClientImportStep(import_id=import_id, offset=offset, due=utcnow()))


def run_step(step: timers.ClientImportStep) -> None:
    """One step (dispatcher, in its unit of work): a chunk of rows written, or the import ended."""
    job = db.session.get(ClientImport, step.import_id, populate_existing=True)
    if job is None or job.status != IMPORT_RUNNING:
        return  # the studio went, or the import ended
    try:
        _write_chunk(job, step.offset)
    except FileNotFoundError:
        if job.rows_done >= job.rows_total:  # the last step wrote everything, then its file went: done
            job.status, job.finished_at = IMPORT_DONE, utcnow()
            return
        job.status, job.finished_at, job.failure = IMPORT_FAILED, utcnow(), "The import's rows were deleted."
    except OSError as exc:  # its file went (a cleaned disk): the import ends as failed, the lane goes on
        job.status, job.finished_at = IMPORT_FAILED, utcnow()
        job.failure = f"The import's rows could not be read: {exc.strerror or exc}"[:500]


def _write_chunk(job: ClientImport, offset: int) -> None:
    """The next chunk of rows written and counted, then the next step queued, or the import done."""
    studio, size = db.session.get(Studio, job.studio_id), current_app.config["CLIENT_IMPORT_CHUNK_ROWS"]
    tally = dict.fromkeys(("rows_done", MADE, FOUND, UNCHANGED, REFUSED, OPENED, BOOKED), 0)
    path = rows_path(job.id)
    with path.open("rb") as rows:
        rows.seek(offset)
        for line in iter(rows.readline, b""):
            outcome, made = write_row(studio, job.id, json.loads(line))
            tally["rows_done"] += 1
            tally[outcome] += 1
            if made is not None:
                tally[made] += 1
            if tally["rows_done"] == size:
                break
        offset = rows.tell()
        more = bool(rows.readline())
    counted = {name: getattr(ClientImport, name) + value for name, value in tally.items()}
    db.session.execute(update(ClientImport).where(ClientImport.id == job.id).values(**counted))
    if more:
        queue_step(job.id, offset)
        return
    db.session.execute(
        update(ClientImport).where(ClientImport.id == job.id).values(status=IMPORT_DONE, finished_at=utcnow())
    )
    path.unlink(missing_ok=True)

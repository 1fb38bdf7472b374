"""A studio export's work on the timers lane, a step at a time: each step writes the next EXPORT_CHUNK_ROWS rows of
one file to a part file of its own (a retried step writes the same part again, never twice), counts its progress
and queues the next; the last joins the parts and a manifest into the ZIP, streamed, so memory stays flat however
large the studio is."""

import csv
import json
import shutil
import zipfile
from pathlib import Path

from flask import current_app
from sqlalchemy import update

from ...extensions import db
from ...models import (
    CHANNEL_TIMERS,
    EXPORT_FAILED,
    EXPORT_READY,
    EXPORT_RUNNING,
    OutboxMessage,
    Studio,
    StudioExport,
    utcnow,
)
from .tables import BY_NAME, FORMAT, TABLES, VERSION, cell

STEP = "studio_export_step"  # the timers lane's kind


def folder() -> Path:
    """Where exports are written: EXPORTS_DIR, or the app's instance folder's exports/."""
    return Path(current_app.config["EXPORTS_DIR"] or Path(current_app.instance_path) / "exports")


def zip_path(export_id: int) -> Path:
    return folder() / f"studio-export-{export_id}.zip"


def _parts(export_id: int) -> Path:
    return folder() / f"studio-export-{export_id}.parts"


def queue_step(export_id: int, table: str | None, after: int = 0, part: int = 0) -> None:
    """The next step of the export (table None: join the parts), due now, in the caller's unit of work."""
    payload = {"export_id": export_id, "table": table, "after": after, "part": part}
    db.session.add(OutboxMessage(channel=CHANNEL_TIMERS, type=STEP, payload=payload, next_attempt_at=utcnow()))


def run_step(payload: dict) -> None:
    """One step (dispatcher, in its unit of work): a chunk of one file, or the ZIP at the end."""
    job = db.session.get(StudioExport, payload["export_id"], populate_existing=True)
    if job is None or job.status != EXPORT_RUNNING:
        return  # the studio went, or the export ended: nothing more to write
    try:
        _finish(job) if payload["table"] is None else _write_chunk(job, payload)
    except OSError as exc:  # a full or unwritable disk: the export ends as failed, the lane goes on
        job.status, job.failure = EXPORT_FAILED, f"The export could not be written: {exc.strerror or exc}"[:500]


def _write_chunk(job: StudioExport, payload: dict) -> None:
    """The next chunk of one file, its progress counted, and the step after it queued."""
    table, size = BY_NAME[payload["table"]], current_app.config["EXPORT_CHUNK_ROWS"]
    rows = db.session.execute(table.page(job.studio_id, payload["after"], size)).all()
    # The part's name holds its rows (a cell may hold a line break, so lines are no count of rows).
    target = _parts(job.id) / f"{TABLES.index(table):02d}-{table.name}-{payload['part']:06d}-{len(rows)}.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        if payload["part"] == 0:
            writer.writerow([column.key for column in table.columns()])
        writer.writerows([cell(value) for value in row] for row in rows)
    done = update(StudioExport).where(StudioExport.id == job.id).values(rows_done=StudioExport.rows_done + len(rows))
    db.session.execute(done)
    if len(rows) == size:
        queue_step(job.id, table.name, rows[-1].id, payload["part"] + 1)
    else:
        following = TABLES.index(table) + 1
        queue_step(job.id, TABLES[following].name if following < len(TABLES) else None)


def _finish(job: StudioExport) -> None:
    """Join each file's parts, in order, and the manifest into the ZIP; the parts go; the export is ready."""
    parts, target = _parts(job.id), zip_path(job.id)
    counts = {table.name: 0 for table in TABLES}
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in TABLES:
            with archive.open(f"{table.name}.csv", "w") as entry:
                for part in sorted(parts.glob(f"{TABLES.index(table):02d}-{table.name}-*.csv")):
                    counts[table.name] += int(part.stem.rsplit("-", 1)[1])
                    with part.open("rb") as chunk:
                        shutil.copyfileobj(chunk, entry)
        archive.writestr("manifest.json", json.dumps(_manifest(job, counts), indent=2, ensure_ascii=False))
    shutil.rmtree(parts, ignore_errors=True)
    job.status, job.finished_at, job.size, job.file_name = EXPORT_READY, utcnow(), target.stat().st_size, target.name


def _manifest(job: StudioExport, counts: dict) -> dict:
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
        "files": [
            {"name": f"{table.name}.csv", "rows": counts[table.name], "columns": [c.key for c in table.columns()]}
            for table in TABLES
        ],
    }

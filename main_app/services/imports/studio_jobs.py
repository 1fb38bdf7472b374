"""A studio import asked for: the export uploaded, its manifest checked, its files unpacked and the job queued on the
timers lane (one running import a studio, only into an empty studio), then followed by its progress."""

import secrets
import shutil
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from main_app.services import studios

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import IMPORT_RUNNING, Event, PassProduct, Studio, StudioImport, utcnow
from .restore_plan import ORDER
from .studio_files import import_dir, read_manifest, remove, unpack
from .studio_steps import queue_step, write_chunk

COPY_BYTES = 1 << 20


def start_studio_import(studio: Studio, actor: studios.Actor, body) -> dict:
    """The export in the body (a file object) saved, checked and queued: the job. 400 import_file_invalid, 409
    studio_not_empty or import_running."""
    upload = _save(body)
    try:
        totals = read_manifest(upload)
        with unit_of_work():
            job_id = _claim(studio.id, actor.user_id, sum(totals.values()))
            unpack(upload, import_dir(job_id))
            queue_step(job_id)
            studios.record(studio.id, actor, "studio.imported", ("studio", studio.id), None, {"import_id": job_id})
    finally:
        upload.unlink(missing_ok=True)
    return document(db.session.get(StudioImport, job_id))


def _save(body) -> Path:
    """The uploaded bytes in a file of their own (the body's limit is the route's)."""
    upload = import_dir(0).parent / f"upload-{secrets.token_hex(8)}.zip"
    upload.parent.mkdir(parents=True, exist_ok=True)
    with upload.open("wb") as out:
        shutil.copyfileobj(body, out, COPY_BYTES)
    return upload


def _claim(studio_id: int, owner_id: int, rows_total: int) -> int:
    """The new job's id, once the studio is empty and runs no other import (a partial unique index settles a race)."""
    for model in (Event, PassProduct):
        if db.session.scalar(select(func.count()).select_from(model).where(model.studio_id == studio_id)):
            raise api_error("studio_not_empty")
    insert = pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    values = {"studio_id": studio_id, "requested_by": owner_id, "owner_id": owner_id, "status": IMPORT_RUNNING}
    values |= {"files_done": 0, "offset": 0, "rows_total": rows_total, "rows_done": 0, "written": {}}
    statement = insert(StudioImport).values(**values, created_at=utcnow()).on_conflict_do_nothing()
    job_id = db.session.execute(statement.returning(StudioImport.id)).scalar()
    if job_id is None:
        raise api_error("import_running")
    return job_id


def document(job: StudioImport) -> dict:
    """An import as the API shows it: the file it is writing, its progress and what each file gave."""
    names = ("id", "status", "rows_total", "rows_done", "failure")
    found = {name: getattr(job, name) for name in names}
    return found | {
        "files_done": min(job.files_done, len(ORDER)),  # then the client book is told to the CRM
        "file": ORDER[job.files_done][0] if job.files_done < len(ORDER) and job.status == IMPORT_RUNNING else None,
        "files_total": len(ORDER),
        "written": dict(job.written),
        "created_at": job.created_at.isoformat(),
        "finished_at": job.finished_at and job.finished_at.isoformat(),
    }


def studio_import(studio_id: int, import_id: int) -> dict:
    """One of the studio's studio imports; 404 import_not_found for any other (another studio's looks like none)."""
    job = db.session.get(StudioImport, import_id)
    if job is None or job.studio_id != studio_id:
        raise api_error("import_not_found", import_id=import_id)
    return document(job)


def restore_studio(studio: Studio, owner_id: int, path, chunk: int = 1000) -> dict:
    """The export at path read into the empty studio at once, in the caller's unit of work (the job's steps, one
    after another): {file: rows written}."""
    totals = read_manifest(Path(path))
    job_id = _claim(studio.id, owner_id, sum(totals.values()))
    job = db.session.get(StudioImport, job_id)
    try:
        unpack(Path(path), import_dir(job_id))
        while write_chunk(job, chunk):
            pass
    finally:
        remove(job_id)
    if job.failure:
        raise api_error("import_file_invalid", reason=job.failure)
    return {name: job.written.get(name, 0) for name, _model in ORDER}

"""Asking for a studio's export and taking it: the job is made with its row count (for progress) and its first
step; the one-use link's token is given once, its hash kept; the download is granted by one conditional UPDATE, so
two clicks at once get the file once, and the file goes after it."""

import hashlib
import hmac
import secrets
from datetime import timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select, update

from main_app.services import studios

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import EXPORT_READY, StudioExport, utcnow
from .steps import queue_step, zip_path
from .tables import TABLES


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def document(job: StudioExport, token: str | None = None) -> dict:
    """An export as the API shows it (with its download link when its token is given: once, at the start)."""
    found = {
        "id": job.id,
        "status": job.status,
        "rows_total": job.rows_total,
        "rows_done": job.rows_done,
        "size": job.size,
        "failure": job.failure,
        "created_at": job.created_at.isoformat(),
        "finished_at": job.finished_at and job.finished_at.isoformat(),
        "expires_at": job.expires_at and job.expires_at.isoformat(),
        "downloaded_at": job.downloaded_at and job.downloaded_at.isoformat(),
    }
    if token is not None:
        found["download_url"] = f"{current_app.config['PUBLIC_API_URL']}/exports/{job.id}/download?token={token}"
    return found


def start_export(studio_id: int, actor: studios.Actor) -> dict:
    """A new export of the studio, its first step queued; the answer carries its one-use link."""
    token, now = secrets.token_urlsafe(32), utcnow()
    total = sum(
        db.session.scalar(select(func.count()).select_from(t.model).where(t.of_studio(studio_id))) for t in TABLES
    )
    with unit_of_work():
        job = StudioExport(studio_id=studio_id, requested_by=actor.user_id, rows_total=total, rows_done=0)
        job.token_hash, job.created_at = _hash(token), now
        job.expires_at = now + timedelta(hours=current_app.config["EXPORT_LINK_HOURS"])
        db.session.add(job)
        db.session.flush()
        queue_step(job.id, TABLES[0].name)
        studios.record(studio_id, actor, "studio.exported", ("studio", studio_id), None, {"export_id": job.id})
    return document(job, token)


def studio_export(studio_id: int, export_id: int) -> dict:
    """One of the studio's exports; 404 export_not_found for any other (another studio's looks like none)."""
    job = db.session.get(StudioExport, export_id)
    if job is None or job.studio_id != studio_id:
        raise api_error("export_not_found", export_id=export_id)
    return document(job)


def take_download(export_id: int, token: str) -> Path:
    """The export's file, for the one request whose token is right while the link works: 404 export_not_found
    (no such export, or a wrong token), 409 export_not_ready, 410 export_link_used or export_link_expired."""
    job = db.session.get(StudioExport, export_id)
    if job is None or not hmac.compare_digest(job.token_hash or "", _hash(token)):
        raise api_error("export_not_found", export_id=export_id)
    if job.downloaded_at is not None:
        raise api_error("export_link_used")
    if job.expires_at <= utcnow():
        raise api_error("export_link_expired")
    if job.status != EXPORT_READY:
        raise api_error("export_not_ready")
    if not zip_path(export_id).is_file():  # its file went (a cleaned disk): the link is not spent on nothing
        raise api_error("export_link_expired")
    with unit_of_work():
        taken = db.session.execute(
            update(StudioExport)
            .where(StudioExport.id == export_id, StudioExport.downloaded_at.is_(None))
            .values(downloaded_at=utcnow())
        )
    if taken.rowcount != 1:  # another click took it first
        raise api_error("export_link_used")
    return zip_path(export_id)

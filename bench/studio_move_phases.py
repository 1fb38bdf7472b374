"""The studio-move benchmark's phases, each run in a process of its own (bench/studio_move.py starts them): seed,
the app alone, the export, the client import. Each answers a dict; peak_mb is the process's peak resident memory."""

import csv
import io
import json
import resource
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade
from studio_move_data import PACK, seed_studio
from werkzeug.serving import make_server

from crm_microservice import create_app as create_crm_app
from main_app import MIGRATIONS_DIR, create_app
from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import CHANNEL_TIMERS, PassProduct, Studio, StudioExport, User
from main_app.services import exports, imports, studios

TOKEN = "bench-studio-move-service-token-0123456789"  # the CRM's service token, both sides


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _app(url: str, workdir: Path, crm_url: str = "http://127.0.0.1:9"):
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "EXPORTS_DIR": str(workdir / "files"),
            "CRM_BASE_URL": crm_url,
            "CRM_AUTH_TOKEN": TOKEN,
            "CRM_TIMEOUT": 30.0,
            "CLIENT_IMPORT_MAX_ROWS": 1_000_000,
        }
    )


def _drain(app) -> None:
    """Run the timers lane until nothing is due: the export's or the import's steps, in this process."""
    with app.app_context():
        lane = build_dispatcher(app.config, channel=CHANNEL_TIMERS)
        try:
            while lane.run_once() and not lane.down:
                pass
        finally:
            lane.close()


def seed(url: str, workdir: Path, size: int) -> dict:
    app = _app(url, workdir)
    with app.app_context():
        upgrade(directory=MIGRATIONS_DIR)
    found = seed_studio(app, size)
    (workdir / "seed.json").write_text(json.dumps(found))
    return found


def baseline(url: str, workdir: Path, _size: int) -> dict:
    app = _app(url, workdir)
    with app.app_context():
        db.session.execute(sa.select(sa.func.count()).select_from(User)).scalar()
    return {"peak_mb": _peak_mb()}


def _served_crm(workdir: Path):
    """The real CRM on its JSON file store (no client book: the book's files come out empty), on a loopback port."""
    crm = create_crm_app(
        {
            "CRM_STORAGE": "json",
            "CRM_AUTH_TOKEN": TOKEN,
            "JWT_SECRET_KEY": "bench-jwt-secret-0123456789abcdef",
            "CRM_LOG_FILE": str(workdir / "crm.log"),
            "NOTIFICATION_LOG_FILE": str(workdir / "notifications.json"),
        }
    )
    server = make_server("127.0.0.1", 0, crm, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def export(url: str, workdir: Path, _size: int) -> dict:
    seeded = json.loads((workdir / "seed.json").read_text())
    server = _served_crm(workdir)
    app = _app(url, workdir, f"http://127.0.0.1:{server.server_port}")
    started = time.perf_counter()
    with app.app_context():
        actor = studios.Actor(seeded["owner_id"], "owner", None)
        job_id = exports.start_export(seeded["studio_id"], actor)["id"]
    _drain(app)
    seconds = time.perf_counter() - started
    server.shutdown()
    with app.app_context():
        job = db.session.get(StudioExport, job_id)
        assert job.status == "ready", job.failure
        path = Path(app.config["EXPORTS_DIR"]) / job.file_name
        (workdir / "export.json").write_text(json.dumps({"zip": str(path)}))
        return {"seconds": seconds, "rows": job.rows_total, "zip_bytes": path.stat().st_size, "peak_mb": _peak_mb()}


def _clients_file(app, studio_id: int) -> str:
    """The studio's clients as Mindbody's Client Export writes them, each with seven credits of the pack left."""
    ends = (datetime.now(UTC).date() + timedelta(days=60)).strftime("%m/%d/%Y")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Client ID", "First Name", "Last Name", "Email", "Mobile Phone", "Pricing Option", "Remaining",
                     "Expiration Date"])  # fmt: skip
    with app.app_context():
        people = db.session.execute(
            sa.select(User.id, User.name, User.email, User.phone).where(User.role == "user").order_by(User.id)
        )
        for user_id, name, email, phone in people:
            first, last = name.split(" ", 1)
            writer.writerow([user_id, first, last, email, phone, PACK["name"], 7, ends])
    return out.getvalue()


def _new_studio(app, owner_id: int) -> Studio:
    """An empty studio of the owner's with the same pack on sale: where the clients are imported."""
    with app.app_context(), unit_of_work():
        studio = Studio(name="Moved Studio", slug="moved-studio", timezone="UTC", currency="INR")
        db.session.add(studio)
        db.session.flush()
        product = PACK | {"facilitator_id": owner_id, "studio_id": studio.id, "currency": "INR"}
        db.session.add(PassProduct(**product))
        return studio.id


def import_clients(url: str, workdir: Path, _size: int) -> dict:
    seeded = json.loads((workdir / "seed.json").read_text())
    app = _app(url, workdir)
    text = _clients_file(app, seeded["studio_id"])
    studio_id = _new_studio(app, seeded["owner_id"])
    actor = studios.Actor(seeded["owner_id"], "owner", None)
    timings = {}
    for label in ("check", "import", "again"):
        started = time.perf_counter()
        with app.app_context():
            studio = db.session.get(Studio, studio_id)
            if label == "check":
                imports.dry_run(studio, {"csv": text})
            else:
                imports.start_import(studio, actor, {"csv": text})
        if label != "check":
            _drain(app)
        timings[f"{label}_seconds"] = time.perf_counter() - started
    return timings | {"peak_mb": _peak_mb()}


def prepare_restore(url: str, workdir: Path, _size: int) -> dict:
    """The second install: migrated, with an owner and their empty studio (apart, so the restore's peak is its own)."""
    app = _app(url, workdir)
    with app.app_context():
        upgrade(directory=MIGRATIONS_DIR)
    with app.app_context(), unit_of_work():
        owner = User(name="New Owner", email="owner@moved.example.com", role="facilitator", password_hash="!")
        studio = Studio(name="Moved Studio", slug="moved-studio", timezone="UTC", currency="INR")
        db.session.add_all([owner, studio])
        db.session.flush()
        (workdir / "moved.json").write_text(json.dumps({"studio_id": studio.id, "owner_id": owner.id}))
    return {}


def restore(url: str, workdir: Path, _size: int) -> dict:
    """The export read back into the second install's empty studio, in one unit of work."""
    app = _app(url, workdir)
    zip_path = Path(json.loads((workdir / "export.json").read_text())["zip"])
    moved = json.loads((workdir / "moved.json").read_text())
    started = time.perf_counter()
    with app.app_context(), unit_of_work():
        written = imports.restore_studio(db.session.get(Studio, moved["studio_id"]), moved["owner_id"], zip_path)
    return {"seconds": time.perf_counter() - started, "rows": sum(written.values()), "peak_mb": _peak_mb()}


def run_phase(phase: str, url: str, workdir: Path, size: int) -> dict:
    """One phase's answer."""
    phases = {"seed": seed, "baseline": baseline, "export": export, "import": import_clients}
    phases |= {"prepare_restore": prepare_restore, "restore": restore}
    return phases[phase](url, workdir, size)

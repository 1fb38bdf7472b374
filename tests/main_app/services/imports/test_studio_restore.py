"""A studio's export read back into an empty studio of another install round-trips: exported again there, every file
holds the same rows once each id is read as the position of the row it names (the staff an export names, who are
not in it, are the importing owner there), and the money and ledger checks balance on the new install."""

import csv
import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from demo_history import make_history
from invoice_checks import book_and_pay
from money_check import money_disagreements
from plugins.main_api import TEST_SETTINGS
from sqlalchemy import func, select

from main_app import create_app
from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import (
    CHANNEL_TIMERS,
    ROLE_FACILITATOR,
    Event,
    EventSession,
    Pass,
    PassLedgerEntry,
    Studio,
    StudioExport,
    StudioMember,
    User,
)
from main_app.services import exports, studios
from main_app.services.exports.tables import TABLES
from main_app.services.imports.restore import restore_studio
from main_app.services.imports.restore_plan import (
    DROPPED,
    FILE_OF_TABLE,
    NAMED_IDS,
    ORDER,
    REFUND_REFS,
)
from main_app.services.imports.restore_plan import (
    LISTS_OF_IDS as LISTS,
)
from service_kit.errors import APIError


@pytest.fixture
def crm(real_crm):
    return real_crm()


@pytest.fixture
def app(make_app, tmp_path, crm):
    return make_app(EXPORT_CHUNK_ROWS=2, EXPORTS_DIR=str(tmp_path / "exports"), CRM_BASE_URL=crm.url, CRM_TIMEOUT=30.0)


@pytest.fixture
def moved(db_backend, make_database_url, tmp_path, crm):
    """The install the studio moves to: its own database, exports in their own folder."""
    url = make_database_url(db_backend, "moved", template="main")
    settings = {"EXPORTS_DIR": str(tmp_path / "moved-exports"), "CRM_BASE_URL": crm.url, "CRM_TIMEOUT": 30.0}
    settings |= {"MAIL_FOLDER": str(tmp_path / "moved-mail"), "SQLALCHEMY_DATABASE_URI": url}
    moved = create_app({**TEST_SETTINGS, **settings})
    yield moved
    with moved.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def demo(db_backend, make_database_url, tmp_path, crm):
    """An install with the demo data: its studios' events, sessions, bookings, passes and codes."""
    demo = _install(make_database_url(db_backend, "demo", template="main-demo"), tmp_path / "demo", crm)
    yield demo
    with demo.app_context():
        db.session.remove()
        db.engine.dispose()


def _install(url: str, folder: Path, crm):
    settings = {"EXPORTS_DIR": str(folder / "exports"), "CRM_BASE_URL": crm.url, "CRM_TIMEOUT": 30.0}
    return create_app(
        {**TEST_SETTINGS, **settings, "MAIL_FOLDER": str(folder / "mail"), "SQLALCHEMY_DATABASE_URI": url}
    )


def _balanced(app) -> None:
    """The money checks on an install: payment plans agree with their money, packs with their ledgers."""
    assert money_disagreements(app) == []
    with app.app_context():
        summed = select(func.coalesce(func.sum(PassLedgerEntry.credits), 0)).where(PassLedgerEntry.pass_id == Pass.id)
        packs = db.session.execute(select(Pass.credits_left, summed.scalar_subquery())).all()
        db.session.rollback()
    assert all(left == total for left, total in packs if left is not None)


def _drain_timers(app) -> None:
    with app.app_context():
        lane = build_dispatcher(app.config, channel=CHANNEL_TIMERS)
        try:
            while lane.run_once() and not lane.down:
                pass
        finally:
            lane.close()


def _export(app, studio_id: int, actor_id: int) -> Path:
    """The studio's export, written by the app's timers lane: the ZIP's path."""
    with app.app_context():
        job = exports.start_export(studio_id, studios.Actor(actor_id, "owner", None))
    _drain_timers(app)
    with app.app_context():
        done = db.session.get(StudioExport, job["id"])
        assert done.status == "ready", done.failure
        return Path(app.config["EXPORTS_DIR"]) / done.file_name


def _target(name: str, column) -> str | None:
    """The file a column's ids are of ("studio": the studio's own), as the format's description says."""
    for key in column.foreign_keys:
        return "studio" if key.column.table.name == "studios" else FILE_OF_TABLE.get(key.column.table.name)
    return NAMED_IDS.get((name, column.key)) or LISTS.get((name, column.key))


def _canonical(path: Path) -> dict:
    """Every restored file's rows with each id read as the position of the row it names in its file ("staff" for
    a person the export does not hold); the columns this format does not carry left out."""
    with zipfile.ZipFile(path) as archive:
        files = {name: _read(archive, name) for name, _model in ORDER}
    rank = {name: {row["id"]: n for n, row in enumerate(rows)} for name, rows in files.items()}
    found = {}
    for name, model in ORDER:
        targets = {column.key: _target(name, column) for column in model.__table__.columns}
        found[name] = [_canonical_row(name, row, targets, rank) for row in files[name]]
    return found


def _canonical_row(name: str, row: dict, targets: dict, rank: dict) -> dict:
    canon = {}
    for key, value in row.items():
        target = REFUND_REFS.get(row.get("refund_kind")) if key == "refund_ref" else targets.get(key)
        if (name, key) in DROPPED or not value:
            canon[key] = value if (name, key) not in DROPPED else None
        elif key == "id":
            canon[key] = rank[name][value]
        elif (name, key) in LISTS:
            canon[key] = [rank["events"][str(old)] for old in json.loads(value)]
        elif target == "studio":
            canon[key] = "studio"
        elif target is not None:
            canon[key] = rank[target].get(value, "staff")
        else:
            canon[key] = value
    return canon


def _read(archive: zipfile.ZipFile, name: str) -> list[dict]:
    rows = csv.DictReader(io.StringIO(archive.read(f"{name}.csv").decode("utf-8")))
    return sorted(rows, key=lambda row: int(row["id"]))


def _new_studio(app, tag: str = "moved") -> tuple[int, int]:
    """An empty studio of a new owner on the app's install: (studio id, owner id)."""
    with app.app_context(), unit_of_work():
        owner = User(name="New Owner", email=f"owner@{tag}.example.com", role=ROLE_FACILITATOR, password_hash="!")
        studio = Studio(name=f"Studio {tag}", slug=f"studio-{tag}", timezone="Asia/Kolkata", currency="INR")
        db.session.add_all([owner, studio])
        db.session.flush()
        return studio.id, owner.id


def _restore(app, studio_id: int, owner_id: int, path: Path) -> dict:
    with app.app_context(), unit_of_work():
        return restore_studio(db.session.get(Studio, studio_id), owner_id, path)


def test_a_studio_moved_to_another_install_exports_the_same_rows(
    app, moved, client, priya, make_session, make_user, client_for
):
    session = make_session(capacity=10, starts_in=timedelta(days=3), price=50_000, facilitator_id=priya.id)
    for n in range(3):
        book_and_pay(client, client_for(make_user(name=f"Client {n}", email=f"client{n}@example.com")), session.id)
    with app.app_context():
        studio_id = db.session.scalar(
            select(Event.studio_id)
            .join(EventSession, EventSession.event_id == Event.id)
            .where(EventSession.id == session.id)
        )
    first = _export(app, studio_id, priya.id)

    new_studio, owner = _new_studio(moved)
    written = _restore(moved, new_studio, owner, first)
    assert (written["clients"], written["bookings"], written["payments"], written["invoices"]) == (3, 3, 3, 3)
    second = _export(moved, new_studio, owner)

    assert _canonical(second) == _canonical(first)
    _balanced(moved)


def test_every_demo_studio_round_trips_with_its_passes_codes_and_history(demo, moved):
    with demo.app_context():
        owned = db.session.execute(
            select(StudioMember.studio_id, StudioMember.user_id)
            .where(StudioMember.role == "owner")
            .order_by(StudioMember.id)
        ).all()
    assert len(owned) >= 3
    for n, (studio_id, owner_id) in enumerate(owned):
        first = _export(demo, studio_id, owner_id)
        new_studio, owner = _new_studio(moved, f"demo{n}")
        written = _restore(moved, new_studio, owner, first)
        assert written["events"] > 0, written
        assert _canonical(_export(moved, new_studio, owner)) == _canonical(first), studio_id
    _balanced(moved)


def test_a_demo_studio_with_a_history_round_trips(demo, moved):
    studio_id = make_history(demo)
    with demo.app_context():
        owner_id = db.session.scalar(select(StudioMember.user_id).where(StudioMember.studio_id == studio_id))
    first = _export(demo, studio_id, owner_id)
    new_studio, owner = _new_studio(moved)
    written = _restore(moved, new_studio, owner, first)
    for name in ("passes", "pass_ledger", "codes", "code_uses", "booking_guests", "payments"):
        assert written[name] > 0, (name, written)
    assert written["invoices"] >= 3, written  # the pack's, the booking's, and its credit note
    assert _canonical(_export(moved, new_studio, owner)) == _canonical(first)
    _balanced(demo)
    _balanced(moved)


def test_an_export_goes_only_into_an_empty_studio_and_only_this_format(app, moved, priya, make_session, tmp_path):
    make_session(capacity=10, starts_in=timedelta(days=3), facilitator_id=priya.id)
    with app.app_context():
        studio_id = db.session.scalar(select(Studio.id).order_by(Studio.id.desc()))
    exported = _export(app, studio_id, priya.id)
    new_studio, owner = _new_studio(moved)
    _restore(moved, new_studio, owner, exported)
    with pytest.raises(APIError) as refused:
        _restore(moved, new_studio, owner, exported)
    assert (refused.value.status, refused.value.code) == (409, "studio_not_empty")
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("manifest.json", json.dumps({"format": "someone-else", "version": 1}))
    second_studio, _owner = _new_studio(moved, "second")
    with pytest.raises(APIError) as refused:
        _restore(moved, second_studio, owner, other)
    assert (refused.value.status, refused.value.code) == (400, "import_file_invalid")


def test_the_restore_reads_every_database_file_of_the_export_with_its_model():
    """A file the export gains is written back too: the restore's order names each of the export's own tables."""
    assert {name: model for name, model in ORDER} == {table.name: table.model for table in TABLES}

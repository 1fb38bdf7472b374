"""A studio's export read back into an empty studio of another install round-trips: exported again there, every file
holds the same rows once each id is read as the position of the row it names (the staff an export names, who are
not in it, are the importing owner there), and the money and ledger checks balance on the new install."""

import json
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from demo_history import make_history
from invoice_checks import book_and_pay
from plugins.main_api import TEST_SETTINGS
from sqlalchemy import select
from studio_moves import balanced, canonical, export

from main_app import create_app
from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import (
    ROLE_FACILITATOR,
    Event,
    EventSession,
    Studio,
    StudioMember,
    User,
)
from main_app.services.exports.tables import TABLES
from main_app.services.imports import restore_studio
from main_app.services.imports.restore_plan import (
    ORDER,
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
    first = export(app, studio_id, priya.id)

    new_studio, owner = _new_studio(moved)
    written = _restore(moved, new_studio, owner, first)
    assert (written["clients"], written["bookings"], written["payments"], written["invoices"]) == (3, 3, 3, 3)
    second = export(moved, new_studio, owner)

    assert canonical(second) == canonical(first)
    balanced(moved)


def test_every_demo_studio_round_trips_with_its_passes_codes_and_history(demo, moved):
    with demo.app_context():
        owned = db.session.execute(
            select(StudioMember.studio_id, StudioMember.user_id)
            .where(StudioMember.role == "owner")
            .order_by(StudioMember.id)
        ).all()
    assert len(owned) >= 3
    for n, (studio_id, owner_id) in enumerate(owned):
        first = export(demo, studio_id, owner_id)
        new_studio, owner = _new_studio(moved, f"demo{n}")
        written = _restore(moved, new_studio, owner, first)
        assert written["events"] > 0, written
        assert canonical(export(moved, new_studio, owner)) == canonical(first), studio_id
    balanced(moved)


def test_a_demo_studio_with_a_history_round_trips(demo, moved):
    studio_id = make_history(demo)
    with demo.app_context():
        owner_id = db.session.scalar(select(StudioMember.user_id).where(StudioMember.studio_id == studio_id))
    first = export(demo, studio_id, owner_id)
    new_studio, owner = _new_studio(moved)
    written = _restore(moved, new_studio, owner, first)
    for name in ("passes", "pass_ledger", "pass_product_events", "codes", "code_uses", "booking_guests", "payments"):
        assert written[name] > 0, (name, written)
    assert written["invoices"] >= 3, written  # the pack's, the booking's, and its credit note
    assert canonical(export(moved, new_studio, owner)) == canonical(first)
    balanced(demo)
    balanced(moved)


def test_an_export_goes_only_into_an_empty_studio_and_only_this_format(app, moved, priya, make_session, tmp_path):
    make_session(capacity=10, starts_in=timedelta(days=3), facilitator_id=priya.id)
    with app.app_context():
        studio_id = db.session.scalar(select(Studio.id).order_by(Studio.id.desc()))
    exported = export(app, studio_id, priya.id)
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

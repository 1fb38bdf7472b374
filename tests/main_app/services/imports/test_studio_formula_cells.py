"""A studio export's CSV cells are spreadsheet-safe like every other download (no cell starts a formula, at its
start or after a separator), and the studio import reads each back exactly as it was."""

import csv
import io
import re
import zipfile
from datetime import timedelta

import pytest
from invoice_checks import book_and_pay
from plugins.main_api import TEST_SETTINGS
from sqlalchemy import select
from studio_moves import canonical, drain_lane, export

from crm_microservice.database import unit_of_work as crm_unit_of_work
from crm_microservice.extensions import db as crm_db
from crm_microservice.models import Client as CrmClient
from crm_microservice.models import ClientNote
from main_app import create_app
from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import CHANNEL_CRM, ROLE_FACILITATOR, Event, Studio, User, utcnow
from main_app.services.imports import restore_studio

pytestmark = pytest.mark.both_databases

NAME = '=HYPERLINK("http://evil.example","Click me")'
TITLE, LOCATION = "+91 Morning Flow", "@home; -1 floor"
NOTE = "-2 knees;=1+1\n@follow up 'quoted'"
# A formula a spreadsheet would run: one at a cell's start, or after a separator (and blanks) inside it.
RUNS = re.compile(r"[,;\t\r\n]\s*[=+\-@]|^[=+\-@\t\r]")


@pytest.fixture
def crm(real_crm):
    return real_crm()


@pytest.fixture
def app(make_app, tmp_path, crm):
    return make_app(EXPORT_CHUNK_ROWS=2, EXPORTS_DIR=str(tmp_path / "exports"), CRM_BASE_URL=crm.url, CRM_TIMEOUT=30.0)


@pytest.fixture
def moved(db_backend, make_database_url, tmp_path, crm):
    """The install the studio moves to: its own database, exports in their own folder, the same CRM."""
    url = make_database_url(db_backend, "moved", template="main")
    settings = {"EXPORTS_DIR": str(tmp_path / "moved-exports"), "CRM_BASE_URL": crm.url, "CRM_TIMEOUT": 30.0}
    moved = create_app({**TEST_SETTINGS, **settings, "SQLALCHEMY_DATABASE_URI": url})
    yield moved
    with moved.app_context():
        db.session.remove()
        db.engine.dispose()


def _cells(path) -> list[str]:
    """Every cell of every CSV file of an export (headers too)."""
    with zipfile.ZipFile(path) as archive:
        names = [name for name in archive.namelist() if name.endswith(".csv")]
        return [
            text
            for name in names
            for row in csv.reader(io.StringIO(archive.read(name).decode("utf-8"), newline=""))
            for text in row
        ]


def _studio_written_with_formulas(app, client, crm, priya, make_session, make_user, client_for, drainer) -> int:
    """priya's studio, its event titled and placed like formulas, a client named like one and a note written like
    one in its client book: the studio's id."""
    session = make_session(capacity=10, starts_in=timedelta(days=3), price=50_000, facilitator_id=priya.id)
    book_and_pay(client, client_for(make_user(name=NAME, email="formula@example.com")), session.id)
    with app.app_context(), unit_of_work():
        event = db.session.get(Event, session.event_id)
        event.title, event.location, studio_id = TITLE, LOCATION, event.studio_id
    drainer("crm")()
    with crm.app.app_context(), crm_unit_of_work():
        booked = crm_db.session.scalar(select(CrmClient).where(CrmClient.studio_id == studio_id))
        crm_db.session.add(
            ClientNote(client_id=booked.id, author_id=1, author_name="@Priya", text=NOTE, created_at=utcnow())
        )
    return studio_id


def test_formula_cells_are_guarded_in_the_export_and_read_back_exactly(
    app, moved, client, crm, priya, make_session, make_user, client_for, drainer
):
    studio_id = _studio_written_with_formulas(app, client, crm, priya, make_session, make_user, client_for, drainer)
    first = export(app, studio_id, priya.id)

    cells = _cells(first)
    assert [text for text in cells if RUNS.search(text)] == []
    assert {f"'{NAME}", f"'{TITLE}", "'@home; '-1 floor", "'@Priya"} <= set(cells)

    with moved.app_context(), unit_of_work():
        owner = User(name="New Owner", email="owner@moved.example.com", role=ROLE_FACILITATOR, password_hash="!")
        studio = Studio(name="Moved", slug="studio-moved", timezone="Asia/Kolkata", currency="INR")
        studio.id = studio_id + 9000  # one CRM hears both installs
        db.session.add_all([owner, studio])
        db.session.flush()
        new_studio, owner_id = studio.id, owner.id
        restore_studio(studio, owner_id, first)
    drain_lane(moved, CHANNEL_CRM)

    with moved.app_context():
        assert db.session.execute(select(Event.title, Event.location)).all() == [(TITLE, LOCATION)]
        assert db.session.scalar(select(User.name).where(User.email == "formula@example.com")) == NAME
    with crm.app.app_context():
        notes = select(ClientNote.text, ClientNote.author_name).join(CrmClient, CrmClient.id == ClientNote.client_id)
        assert crm_db.session.execute(notes.where(CrmClient.studio_id == new_studio)).all() == [(NOTE, "@Priya")]
    assert canonical(export(moved, new_studio, owner_id)) == canonical(first)

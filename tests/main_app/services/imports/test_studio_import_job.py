"""The studio import as an owner runs it: the export uploaded to an empty studio, written a few rows a step on the
timers lane with its id maps in the database, followed to done; it exports again the same rows. A row that cannot be
written undoes the whole import; any other file, another role, a studio with events or a second upload is refused."""

import csv
import io
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from invoice_checks import book_and_pay
from plugins.main_api import TEST_SETTINGS
from sqlalchemy import func, select
from studio_moves import balanced, canonical, drain_lane, export

from main_app import create_app
from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import (
    CHANNEL_CRM,
    ROLE_FACILITATOR,
    Booking,
    Event,
    EventSession,
    ImportedClient,
    OutboxMessage,
    StudioImportId,
    StudioInvoicing,
    StudioMember,
    User,
)
from main_app.security import issue_token

pytestmark = pytest.mark.both_databases

ZIP = {"Content-Type": "application/zip"}
NEW_STUDIO = {"name": "Moved Yoga", "timezone": "Asia/Kolkata", "currency": "INR", "country": "IN"}


@pytest.fixture
def app(make_app, tmp_path, real_crm):
    crm = real_crm()
    settings = {"EXPORT_CHUNK_ROWS": 2, "STUDIO_IMPORT_CHUNK_ROWS": 2, "EXPORTS_DIR": str(tmp_path / "files")}
    return make_app(**settings, CRM_BASE_URL=crm.url, CRM_TIMEOUT=30.0)


@pytest.fixture
def exported(app, client, priya, make_session, make_user, client_for) -> Path:
    """Priya's studio with three paid bookings and a seat held for its payment, exported."""
    session = make_session(capacity=10, starts_in=timedelta(days=3), price=50_000, facilitator_id=priya.id)
    for n in range(3):
        book_and_pay(client, client_for(make_user(name=f"Client {n}", email=f"client{n}@example.com")), session.id)
    held = client_for(make_user(name="Late Payer", email="late@example.com")).post(
        "/book", json={"session_id": session.id}
    )
    assert held.status_code == 201 and held.get_json()["status"] == "pending_payment", held.get_json()
    with app.app_context():
        studio_id = db.session.scalar(
            select(Event.studio_id)
            .join(EventSession, EventSession.event_id == Event.id)
            .where(EventSession.id == session.id)
        )
    return export(app, studio_id, priya.id)


@pytest.fixture
def empty(app, make_user, client_for):
    """An empty studio its new owner made through the API: (slug, id, the owner's client, the owner)."""
    owner = make_user(role=ROLE_FACILITATOR, name="New Owner", email="owner@moved.example.com")
    owner_client = client_for(owner)
    made = owner_client.post("/api/studios", json=NEW_STUDIO)
    assert made.status_code == 201, made.get_json()
    return made.get_json()["slug"], made.get_json()["id"], owner_client, owner


def _rewritten(path: Path, target: Path, name: str, change) -> Path:
    """A copy of the export with change(rows) applied to one file's rows (dicts)."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.namelist():
            data = source.read(item)
            if item == f"{name}.csv":
                rows = list(csv.DictReader(io.StringIO(data.decode())))
                out = io.StringIO()
                writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
                writer.writeheader()
                writer.writerows(change(rows))
                data = out.getvalue().encode()
            copy.writestr(item, data)
    return target


def _post(owner_client, slug: str, path: Path):
    return owner_client.post(f"/api/studios/{slug}/studio-imports", data=path.read_bytes(), headers=ZIP)


@pytest.fixture
def moved(db_backend, make_database_url, tmp_path, app):
    """The install the studio moves to (its own database and folder), with an empty studio its owner made through
    its API: (the install, slug, studio id, the owner's client, the owner's id)."""
    url = make_database_url(db_backend, "moved", template="main")
    settings = {"EXPORTS_DIR": str(tmp_path / "moved-files"), "MAIL_FOLDER": str(tmp_path / "moved-mail")}
    settings |= {"STUDIO_IMPORT_CHUNK_ROWS": 2, "EXPORT_CHUNK_ROWS": 2, "SQLALCHEMY_DATABASE_URI": url}
    moved = create_app({**TEST_SETTINGS, **settings, "CRM_BASE_URL": app.config["CRM_BASE_URL"], "CRM_TIMEOUT": 30.0})
    with moved.app_context():
        with unit_of_work():
            owner = User(name="New Owner", email="owner@moved.example.com", role=ROLE_FACILITATOR, password_hash="!")
            db.session.add(owner)
        owner_client = moved.test_client()
        owner_client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {issue_token(owner)}"
        owner_id = owner.id
    made = owner_client.post("/api/studios", json=NEW_STUDIO)
    assert made.status_code == 201, made.get_json()
    yield moved, made.get_json()["slug"], made.get_json()["id"], owner_client, owner_id
    with moved.app_context():
        db.session.remove()
        db.engine.dispose()


def test_an_owner_imports_an_export_step_by_step_and_it_exports_the_same_rows(exported, moved):
    app, slug, studio_id, owner_client, owner_id = moved
    started = _post(owner_client, slug, exported)
    assert started.status_code == 202, started.get_json()
    job = started.get_json()
    assert (job["status"], job["file"], job["files_done"]) == ("running", "clients", 0)
    drain_lane(app)

    done = owner_client.get(f"/api/studios/{slug}/studio-imports/{job['id']}").get_json()
    assert (done["status"], done["file"], done["failure"]) == ("done", None, None)
    assert done["rows_done"] == done["rows_total"] == sum(done["written"].values())
    assert (done["written"]["bookings"], done["written"]["invoices"]) == (4, 3)
    assert canonical(export(app, studio_id, owner_id)) == canonical(exported)
    balanced(app)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(StudioImportId)) == 0  # the maps went with it
        told = select(func.count()).where(OutboxMessage.channel == CHANNEL_CRM, OutboxMessage.type == "client_imported")
        assert db.session.scalar(told) == done["written"]["clients"] == 4  # the client book hears of each client
        numbers = db.session.execute(select(StudioInvoicing.next_invoice, StudioInvoicing.next_credit_note)).one()
        assert tuple(numbers) == (4, 1)  # the next invoice after the three it brought
        held = select(Booking.id).where(Booking.status == "pending_payment")
        ends = select(OutboxMessage.booking_id).where(OutboxMessage.type == "hold_expiry")
        assert list(db.session.scalars(ends)) == list(db.session.scalars(held)) != []  # the held seat ends here
    assert not list((Path(app.config["EXPORTS_DIR"]) / "imports").iterdir())


def test_a_made_account_takes_no_role_and_no_verified_phone_from_the_file(exported, moved, tmp_path):
    app, slug, _studio_id, owner_client, _owner_id = moved

    def claims(rows):
        forged = {"role": "admin", "phone": "+919812345678", "sms_enabled": "true"}
        forged |= {"phone_verified_at": "2026-01-01T00:00:00+00:00", "email": "Forged@Example.com"}
        return [*rows, {**rows[0], "id": "900002", "name": "Forged", **forged}]

    job = _post(owner_client, slug, _rewritten(exported, tmp_path / "forged.zip", "clients", claims)).get_json()
    drain_lane(app)
    assert owner_client.get(f"/api/studios/{slug}/studio-imports/{job['id']}").get_json()["status"] == "done"
    with app.app_context():
        made = db.session.scalar(select(User).where(User.email == "forged@example.com"))
        assert (made.role, made.sms_enabled, made.phone_verified_at, made.phone) == (
            "user",
            False,
            None,
            "+919812345678",
        )


def test_a_studio_numbering_by_financial_year_goes_on_after_the_year_it_brought(exported, moved, tmp_path):
    app, slug, studio_id, owner_client, _owner_id = moved

    def by_year(rows):
        return [{**row, "formatted_number": f"SY/25-26/{int(row['number']):06d}"} for row in rows]

    job = _post(owner_client, slug, _rewritten(exported, tmp_path / "by-year.zip", "invoices", by_year)).get_json()
    drain_lane(app)
    assert owner_client.get(f"/api/studios/{slug}/studio-imports/{job['id']}").get_json()["status"] == "done"
    with app.app_context():
        counters = select(StudioInvoicing.invoice_series, StudioInvoicing.next_invoice_in_series)
        counts = db.session.execute(counters.where(StudioInvoicing.studio_id == studio_id)).one()
    assert tuple(counts) == ("25-26", 4)  # SY/25-26/000004 next, not 000001 again


def test_a_row_that_cannot_be_written_undoes_the_whole_import(app, exported, empty, tmp_path):
    slug, studio_id, owner_client, _owner = empty

    def stranger_and_lost_booking(rows):
        rows.append({**rows[0], "id": "900001", "email": "stranger@elsewhere.example.com", "name": "Stranger"})
        return rows

    def lost(rows):
        return [*rows[:-1], {**rows[-1], "session_id": "999999"}]  # a session the export does not hold

    broken = _rewritten(exported, tmp_path / "one.zip", "clients", stranger_and_lost_booking)
    broken = _rewritten(broken, tmp_path / "two.zip", "bookings", lost)
    job = _post(owner_client, slug, broken).get_json()
    drain_lane(app)

    failed = owner_client.get(f"/api/studios/{slug}/studio-imports/{job['id']}").get_json()
    assert failed["status"] == "failed" and "bookings.csv" in failed["failure"], failed
    with app.app_context():
        for model in (Event, EventSession, ImportedClient):
            assert db.session.scalar(select(func.count()).select_from(model).where(_of(model, studio_id))) == 0
        assert db.session.scalar(select(User.id).where(User.email == "stranger@elsewhere.example.com")) is None
        assert db.session.scalar(select(User.id).where(User.email == "client0@example.com")) is not None
        assert db.session.scalar(select(func.count()).select_from(StudioImportId)) == 0
        told = select(func.count()).where(OutboxMessage.type == "client_imported")
        assert db.session.scalar(told) == 0  # a failed import told the client book nothing
    again = _post(owner_client, slug, exported)  # the studio is empty again: the right file goes in
    assert again.status_code == 202, again.get_json()


def test_a_step_the_database_refuses_every_time_ends_the_import_undone(app, exported, empty, tmp_path):
    """A session holding more seats than it has breaks the database's own check: the step fails each time it runs,
    and once given up on, the import is failed and all it wrote deleted."""
    slug, studio_id, owner_client, _owner = empty
    app.config["PAYMENT_RETRY_SCHEDULE"] = [0]  # the timers lane's: tried again at once, then given up on

    def overfull(rows):
        return [{**row, "seats_taken": str(int(row["capacity"]) + 1)} for row in rows]

    job = _post(owner_client, slug, _rewritten(exported, tmp_path / "overfull.zip", "sessions", overfull)).get_json()
    drain_lane(app)

    failed = owner_client.get(f"/api/studios/{slug}/studio-imports/{job['id']}").get_json()
    assert failed["status"] == "failed" and "A step could not be written" in failed["failure"], failed
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Event).where(Event.studio_id == studio_id)) == 0
        assert db.session.scalar(select(func.count()).select_from(StudioImportId)) == 0


def _of(model, studio_id: int):
    if model is EventSession:
        return EventSession.event_id.in_(select(Event.id).where(Event.studio_id == studio_id))
    return model.studio_id == studio_id


def test_other_files_roles_studios_and_a_second_upload_are_refused(
    app, exported, empty, make_user, client_for, tmp_path
):
    slug, studio_id, owner_client, _owner = empty
    answer = owner_client.post(f"/api/studios/{slug}/studio-imports", data=b"not a zip", headers=ZIP)
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (400, "import_file_invalid")
    no_bookings = tmp_path / "partial.zip"
    with zipfile.ZipFile(exported) as source, zipfile.ZipFile(no_bookings, "w") as copy:
        for item in source.namelist():
            if item != "bookings.csv":
                copy.writestr(item, source.read(item))
    answer = _post(owner_client, slug, no_bookings)
    assert answer.status_code == 400 and "bookings.csv" in answer.get_json()["error"]["message"]
    app.config["STUDIO_IMPORT_MAX_UNPACKED_BYTES"] = 1000  # a small ZIP of larger files: none is unpacked
    answer = _post(owner_client, slug, exported)
    assert answer.status_code == 400 and "unpacked are larger" in answer.get_json()["error"]["message"]
    app.config["STUDIO_IMPORT_MAX_UNPACKED_BYTES"] = 1024**3
    assert not (Path(app.config["EXPORTS_DIR"]) / "imports").exists() or not any(
        (Path(app.config["EXPORTS_DIR"]) / "imports").iterdir()
    )

    manager = make_user(name="A manager")
    with app.app_context(), unit_of_work():
        db.session.add(StudioMember(studio_id=studio_id, user_id=manager.id, role="manager"))
    assert _post(client_for(manager), slug, exported).status_code == 403

    first = _post(owner_client, slug, exported)
    assert first.status_code == 202
    second = _post(owner_client, slug, exported)
    assert (second.status_code, second.get_json()["error"]["code"]) == (409, "import_running")
    drain_lane(app)  # the same export again on its own install: its payments are here already
    failed = owner_client.get(f"/api/studios/{slug}/studio-imports/{first.get_json()['id']}").get_json()
    assert failed["status"] == "failed" and "payments.csv is on this install already" in failed["failure"], failed
    # Words for a person: the clashing values named, no Python tuple, and "nothing was kept" said once.
    payment = re.search(r"on this install already \(provider (\S+), reference (\S+)\)\. Nothing", failed["failure"])
    assert payment and "('" not in failed["failure"] and failed["failure"].count("kept") == 1, failed["failure"]
    assert failed["failure"].endswith("Nothing it wrote was kept: the studio is as it was before the import.")
    pack = {"name": "10 Class Pass", "kind": "pack", "credits": 10, "valid_days": 90, "price": 500_000}
    assert owner_client.post(f"/api/studios/{slug}/passes", json=pack).status_code == 201
    third = _post(owner_client, slug, exported)
    assert (third.status_code, third.get_json()["error"]["code"]) == (409, "studio_not_empty")
    assert owner_client.get(f"/api/studios/{slug}/studio-imports/{first.get_json()['id'] + 99}").status_code == 404


@pytest.mark.parametrize("attempt", range(3))
def test_two_uploads_at_once_start_one_import(app, exported, empty, client_for, attempt):
    slug, _studio_id, _client, owner = empty
    data, clients = exported.read_bytes(), [client_for(owner), client_for(owner)]
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda sender: _post_bytes(sender, slug, data), clients))
    assert sorted(status for status, _code in answers) == [202, 409], answers
    assert {code for status, code in answers if status == 409} <= {"import_running", "studio_not_empty"}


def _post_bytes(owner_client, slug: str, data: bytes):
    answer = owner_client.post(f"/api/studios/{slug}/studio-imports", data=data, headers=ZIP)
    return answer.status_code, (answer.get_json().get("error") or {}).get("code")

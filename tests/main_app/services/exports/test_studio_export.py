"""A studio's export: asked for by its owner, written a few rows a step on the timers lane (progress counted), then
one ZIP of CSV files and a manifest taken once through its link; only the studio's own rows, never a secret."""

import csv
import io
import json
import zipfile
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from invoice_checks import book_and_pay
from sqlalchemy import select, update

from crm_microservice.database import unit_of_work as crm_unit_of_work
from crm_microservice.extensions import db as crm_db
from crm_microservice.models import Client, ClientNote, ClientTag
from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Event, OutboxMessage, Studio, utcnow


@pytest.fixture
def crm(real_crm):
    return real_crm()


@pytest.fixture
def app(make_app, tmp_path, crm):
    """Exports written two rows a step into the test's own folder; the client book read from the real CRM."""
    return make_app(EXPORT_CHUNK_ROWS=2, EXPORTS_DIR=str(tmp_path / "exports"), CRM_BASE_URL=crm.url, CRM_TIMEOUT=30.0)


@pytest.fixture
def studio(app, client, make_session, priya, priya_client, make_user, client_for, facilitator):
    """priya's studio with three paid bookings, and another studio's booking."""
    session = make_session(capacity=10, starts_in=timedelta(days=3), price=50_000, facilitator_id=priya.id)
    people = [client_for(make_user(name=f"Client {n}", email=f"client{n}@example.com")) for n in range(3)]
    for person in people:
        book_and_pay(client, person, session.id)
    elsewhere = make_session(capacity=5, starts_in=timedelta(days=3), facilitator_id=facilitator.id)
    outsider = client_for(make_user(name="Outsider", email="outsider@example.com"))
    assert outsider.post("/book", json={"session_id": elsewhere.id}).status_code == 201
    with app.app_context():
        slug = db.session.get(Studio, db.session.get(Event, session.event_id).studio_id).slug
    return {"slug": slug, "owner": priya_client, "base": f"/api/studios/{slug}"}


def _csv(archive: zipfile.ZipFile, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))


def test_the_owner_exports_the_studio_in_steps_and_takes_the_zip_once(client, studio, drainer):
    asked = studio["owner"].post(f"{studio['base']}/exports")
    assert asked.status_code == 202, asked.get_json()
    job = asked.get_json()
    assert job["status"] == "running" and job["rows_total"] > 0 and job["rows_done"] == 0
    link = urlsplit(job["download_url"])
    early = client.get(f"{link.path}?{link.query}")
    assert early.status_code == 409 and early.get_json()["error"]["code"] == "export_not_ready"
    drainer("timers")()
    done = studio["owner"].get(f"{studio['base']}/exports/{job['id']}").get_json()
    assert (done["status"], done["rows_done"]) == ("ready", job["rows_total"]) and "download_url" not in done
    taken = client.get(f"{link.path}?{link.query}")
    assert taken.status_code == 200 and taken.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(taken.data))
    manifest = json.loads(archive.read("manifest.json"))
    assert (manifest["format"], manifest["version"], manifest["studio"]["slug"]) == (
        "booking-platform/studio-export", 6, studio["slug"]
    )  # fmt: skip
    files = {entry["name"]: entry["rows"] for entry in manifest["files"]}
    assert files["bookings.csv"] == 3 and files["payments.csv"] == 3 and files["invoices.csv"] == 3
    assert sum(files.values()) == job["rows_total"]
    clients = _csv(archive, "clients.csv")
    assert sorted(row["email"] for row in clients) == [f"client{n}@example.com" for n in range(3)]
    assert "password_hash" not in clients[0] and "checkout_url" not in _csv(archive, "payments.csv")[0]
    assert len(_csv(archive, "bookings.csv")) == 3  # chunks of two joined: one header, every row once
    # Money names its unit: paise, never a bare 59000 a spreadsheet reads as rupees.
    [payments] = [entry["columns"] for entry in manifest["files"] if entry["name"] == "payments.csv"]
    assert {"amount_minor", "refund_amount_minor"} <= set(payments) and "amount" not in payments
    paid = _csv(archive, "payments.csv")[0]
    assert int(paid["amount_minor"]) > 0 and "total_minor" in _csv(archive, "invoices.csv")[0]
    again = client.get(f"{link.path}?{link.query}")
    assert again.status_code == 410 and again.get_json()["error"]["code"] == "export_link_used"


def test_a_ready_export_whose_file_went_is_refused_without_spending_its_link(client, studio, drainer, tmp_path):
    job = studio["owner"].post(f"{studio['base']}/exports").get_json()
    drainer("timers")()
    [written] = (tmp_path / "exports").glob("*.zip")
    written.unlink()
    link = urlsplit(job["download_url"])
    gone = client.get(f"{link.path}?{link.query}")
    assert gone.status_code == 410 and gone.get_json()["error"]["code"] == "export_link_expired"
    assert studio["owner"].get(f"{studio['base']}/exports/{job['id']}").get_json()["downloaded_at"] is None


def test_a_wrong_token_or_another_studios_export_is_not_found(client, studio, assert_error):
    job = studio["owner"].post(f"{studio['base']}/exports").get_json()
    assert_error(client.get(f"/exports/{job['id']}/download?token=not-it"), 404, "export_not_found")
    assert_error(studio["owner"].get(f"{studio['base']}/exports/999999"), 404, "export_not_found")


def test_an_export_that_cannot_be_written_ends_as_failed_and_the_lane_goes_on(app, studio, drainer, tmp_path):
    (tmp_path / "exports").write_text("a file where the folder should be")  # nothing can be written under it
    job = studio["owner"].post(f"{studio['base']}/exports").get_json()
    drainer("timers")()
    failed = studio["owner"].get(f"{studio['base']}/exports/{job['id']}").get_json()
    assert failed["status"] == "failed" and failed["rows_done"] == 0 and "could not be written" in failed["failure"]


def _book_written_by_staff(crm, studio_id: int) -> None:
    """A note and a tag on the first of the studio's clients, and their consent, as its staff would write them."""
    with crm.app.app_context(), crm_unit_of_work():
        first = crm_db.session.scalar(select(Client).where(Client.studio_id == studio_id).order_by(Client.id))
        first.marketing_consent, first.consent_how = True, "asked at the desk"
        crm_db.session.add(
            ClientNote(client_id=first.id, author_id=1, text="Prefers the back row.", created_at=utcnow())
        )
        crm_db.session.add(ClientTag(client_id=first.id, studio_id=studio_id, tag="regular"))


def test_the_client_book_comes_with_the_export_notes_tags_and_consent(app, studio, crm, drainer):
    drainer("crm")()
    with app.app_context():
        studio_id = db.session.scalar(select(Studio.id).where(Studio.slug == studio["slug"]))
    _book_written_by_staff(crm, studio_id)
    job = studio["owner"].post(f"{studio['base']}/exports").get_json()
    drainer("timers")()
    done = studio["owner"].get(f"{studio['base']}/exports/{job['id']}").get_json()
    assert done["status"] == "ready" and done["rows_done"] == done["rows_total"] == job["rows_total"] + 5
    link = urlsplit(job["download_url"])
    archive = zipfile.ZipFile(io.BytesIO(app.test_client().get(f"{link.path}?{link.query}").data))
    book = _csv(archive, "client_book.csv")
    assert sorted(row["email"] for row in book) == [f"client{n}@example.com" for n in range(3)]
    assert [row["consent_how"] for row in book if row["marketing_consent"] == "true"] == ["asked at the desk"]
    assert [row["text"] for row in _csv(archive, "client_notes.csv")] == ["Prefers the back row."]
    assert [row["tag"] for row in _csv(archive, "client_tags.csv")] == ["regular"]
    files = {entry["name"]: entry for entry in json.loads(archive.read("manifest.json"))["files"]}
    assert files["client_notes.csv"]["rows"] == 1 and "author_id" in files["client_notes.csv"]["columns"]


def test_an_export_the_crm_does_not_answer_asks_again_later_then_fails(app, studio, drainer):
    app.config["CRM_BASE_URL"] = "http://127.0.0.1:9"  # nothing listens there
    job = studio["owner"].post(f"{studio['base']}/exports").get_json()
    drain = drainer("timers")
    for _attempt in range(4):  # the first ask and three more, each later: still running
        drain()
        running = studio["owner"].get(f"{studio['base']}/exports/{job['id']}").get_json()
        assert running["status"] == "running"
        with app.app_context(), unit_of_work():  # the page asked again later: its time is now
            pending = OutboxMessage.channel == "timers", OutboxMessage.status == "pending"
            db.session.execute(update(OutboxMessage).where(*pending).values(next_attempt_at=utcnow()))
    drain()
    failed = studio["owner"].get(f"{studio['base']}/exports/{job['id']}").get_json()
    assert failed["status"] == "failed" and "client book" in failed["failure"]

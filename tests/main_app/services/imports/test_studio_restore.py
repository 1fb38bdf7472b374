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
from plugins.main_api import TEST_SETTINGS
from sqlalchemy import select
from studio_moves import balanced, canonical, drain_lane, export

from crm_microservice.database import unit_of_work as crm_unit_of_work
from crm_microservice.extensions import db as crm_db
from crm_microservice.models import Client as CrmClient
from crm_microservice.models import ClientNote, ClientTag, Notification
from main_app import create_app
from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import (
    CHANNEL_CRM,
    CHANNEL_PAYMENTS,
    PASS_ACTIVE,
    PASS_LAPSED,
    ROLE_FACILITATOR,
    Event,
    EventSession,
    OutboxMessage,
    Pass,
    Payment,
    Studio,
    StudioMember,
    User,
    utcnow,
)
from main_app.services import studios
from main_app.services.exports.tables import TABLES
from main_app.services.imports import restore_studio
from main_app.services.imports.restore_plan import (
    ORDER,
)
from main_app.services.imports.studio_files import BOOK_FILES
from main_app.services.payments import RENEWAL_LAPSE, lapse_renewal, records
from main_app.services.payments.providers.base import PAYMENT_SUCCEEDED
from main_app.services.timers import RenewalLapse
from service_kit.errors import APIError

pytestmark = pytest.mark.both_databases


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


MEMBERSHIP = {"name": "Unlimited monthly", "kind": "membership", "period": "month", "price": 450_000}


def _install(url: str, folder: Path, crm):
    settings = {"EXPORTS_DIR": str(folder / "exports"), "CRM_BASE_URL": crm.url, "CRM_TIMEOUT": 30.0}
    return create_app(
        {**TEST_SETTINGS, **settings, "MAIL_FOLDER": str(folder / "mail"), "SQLALCHEMY_DATABASE_URI": url}
    )


def _new_studio(app, tag: str = "moved", studio_id: int | None = None) -> tuple[int, int]:
    """An empty studio of a new owner on the app's install: (studio id, owner id)."""
    with app.app_context(), unit_of_work():
        owner = User(name="New Owner", email=f"owner@{tag}.example.com", role=ROLE_FACILITATOR, password_hash="!")
        studio = Studio(name=f"Studio {tag}", slug=f"studio-{tag}", timezone="Asia/Kolkata", currency="INR")
        studio.id = studio_id
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


def test_a_moved_studio_keeps_which_checkout_a_refunded_second_payment_came_through(
    app, moved, client, priya, make_session, make_user, client_for
):
    """A second capture's row names the checkout's payment it came through (payments.surplus_of): read back as the
    moved payment's id, even when both rows are in one chunk of the file."""
    elsewhere = make_session(capacity=10, starts_in=timedelta(days=3), price=50_000)  # another studio's payment first
    book_and_pay(client, client_for(make_user(email="elsewhere@example.com")), elsewhere.id)
    session = make_session(capacity=10, starts_in=timedelta(days=3), price=50_000, facilitator_id=priya.id)
    paid = [book_and_pay(client, client_for(make_user(email=f"c{n}@example.com")), session.id) for n in range(2)]
    with app.app_context():
        again = records.provider("test").signed_event(
            PAYMENT_SUCCEEDED, paid[1]["payment"]["checkout_url"].rsplit("/", 1)[1], 50_000, "INR", attempt="2"
        )
    headers = {**again[1], "Content-Type": "application/json"}
    assert client.post("/payments/webhook/test", data=again[0], headers=headers).get_json()["result"] == "applied"
    drain_lane(app, CHANNEL_PAYMENTS)
    with app.app_context():
        studio_id = db.session.scalar(select(Event.studio_id).where(Event.id == session.event_id))
    first = export(app, studio_id, priya.id)
    new_studio, owner = _new_studio(moved)
    assert _restore(moved, new_studio, owner, first)["payments"] == 3
    with moved.app_context():
        rows = db.session.execute(select(Payment.id, Payment.surplus_of).order_by(Payment.id)).all()
    assert rows[2].surplus_of == rows[1].id  # the second booking's checkout, as moved
    assert canonical(export(moved, new_studio, owner)) == canonical(first)


def test_a_moved_renewing_membership_runs_to_its_period_end_then_lapses(
    app, moved, client, priya, client_for, make_user
):
    product = client_for(priya).post(f"/api/facilitator/{priya.id}/passes", json=MEMBERSHIP).get_json()
    bought = client_for(make_user(name="Mira Member")).post(f"/passes/{product['id']}/buy", json={}).get_json()
    reference = bought["checkout_url"].rsplit("/", 1)[1]
    assert client.post(f"/payments/test/checkout/{reference}", data={"action": "pay"}).status_code == 303
    with app.app_context():
        first = export(app, studios.home_studio_id(db.session.get(User, priya.id)), priya.id)

    new_studio, owner = _new_studio(moved)
    _restore(moved, new_studio, owner, first)
    with moved.app_context():
        member = db.session.scalar(select(Pass).where(Pass.studio_id == new_studio))
        [lapse] = db.session.scalars(select(OutboxMessage).where(OutboxMessage.channel != "crm"))
        # Its renewal's charge and its holder's card stayed behind: it ends with its period, told to its holder.
        assert (member.renews, member.status, lapse.type) == (True, PASS_ACTIVE, RENEWAL_LAPSE)
        assert (lapse.payload["lapse_pass"], lapse.next_attempt_at) == (member.id, member.valid_until)
        with unit_of_work():
            lapse_renewal(RenewalLapse.from_payload(lapse.type, lapse.payload))
        assert db.session.get(Pass, member.id, populate_existing=True).status == PASS_LAPSED
    balanced(moved)


def _write_book(crm, studio_id: int) -> None:
    """Notes, tags and consent on the studio's clients, as its staff would write them in the CRM."""
    with crm.app.app_context(), crm_unit_of_work():
        first, second = crm_db.session.scalars(
            select(CrmClient).where(CrmClient.studio_id == studio_id).order_by(CrmClient.id)
        ).all()[:2]
        first.marketing_consent, first.consent_at, first.consent_how = True, utcnow(), "asked at the desk"
        second.marketing_consent, second.consent_at, second.consent_how = False, utcnow(), "unsubscribed"
        for client, text in (
            (first, "Prefers the back row."),
            (first, "Knee injury: no deep lunges."),
            (second, "Pays cash."),
        ):
            crm_db.session.add(
                ClientNote(client_id=client.id, author_id=1, author_name="Priya", text=text, created_at=utcnow())
            )
        guest = CrmClient(studio_id=studio_id, guest_email="gita@example.com", name="Gita", email="Gita@example.com")
        guest.marketing_consent, guest.consent_at, guest.consent_how = True, utcnow(), "ticked on the booking form"
        crm_db.session.add(guest)
        crm_db.session.flush()
        crm_db.session.add_all(
            [
                ClientTag(client_id=c.id, studio_id=studio_id, tag=t)
                for c, t in ((first, "regular"), (second, "regular"), (second, "vip"), (guest, "guest"))
            ]
        )


def _book(path: Path) -> dict:
    """A studio's client book as an export holds it, each row by its client's email."""
    with zipfile.ZipFile(path) as archive:
        read = {name: list(csv.DictReader(io.StringIO(archive.read(f"{name}.csv").decode()))) for name in BOOK_FILES}
    email = {row["id"]: row["email"] for row in read["client_book"]}
    consent = sorted(
        (row["email"], row["marketing_consent"], row["consent_at"], row["consent_how"]) for row in read["client_book"]
    )
    notes = sorted(
        (email[row["client_id"]], row["author_name"], row["text"], row["created_at"]) for row in read["client_notes"]
    )
    tags = sorted((email[row["client_id"]], row["tag"]) for row in read["client_tags"])
    return {"consent": consent, "notes": notes, "tags": tags}


def test_a_moved_studio_s_client_book_keeps_its_notes_tags_and_consent(
    app, moved, client, priya, make_session, make_user, client_for, crm, drainer
):
    session = make_session(capacity=10, starts_in=timedelta(days=3), price=50_000, facilitator_id=priya.id)
    for n in range(3):
        book_and_pay(client, client_for(make_user(name=f"Client {n}", email=f"client{n}@example.com")), session.id)
    drainer("crm")()
    with app.app_context():
        studio_id = studios.home_studio_id(db.session.get(User, priya.id))
    _write_book(crm, studio_id)
    first = export(app, studio_id, priya.id)

    new_studio, owner = _new_studio(moved, studio_id=studio_id + 9000)  # one CRM hears both installs
    _restore(moved, new_studio, owner, first)
    drain_lane(moved, CHANNEL_CRM)
    book = _book(export(moved, new_studio, owner))
    assert book == _book(first) and len(book["notes"]) == 3 and len(book["tags"]) == 4
    assert ("Gita@example.com", "guest") in book["tags"]  # a guest client, by their email
    with crm.app.app_context():  # the notification keeps how many rows came, never a note
        kept = crm_db.session.scalars(select(Notification.data).where(Notification.type == "client_book_restored"))
        assert sorted(data["file"] for data in kept) == sorted(BOOK_FILES)


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

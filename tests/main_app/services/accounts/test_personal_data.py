"""A person's own data with the real CRM behind the main API: "download my data" gives their rows here and what the
studio's client book holds about them (a staff note too); erasing the account reaches the CRM through the outbox
once, after which neither service's tables hold their name, email or phone."""

import json

import pytest
import sqlalchemy as sa

from crm_microservice.database import unit_of_work as crm_unit_of_work
from crm_microservice.extensions import db as crm_db
from crm_microservice.models import Client, ClientNote
from main_app.extensions import db
from main_app.models import User

pytestmark = pytest.mark.both_databases

PERSON = {"name": "Perpetua Ashgrove", "email": "perpetua.a@example.com", "password": "s3cret-pass"}


@pytest.fixture
def crm(real_crm):
    return real_crm()


@pytest.fixture
def app(make_app, crm):
    """The main API, its CRM lane and its reads pointed at the real CRM (which always answers: only a loaded
    machine's slowness could reach the timeout)."""
    return make_app(CRM_BASE_URL=crm.url, CRM_TIMEOUT=30.0)


def holders(flask_app, database, values: list[str]) -> list[str]:
    """The table.columns of one service whose text or JSON holds any of values."""
    forms = {form for value in values for form in (value, json.dumps(value)[1:-1])}
    found = []
    with flask_app.app_context():
        for table in database.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, sa.String | sa.Text | sa.JSON):
                    text = sa.cast(column, sa.Text)
                    query = sa.select(sa.func.count()).select_from(table)
                    if database.session.scalar(query.where(sa.or_(*(text.contains(form) for form in forms)))):
                        found.append(f"{table.name}.{column.name}")
    return found


def test_a_person_downloads_their_data_then_erases_it_from_both_services(app, client, crm, make_session, drainer):
    made = client.post("/auth/register", json=PERSON)
    person = {"Authorization": f"Bearer {made.get_json()['access_token']}"}
    with app.app_context():
        user_id = db.session.scalar(sa.select(User.id).where(User.email == PERSON["email"]))
    booked = client.post("/book", json={"session_id": make_session(capacity=5).id}, headers=person)
    assert booked.status_code == 201, booked.get_json()
    assert client.post(f"/bookings/{booked.get_json()['id']}/cancel", json={}, headers=person).status_code == 200
    drainer("crm")()
    with crm.app.app_context(), crm_unit_of_work():
        [row] = crm_db.session.scalars(sa.select(Client).where(Client.user_id == user_id)).all()
        crm_db.session.add(
            ClientNote(
                client_id=row.id, author_id=1, author_name="Owner", text="Prefers mats", created_at=row.first_seen_at
            )
        )
    export = client.get("/me/export", headers=person)
    assert export.status_code == 200 and "attachment" in export.headers["Content-Disposition"]
    data = export.get_json()
    assert data["account"]["email"] == PERSON["email"] and "password_hash" not in data["account"]
    assert [b["status"] for b in data["bookings"]] == ["cancelled"]
    [held] = data["client_books"]["clients"]
    assert held["name"] == PERSON["name"] and [n["text"] for n in held["notes"]] == ["Prefers mats"]
    assert data["client_books"]["notifications"]
    assert client.delete("/me", json={"password": PERSON["password"]}, headers=person).status_code == 204
    drainer("crm")()
    values = [PERSON["name"], PERSON["email"]]
    assert holders(app, db, values) == [] and holders(crm.app, crm_db, [*values, "Prefers mats"]) == []
    with crm.app.app_context():
        [row] = crm_db.session.scalars(sa.select(Client).where(Client.user_id == user_id)).all()
        assert (row.name, row.email, row.bookings) == ("Deleted account", None, 1)


def test_no_export_when_the_client_books_cannot_be_read(app, user_client, assert_error):
    app.config["CRM_BASE_URL"] = "http://127.0.0.1:9"  # nothing listens there
    assert_error(user_client.get("/me/export"), 503, "crm_unavailable")


def test_erasing_an_account_forgets_its_guests_in_both_services(app, client, crm, make_session, drainer):
    """The guests the person brought leave the CRM too: their client rows and the person's notifications."""
    made = client.post("/auth/register", json=PERSON)
    person = {"Authorization": f"Bearer {made.get_json()['access_token']}"}
    guests = [{"name": "Ravindra Kulkarni", "email": "ravindra.k@example.com"}]
    session = make_session(capacity=5)
    booked = client.post("/book", json={"session_id": session.id, "seats": 2, "guests": guests}, headers=person)
    assert booked.status_code == 201, booked.get_json()
    assert client.post(f"/bookings/{booked.get_json()['id']}/cancel", json={}, headers=person).status_code == 200
    drainer("crm")()
    values = [guests[0]["name"], guests[0]["email"]]
    assert holders(crm.app, crm_db, values)  # the guest's client row and the booking's notifications

    assert client.delete("/me", json={"password": PERSON["password"]}, headers=person).status_code == 204
    drainer("crm")()

    assert holders(app, db, values) == [] and holders(crm.app, crm_db, values) == []

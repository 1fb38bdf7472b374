"""A person erased their account (person_erased): the client book keeps their figures in every studio but no
name, email or phone of theirs anywhere, and no staff note about them; other people's rows are untouched; a
repeat of the notification changes nothing."""

import datetime as dt
import json

import pytest
import sqlalchemy as sa
from client_book_payloads import OTHER_STUDIO, PERSON, SLUG, booking, staff_token, typed
from crm_payloads import AUTH

from crm_microservice.extensions import db
from crm_microservice.models import Client

pytestmark = pytest.mark.both_databases

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
SOMEONE = {"id": 457, "name": "Kiran Das", "email": "kiran@example.com", "phone": "+919800000001"}


def holders(app, values: list[str]) -> dict[str, int]:
    """Every table.column whose text (or JSON) holds any of values."""
    forms = {form for value in values for form in (value, json.dumps(value)[1:-1])}
    found = {}
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, sa.String | sa.Text | sa.JSON):
                    text = sa.cast(column, sa.Text)
                    query = sa.select(sa.func.count()).select_from(table)
                    hits = db.session.scalar(query.where(sa.or_(*(text.contains(form) for form in forms))))
                    if hits:
                        found[f"{table.name}.{column.name}"] = hits
    return found


def erased(notification_id: str) -> dict:
    return {
        "notification_id": notification_id,
        "type": "person_erased",
        "user_id": PERSON["id"],
        "timestamp": NOW.isoformat(),
        "message": "A person erased their account",
    }


def test_the_client_book_forgets_the_person_and_keeps_their_figures(app):
    client = app.test_client()
    both_names = PERSON | {"other_name": "आशा राव"}
    for payload in (
        booking("booking_created", 1, NOW, NOW, user=both_names),
        typed("client_imported", NOW, user=both_names),  # the names in its data too
        booking("booking_created", 2, NOW, NOW, studio=OTHER_STUDIO),
        booking("booking_created", 3, NOW, NOW, user=SOMEONE),
    ):
        assert client.post("/notify", json=payload, headers=AUTH).status_code == 201
    items = client.get(f"/api/studios/{SLUG}/clients", headers=staff_token("owner")).get_json()["items"]
    asha = next(item for item in items if item["user_id"] == PERSON["id"])
    path = f"/api/studios/{SLUG}/clients/{asha['id']}/notes"
    note = client.post(path, json={"text": "Asha Rao: knee injury"}, headers=staff_token("owner", 300))
    assert note.status_code == 201
    assert holders(app, [PERSON["name"], PERSON["email"]])
    assert set(holders(app, ["आशा राव"])) == {"crm_clients.other_name", "crm_notifications.data"}
    assert client.post("/notify", json=erased("erase-1"), headers=AUTH).status_code == 201
    assert client.post("/notify", json=erased("erase-1"), headers=AUTH).status_code == 200  # a repeat: nothing more
    assert holders(app, [PERSON["name"], "आशा राव", PERSON["email"], PERSON["phone"], "knee injury"]) == {}
    with app.app_context():
        rows = db.session.scalars(sa.select(Client).order_by(Client.id)).all()
        assert [(row.user_id, row.name, row.bookings) for row in rows] == [
            (456, "Deleted account", 1), (456, "Deleted account", 1), (457, "Kiran Das", 1)
        ]  # fmt: skip
    assert holders(app, [SOMEONE["name"], SOMEONE["email"]])  # someone else's rows stay as they were


def test_the_guests_the_person_brought_are_forgotten_too(app):
    """The main API forgets the names and emails its erased booker typed for their guests; so does the CRM: their
    guests' client rows and every notification of the booker's naming them."""
    client = app.test_client()
    ravi, meera = (
        {"name": "Ravi Kumar", "email": "Ravi.K@example.com"},
        {"name": "Meera Iyer", "email": "meera@example.com"},
    )
    given_back = {"id": 9, **meera}
    for payload in (
        booking("booking_created", 1, NOW, NOW, guests=[ravi, meera]),
        booking("booking_created", 2, NOW, NOW, studio=OTHER_STUDIO, guests=[ravi]),
        booking("guest_cancelled", 1, NOW, NOW, guest=given_back) | {"message": "Asha Rao gave back Meera Iyer's seat"},
        booking(
            "booking_created", 3, NOW, NOW, user=SOMEONE, guests=[{"name": "Tara Sen", "email": "tara@example.com"}]
        ),
    ):
        assert client.post("/notify", json=payload, headers=AUTH).status_code == 201
    guests = client.get(f"/api/studios/{SLUG}/clients?q=Ravi", headers=staff_token("owner")).get_json()["items"]
    note = client.post(
        f"/api/studios/{SLUG}/clients/{guests[0]['id']}/notes",
        json={"text": "Ravi: shoulder"},
        headers=staff_token("owner", 300),
    )
    assert note.status_code == 201
    secrets = ["Ravi Kumar", "ravi.k@example.com", "Meera Iyer", "meera@example.com", "shoulder"]
    assert holders(app, secrets)

    assert client.post("/notify", json=erased("erase-guests"), headers=AUTH).status_code == 201

    assert holders(app, secrets) == {}
    with app.app_context():
        rows = db.session.scalars(sa.select(Client).where(Client.user_id.is_(None)).order_by(Client.id)).all()
        assert [(row.studio_id, row.name, row.email, row.guest_email, row.guest_bookings) for row in rows] == [
            (7, "Guest", None, None, 1), (7, "Guest", None, None, 1), (8, "Guest", None, None, 1),
            (7, "Tara Sen", "tara@example.com", "tara@example.com", 1),
        ]  # fmt: skip

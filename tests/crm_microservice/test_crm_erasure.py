"""A person erased their account (person_erased): the client book keeps their figures in every studio but no
name, email or phone of theirs anywhere, and no staff note about them; other people's rows are untouched; a
repeat of the notification changes nothing."""

import datetime as dt
import json

import pytest
import sqlalchemy as sa
from client_book_payloads import OTHER_STUDIO, PERSON, SLUG, booking, staff_token
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
    for payload in (
        booking("booking_created", 1, NOW, NOW),
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
    assert client.post("/notify", json=erased("erase-1"), headers=AUTH).status_code == 201
    assert client.post("/notify", json=erased("erase-1"), headers=AUTH).status_code == 200  # a repeat: nothing more
    assert holders(app, [PERSON["name"], PERSON["email"], PERSON["phone"], "knee injury"]) == {}
    with app.app_context():
        rows = db.session.scalars(sa.select(Client).order_by(Client.id)).all()
        assert [(row.user_id, row.name, row.bookings) for row in rows] == [
            (456, "Deleted account", 1), (456, "Deleted account", 1), (457, "Kiran Das", 1)
        ]  # fmt: skip
    assert holders(app, [SOMEONE["name"], SOMEONE["email"]])  # someone else's rows stay as they were

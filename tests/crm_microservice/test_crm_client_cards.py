"""The door's "who is coming" cards: one request for a session's people by email, each one's client with their
newest notes and tags, a merged client's email leading to the one kept, another studio's and an instructor's
strangers never shown, in the same few statements for two people or twenty."""

import datetime as dt

import pytest
from client_book_payloads import OTHER_STUDIO, SLUG, booking, staff_token
from crm_payloads import AUTH
from probes import count_statements

from crm_microservice.extensions import db

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
DAY = dt.timedelta(days=1)
INSTRUCTOR = 201
CARDS = f"/api/studios/{SLUG}/clients/cards"
ASHA = {"id": 456, "name": "Asha Rao", "email": "asha@example.com"}  # the main API keeps them in lower case
ASHA_OLD = {"id": 459, "name": "Asha R", "email": "asha.old@example.com"}
KIRAN = {"id": 457, "name": "Kiran Shah", "email": "kiran@example.com"}
THEIRS = {"id": 458, "name": "Meera Iyer", "email": "meera@example.com"}


@pytest.fixture
def door(app):
    """Asha (taught by INSTRUCTOR; four notes, two tags; an older account merged into her), Kiran (another's class)
    with a guest, and another studio's Meera."""
    client = app.test_client()
    owner = staff_token("owner")
    guests = {"guests": [{"name": "Ravi", "email": "Ravi@Example.com"}]}
    for payload in (
        booking("booking_created", 1, NOW + DAY, NOW, user=ASHA, instructor=INSTRUCTOR),
        booking("booking_created", 2, NOW - DAY, NOW - 2 * DAY, user=ASHA_OLD),
        booking("booking_created", 3, NOW + DAY, NOW, user=KIRAN, instructor=202, **guests),
        booking("booking_created", 4, NOW + DAY, NOW, user=THEIRS, studio=OTHER_STUDIO),
    ):
        assert client.post("/notify", json=payload, headers=AUTH).status_code == 201
    ids = {
        item["user_id"]: item["id"] for item in client.get(f"/api/studios/{SLUG}/clients", headers=owner).json["items"]
    }
    asha = ids[456]
    for n in range(4):
        assert (
            client.post(
                f"/api/studios/{SLUG}/clients/{asha}/notes", json={"text": f"note {n}"}, headers=owner
            ).status_code
            == 201
        )
    assert (
        client.put(
            f"/api/studios/{SLUG}/clients/{asha}/tags", json={"tags": ["knee", "regular"]}, headers=owner
        ).status_code
        == 200
    )
    merged = client.post(f"/api/studios/{SLUG}/clients/{ids[459]}/merge", json={"into": asha}, headers=owner)
    assert merged.status_code == 200, merged.json
    return client, ids


def _cards(client, emails: list[str], role: str = "front_desk", user_id: int = 300) -> list[dict]:
    answer = client.post(CARDS, json={"emails": emails}, headers=staff_token(role, user_id))
    assert answer.status_code == 200, answer.json
    return answer.json["items"]


def test_the_front_desk_gets_a_card_per_email_in_one_request(door):
    client, ids = door
    emails = ["ASHA@example.com", "kiran@example.com", "nobody@example.com", "asha.old@example.com", "ravi@example.com"]
    items = _cards(client, [*emails, "asha@EXAMPLE.com"])

    assert [item["email"] for item in items] == [email.lower() for email in emails]  # each once, as given
    asha, kiran, nobody, old, ravi = items
    assert asha["client"]["id"] == old["client"]["id"] == ids[456]  # the merged account's email leads to her
    assert asha["client"]["bookings"] == 2  # the figures of both her records
    assert [note["text"] for note in asha["notes"]] == ["note 3", "note 2", "note 1"] and asha["notes_total"] == 4
    assert asha["tags"] == ["knee", "regular"]
    assert kiran["client"]["name"] == "Kiran Shah" and kiran["notes"] == [] and kiran["notes_total"] == 0
    assert nobody == {"email": "nobody@example.com", "client": None, "tags": [], "notes": [], "notes_total": 0}
    assert ravi["client"]["guest"] is True and ravi["client"]["name"] == "Ravi"


def test_an_instructor_and_another_studio_see_only_their_own(door):
    client, ids = door
    emails = ["asha@example.com", "kiran@example.com", "meera@example.com"]

    taught = _cards(client, emails, "instructor", INSTRUCTOR)
    assert [item["client"] and item["client"]["id"] for item in taught] == [ids[456], None, None]
    assert all(item["notes"] == [] and item["tags"] == [] for item in taught[1:])
    assert [item["client"] for item in _cards(client, ["meera@example.com"], "owner")] == [None]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"emails": []}, "emails"),
        ({"emails": ["not an email"]}, "emails"),
        ({"emails": [f"p{n}@example.com" for n in range(201)]}, "emails"),
        ({}, "emails"),
    ],
)
def test_bad_lists_are_refused_naming_the_field(door, body, field):
    client, _ids = door
    answer = client.post(CARDS, json=body, headers=staff_token("owner"))
    assert answer.status_code == 400 and field in answer.json["error"]["details"], answer.json


def test_two_people_or_twenty_take_the_same_statements(app, door):
    client, _ids = door
    with app.app_context():
        engine = db.engine
    few = ["asha@example.com", "kiran@example.com"]
    many = few + ["asha.old@example.com", "ravi@example.com"] + [f"p{n}@example.com" for n in range(16)]
    counts = [count_statements(engine, lambda e=emails: _cards(client, e))[1] for emails in (few, many)]
    assert counts[0] == counts[1] <= 5, counts

"""Staff notes and tags on a client: a note is its author's to change for 24 hours, then kept as written."""

import datetime as dt

import pytest
import sqlalchemy as sa
from client_book_payloads import SLUG, booking, staff_token
from crm_payloads import AUTH

from crm_microservice.database import unit_of_work
from crm_microservice.extensions import db
from crm_microservice.models import ClientNote

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
AUTHOR, COLLEAGUE = 300, 301


@pytest.fixture
def client_path(app):
    """The path of the one client, booked once."""
    client = app.test_client()
    assert client.post("/notify", json=booking("booking_created", 1, NOW, NOW), headers=AUTH).status_code == 201
    items = client.get(f"/api/studios/{SLUG}/clients", headers=staff_token("owner")).get_json()["items"]
    return f"/api/studios/{SLUG}/clients/{items[0]['id']}"


def test_notes_show_their_author_and_come_newest_first(app, client_path):
    client = app.test_client()
    first = client.post(f"{client_path}/notes", json={"text": "Knee injury"}, headers=staff_token("front_desk", AUTHOR))
    client.post(f"{client_path}/notes", json={"text": "Prefers the back row"}, headers=staff_token("manager", 302))

    notes = client.get(client_path, headers=staff_token("owner")).get_json()["notes"]

    assert first.status_code == 201 and first.get_json()["author"]["id"] == AUTHOR
    assert [note["text"] for note in notes] == ["Prefers the back row", "Knee injury"]


def test_only_the_author_changes_a_note_and_only_for_a_day(app, client_path):
    client = app.test_client()
    note = client.post(f"{client_path}/notes", json={"text": "Knee"}, headers=staff_token("owner", AUTHOR)).get_json()
    path = f"{client_path}/notes/{note['id']}"

    edited = client.patch(path, json={"text": "Knee injury"}, headers=staff_token("owner", AUTHOR))
    theirs = client.patch(path, json={"text": "Mine now"}, headers=staff_token("owner", COLLEAGUE))
    with app.app_context(), unit_of_work():
        db.session.execute(
            sa.update(ClientNote).values(created_at=NOW - dt.timedelta(hours=25)).where(ClientNote.id == note["id"])
        )
    late = client.patch(path, json={"text": "Too late"}, headers=staff_token("owner", AUTHOR))

    assert edited.status_code == 200 and edited.get_json()["text"] == "Knee injury" and edited.get_json()["edited_at"]
    assert theirs.status_code == 403
    assert late.status_code == 409 and late.get_json()["error"]["code"] == "note_locked"
    assert client.get(client_path, headers=staff_token("owner")).get_json()["notes"][0]["text"] == "Knee injury"


def test_tags_are_replaced_lower_cased_and_filter_the_list(app, client_path):
    client = app.test_client()
    client.put(f"{client_path}/tags", json={"tags": ["VIP", "regular"]}, headers=staff_token("owner"))
    answer = client.put(
        f"{client_path}/tags", json={"tags": ["Regular", "early bird", "regular"]}, headers=staff_token("front_desk")
    )

    tagged = client.get(f"/api/studios/{SLUG}/clients?tag=early bird", headers=staff_token("owner")).get_json()
    vip = client.get(f"/api/studios/{SLUG}/clients?tag=vip", headers=staff_token("owner")).get_json()

    assert answer.status_code == 200 and answer.get_json() == {"tags": ["early bird", "regular"]}
    assert tagged["total"] == 1 and vip["total"] == 0


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": "   "}, {"text": "x" * 5001}, {"text": "a", "extra": 1}])
def test_a_bad_note_is_a_400(app, client_path, body):
    answer = app.test_client().post(f"{client_path}/notes", json=body, headers=staff_token("owner"))

    assert answer.status_code in (400, 422) and "error" in answer.get_json()


def test_the_list_finds_by_name_email_or_phone(app, client_path):
    client = app.test_client()
    for q, found in (("asha", 1), ("EXAMPLE.COM", 1), ("98123", 1), ("nobody", 0), ("%", 0)):
        page = client.get(f"/api/studios/{SLUG}/clients", query_string={"q": q}, headers=staff_token("owner"))
        assert page.get_json()["total"] == found, q

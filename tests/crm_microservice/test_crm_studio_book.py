"""A studio's whole client book for its export (service token only): its clients with consent, the staff's notes and
the tags, a page at a time by id, never another studio's."""

import datetime as dt

from client_book_payloads import SLUG, STUDIO, booking, staff_token
from crm_payloads import AUTH

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
DAY = dt.timedelta(days=1)
BASE = f"/api/studios/{SLUG}"


def _book(app) -> tuple:
    """Three clients of the studio (a note and a tag on the first, consent given) and one of another studio's."""
    client = app.test_client()
    for number, name in enumerate(("Asha", "Ben", "Cara"), start=1):
        person = {"id": 455 + number, "name": name, "email": f"{name.lower()}@example.com"}
        payload = booking("booking_created", number, NOW + DAY, NOW - DAY, user=person)
        assert client.post("/notify", json=payload, headers=AUTH).status_code == 201
    elsewhere = booking("booking_created", 9, NOW + DAY, NOW - DAY, studio=STUDIO + 1)
    assert client.post("/notify", json=elsewhere, headers=AUTH).status_code == 201
    owner = staff_token("owner")
    first = client.get(f"{BASE}/clients", headers=owner).get_json()["items"][0]["id"]
    assert client.post(f"{BASE}/clients/{first}/notes", json={"text": "Back row."}, headers=owner).status_code == 201
    assert client.put(f"{BASE}/clients/{first}/tags", json={"tags": ["regular"]}, headers=owner).status_code == 200
    consent = {"marketing": True, "how": "signup form"}
    assert client.put(f"{BASE}/clients/{first}/consent", json=consent, headers=owner).status_code == 200
    return client, first


def test_the_book_comes_a_page_at_a_time_with_notes_tags_and_consent(app):
    client, first = _book(app)
    page = client.get(f"/api/service/studios/{STUDIO}/book/clients?limit=2", headers=AUTH).get_json()
    assert "phone_digits" not in page["columns"] and "consent_how" in page["columns"]
    assert len(page["rows"]) == 2 and page["next_after"] == page["rows"][-1][0]
    rest = client.get(f"/api/service/studios/{STUDIO}/book/clients?after={page['next_after']}", headers=AUTH)
    assert len(rest.get_json()["rows"]) == 1 and rest.get_json()["next_after"] is None
    every = page["rows"] + rest.get_json()["rows"]
    rows = [dict(zip(page["columns"], row, strict=True)) for row in every]
    assert sorted(row["name"] for row in rows) == ["Asha", "Ben", "Cara"]  # not the other studio's client
    assert [row["consent_how"] for row in rows if row["id"] == first] == ["signup form"]
    notes = client.get(f"/api/service/studios/{STUDIO}/book/notes", headers=AUTH).get_json()
    assert [dict(zip(notes["columns"], row, strict=True))["text"] for row in notes["rows"]] == ["Back row."]
    tags = client.get(f"/api/service/studios/{STUDIO}/book/tags", headers=AUTH).get_json()
    assert [dict(zip(tags["columns"], row, strict=True))["tag"] for row in tags["rows"]] == ["regular"]


def test_only_the_service_token_reads_the_book_and_only_its_parts(app):
    client, _first = _book(app)
    assert client.get(f"/api/service/studios/{STUDIO}/book/clients").status_code == 401
    assert client.get(f"/api/service/studios/{STUDIO}/book/clients", headers=staff_token("owner")).status_code == 401
    assert client.get(f"/api/service/studios/{STUDIO}/book/payments", headers=AUTH).status_code == 404
    assert client.get(f"/api/service/studios/{STUDIO}/book/clients?limit=0", headers=AUTH).status_code == 400

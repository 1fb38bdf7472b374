"""The client book's CSV download: every client the list would show (q, tag, segment), spend only for readers who
see money, no cell a spreadsheet would run as a formula, streamed a chunk at a time."""

import csv
import datetime as dt
import io

import pytest
from client_book_payloads import SLUG, booking, staff_token, typed
from crm_payloads import AUTH

from crm_microservice.services.clients import export

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
HOSTILE = ['=HYPERLINK("http://x")', "+1+2", "-3", "@SUM(A1)", "Asha; =cmd|' /C calc'!A0"]


@pytest.fixture
def studio(app):
    """Seven clients: five with names a spreadsheet would run, Ravi who paid, Mira tagged vip."""
    client = app.test_client()
    people = [*HOSTILE, "Ravi", "Mira"]
    for n, name in enumerate(people, start=1):
        person = {"id": 400 + n, "name": name, "email": f"p{n}@example.com"}
        assert (
            client.post("/notify", json=booking("booking_created", n, NOW, NOW, user=person), headers=AUTH).status_code
            == 201
        )
    paid = typed("payment_succeeded", NOW, booking_id=6, user_id=406, amount_paid=150_000, currency="INR")
    assert client.post("/notify", json=paid, headers=AUTH).status_code == 201
    ids = {item["name"]: item["id"] for item in _listed(client)}
    tags = client.put(
        f"/api/studios/{SLUG}/clients/{ids['Mira']}/tags", json={"tags": ["vip"]}, headers=staff_token("owner")
    )
    assert tags.status_code == 200
    return client


def _listed(client) -> list[dict]:
    answer = client.get(f"/api/studios/{SLUG}/clients", query_string={"per_page": 100}, headers=staff_token("owner"))
    return answer.get_json()["items"]


def _csv(client, role: str = "owner", **query) -> list[dict]:
    answer = client.get(f"/api/studios/{SLUG}/clients.csv", query_string=query, headers=staff_token(role))
    assert answer.status_code == 200, answer.get_json()
    assert answer.mimetype == "text/csv" and "attachment" in answer.headers["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(answer.text)))


def test_every_client_with_figures_and_spend(studio):
    rows = _csv(studio)

    assert [row["name"] for row in rows][-2:] == ["Ravi", "Mira"] and len(rows) == 7
    ravi = next(row for row in rows if row["name"] == "Ravi")
    assert (ravi["bookings"], ravi["spent"], ravi["refunded"], ravi["guest"]) == ("1", "INR 1500.00", "INR 0.00", "no")
    assert next(row for row in rows if row["name"] == "Mira")["tags"] == "vip"


def test_no_cell_runs_as_a_formula(studio):
    names = [row["name"] for row in _csv(studio)][:5]

    assert names == ['\'=HYPERLINK("http://x")', "'+1+2", "'-3", "'@SUM(A1)", "Asha; '=cmd|' /C calc'!A0"]


def test_the_download_follows_the_lists_filters(studio):
    owner = staff_token("owner")
    segment = studio.post(
        f"/api/studios/{SLUG}/segments", json={"name": "VIP", "filters": {"tag": "vip"}}, headers=owner
    ).get_json()

    assert [row["name"] for row in _csv(studio, segment=segment["id"])] == ["Mira"]
    assert [row["name"] for row in _csv(studio, tag="vip")] == ["Mira"]
    assert [row["name"] for row in _csv(studio, q="Ravvi")] == ["Ravi"]
    refused = studio.get(f"/api/studios/{SLUG}/clients.csv?segment={segment['id']}", headers=staff_token("instructor"))
    assert refused.status_code == 403
    missing = studio.get(f"/api/studios/{SLUG}/clients.csv?segment=999", headers=owner)
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "segment_not_found"


def test_front_desk_sees_spend_and_chunks_lose_no_one(studio, monkeypatch):
    monkeypatch.setattr(export, "CHUNK", 2)

    rows = _csv(studio, role="front_desk")

    assert len(rows) == 7 and len({row["id"] for row in rows}) == 7 and "spent" in rows[0]


def test_spend_reads_in_rupees_and_times_on_the_studios_clock(studio):
    rows = _csv(studio)
    ravi = next(row for row in rows if row["name"] == "Ravi")
    zoned = [name for name in ravi if name.startswith("first_seen_at (")]
    assert ravi["spent"] == "INR 1500.00" and zoned, list(ravi)
    assert len(ravi[zoned[0]]) == len("2026-11-29 11:16:00")  # a date and time a spreadsheet reads

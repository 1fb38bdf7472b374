"""A WhatsApp conversation in the client book: what the person wrote (whatsapp_received) is in the studio's inbox and
the client's timeline with its words; staff's answer (whatsapp_answered) in the timeline alone; words over 4096
characters are refused; an instructor sees none of it; and the words go when the person erases their account, as
notes do."""

import datetime as dt

import pytest
from client_book_payloads import IDS, INSTRUCTOR, PERSON, SLUG, STUDIO, booking, staff_token
from crm_payloads import AUTH
from crm_tokens import bearer, mint

from service_kit.security import INBOX_STUDIOS_CLAIM

pytestmark = pytest.mark.both_databases  # the client book's projection branches on the dialect

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
CLOSES = (NOW + dt.timedelta(hours=24)).isoformat()
STAFF = {"id": 300, "name": "Desk Devi"}


def received(text: str | None, *, stopped: bool = False) -> dict:
    """whatsapp_received as crm.whatsapp_received_row writes it."""
    data = {"user": PERSON, "text": text, "received_at": NOW.isoformat(), "window_closes_at": CLOSES}
    return {
        "notification_id": f"wa-{next(IDS)}",
        "type": "whatsapp_received",
        "timestamp": NOW.isoformat(),
        "user_id": PERSON["id"],
        "studio_id": STUDIO,
        "message": f"{PERSON['name']} wrote on WhatsApp",
        "data": data | {"stopped": stopped},
    }


def answered(text: str) -> dict:
    """whatsapp_answered as crm.whatsapp_answered_row writes it."""
    data = {"user": PERSON, "text": text, "sent_by": STAFF, "message_id": "a" * 32}
    return received(None) | {
        "notification_id": f"wa-{next(IDS)}",
        "type": "whatsapp_answered",
        "message": f"{STAFF['name']} answered {PERSON['name']} on WhatsApp",
        "data": data,
    }


def inbox(client) -> dict:
    token = bearer(mint(STAFF["id"], "user", claims={INBOX_STUDIOS_CLAIM: [STUDIO]}))
    return client.get(f"/notifications?studio_id={STUDIO}", headers=token).get_json()


def profile(client, role: str = "front_desk", user_id: int = 300) -> dict:
    page = client.get(f"/api/studios/{SLUG}/clients", headers=staff_token(role, user_id)).get_json()
    [person] = page["items"]
    return client.get(f"/api/studios/{SLUG}/clients/{person['id']}", headers=staff_token(role, user_id)).get_json()


def test_a_message_is_in_the_inbox_and_the_timeline_and_the_answer_in_the_timeline_alone(app):
    client = app.test_client()
    for payload in (received("कल आ रही हूँ"), answered("See you at 7!")):
        assert client.post("/notify", json=payload, headers=AUTH).status_code == 201
    listed = inbox(client)
    assert [item["type"] for item in listed["items"]] == ["whatsapp_received"] and listed["unread"] == 1
    assert listed["items"][0]["data"]["text"] == "कल आ रही हूँ"
    found = profile(client)
    assert (found["name"], found["phone"]) == (PERSON["name"], PERSON["phone"])  # a client of the studio's book
    entries = {entry["type"]: entry for entry in found["timeline"]["items"]}
    assert entries["whatsapp_received"]["whatsapp"] == {
        "text": "कल आ रही हूँ",
        "stopped": False,
        "window_closes_at": CLOSES,
        "sent_by": None,
        "message_id": None,
    }
    assert entries["whatsapp_answered"]["whatsapp"]["text"] == "See you at 7!"
    assert entries["whatsapp_answered"]["whatsapp"]["sent_by"] == STAFF
    assert entries["whatsapp_answered"]["whatsapp"]["message_id"] == "a" * 32  # the web app's answer, once


def test_an_instructor_sees_their_client_but_not_the_whatsapp_conversation(app):
    client = app.test_client()
    now = dt.datetime.now(dt.UTC)
    taught = booking("booking_created", 1, now + dt.timedelta(days=1), now, instructor=INSTRUCTOR)
    for payload in (taught, received("my knee hurts"), answered("Rest it, Asha.")):
        assert client.post("/notify", json=payload, headers=AUTH).status_code == 201
    theirs = profile(client, "instructor", INSTRUCTOR)
    assert [entry["type"] for entry in theirs["timeline"]["items"]] == ["booking_created"]
    assert "knee" not in str(theirs) and "Rest it" not in str(theirs)
    # The front desk, who may answer, sees the whole conversation.
    desk = [entry["type"] for entry in profile(client)["timeline"]["items"]]
    assert sorted(desk) == ["booking_created", "whatsapp_answered", "whatsapp_received"]


def test_words_over_4096_characters_are_refused_and_4096_taken(app):
    client = app.test_client()
    refused = client.post("/notify", json=received("x" * 4097), headers=AUTH)
    assert refused.status_code == 400 and "data.text" in refused.get_json()["error"]["details"]
    assert client.post("/notify", json=received("x" * 4096), headers=AUTH).status_code == 201
    assert client.post("/notify", json=received(None), headers=AUTH).status_code == 201  # a photo: no words


def test_the_words_go_when_the_person_erases_their_account(app):
    client = app.test_client()
    for payload in (received("my knee hurts, can I come?", stopped=True), answered("Rest it, Asha.")):
        assert client.post("/notify", json=payload, headers=AUTH).status_code == 201
    erased = {
        "notification_id": "erase-wa",
        "type": "person_erased",
        "user_id": PERSON["id"],
        "timestamp": NOW.isoformat(),
        "message": "A person erased their account",
    }
    assert client.post("/notify", json=erased, headers=AUTH).status_code == 201
    texts = [item["data"].get("text") for item in inbox(client)["items"] if item["type"].startswith("whatsapp")]
    assert texts == [None]
    found = profile(client)
    words = [entry["whatsapp"]["text"] for entry in found["timeline"]["items"] if "whatsapp" in entry]
    assert words == [None, None]
    assert "knee" not in str(found) and "Rest it" not in str(found)

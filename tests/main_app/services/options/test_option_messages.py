"""Where a booking's room option shows: its emails (a "Room:" line), its CRM messages, and the facilitator's
registrants (JSON and CSV, the line included)."""

import csv
import io
import re
from email import message_from_bytes, policy

from room_options import option_named

from main_app.models import utcnow
from main_app.services.emails.compose import compose

SENDER = "Sessions & Retreats <bookings@retreats.example>"


def book_in(client, session: dict, option: dict) -> dict:
    response = client.post("/bookings/book", json={"session_id": session["id"], "option_id": option["id"]})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def bodies(kind: str, snapshot: dict) -> list[str]:
    """The text and HTML of an email composed from an outbox snapshot, as a mail client reads them."""
    built = compose(kind, snapshot, outbox_id="0123abcd", sender=SENDER, web_url="https://x.example", stamp=utcnow())
    mail = message_from_bytes(built.as_bytes(), policy=policy.default)
    return [part.get_content() for part in mail.walk() if part.get_content_type() in ("text/plain", "text/html")]


def test_the_emails_name_the_room(app, user_client, make_retreat, email_outbox):
    session = make_retreat(options=(("Tent", 0, 2), ("Shared twin", 0, 5)))
    booking = book_in(user_client, session, option_named(session, "Shared twin"))
    mails = {m["type"]: m["payload"]["snapshot"] for m in email_outbox()}  # the reminders go with a cancellation
    assert user_client.post(f"/bookings/{booking['id']}/cancel").status_code == 200
    mails |= {m["type"]: m["payload"]["snapshot"] for m in email_outbox()}
    for kind in ("booking_confirmed", "reminder_24h", "booking_cancelled"):
        assert mails[kind]["option"] == {"id": booking["option"]["id"], "name": "Shared twin"}, kind
        with app.app_context():
            text, html = bodies(kind, mails[kind])
        assert "Room:   Shared twin" in text, kind
        assert re.search(r">Room</th>\s*<td[^>]*>Shared twin</td>", html), kind


def test_an_email_without_a_room_has_no_room_line(app, user_client, make_session, email_outbox):
    booking = user_client.post("/book", json={"session_id": make_session().id}).get_json()
    [mail] = [m for m in email_outbox() if m["type"] == "booking_confirmed" and m["booking_id"] == booking["id"]]
    assert "option" not in mail["payload"]["snapshot"]
    with app.app_context():
        text, html = bodies("booking_confirmed", mail["payload"]["snapshot"])
    assert "Room" not in text and "Room" not in html


def test_the_crm_hears_the_option(user_client, make_retreat, outbox):
    session = make_retreat(options=(("Tent", 0, 2), ("Dorm", 0, 5)))
    tent = option_named(session, "Tent")
    booking = book_in(user_client, session, tent)
    assert user_client.post(f"/bookings/{booking['id']}/cancel").status_code == 200
    messages = [m for m in outbox() if m["type"] in ("booking_created", "booking_cancelled")]
    assert [m["type"] for m in messages] == ["booking_created", "booking_cancelled"]
    assert all(m["payload"]["data"]["option"] == {"id": tent["id"], "name": "Tent"} for m in messages)


def test_the_registrants_show_the_option_and_the_line_per_option(make_retreat, people, priya_client, base):
    session = make_retreat(options=(("Tent", 0, 1), ("Dorm", 0, 5)))
    tent, dorm = option_named(session, "Tent"), option_named(session, "Dorm")
    (camper_account, camper), (sleeper_account, sleeper), (waiting_account, waiting) = people(3)
    book_in(camper, session, tent)
    book_in(sleeper, session, dorm)
    assert waiting.post(f"/sessions/{session['id']}/waitlist", json={"option_id": tent["id"]}).status_code == 201
    body = priya_client.get(f"{base}/sessions/{session['id']}/registrants").get_json()
    assert [(r["user_id"], r["option"]["name"]) for r in body["items"]] == [
        (camper_account.id, "Tent"),
        (sleeper_account.id, "Dorm"),
    ]
    [place] = body["waiting"]
    assert (place["user_id"], place["position"], place["option"]["name"]) == (waiting_account.id, 1, "Tent")
    text = priya_client.get(f"{base}/sessions/{session['id']}/registrants.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(row["status"], row["option"]) for row in rows] == [
        ("active", "Tent"),
        ("active", "Dorm"),
        ("waiting", "Tent"),
    ]

"""Online and hybrid classes: a session says where it is held and keeps its video link; the link reaches only the
person booked, through their booking's join address, and only while that booking is on; never a public page."""

import json
from datetime import timedelta

import pytest

LINK = "https://meet.jit.si/lotus-morning-flow"


@pytest.fixture
def base(priya) -> str:
    return f"/api/facilitator/{priya.id}"


@pytest.fixture
def online(make_session, priya, priya_client, base):
    """priya's class tomorrow, made hybrid with its video link through the staff route."""
    session = make_session(capacity=5, facilitator_id=priya.id, title="Morning Flow")
    answer = priya_client.patch(f"{base}/sessions/{session.id}", json={"mode": "hybrid", "video_url": LINK})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["mode"] == "hybrid" and answer.get_json()["video_url"] == LINK  # staff see it
    return session


def _book(client, session_id: int) -> dict:
    answer = client.post("/book", json={"session_id": session_id})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def test_the_person_booked_joins_and_nobody_else(app, online, user_client, make_user, client_for):
    booking = _book(user_client, online.id)
    assert booking["join_url"] == f"{app.config['PUBLIC_WEB_URL'].rstrip('/')}/join/{booking['id']}"
    assert booking["session"]["mode"] == "hybrid"
    joined = user_client.get(f"/bookings/{booking['id']}/join")
    assert joined.status_code == 200 and joined.get_json()["url"] == LINK
    # The address forwarded: another account is told there is no such booking.
    other = client_for(make_user(name="Forwarded To"))
    refused = other.get(f"/bookings/{booking['id']}/join")
    assert refused.status_code == 404 and refused.get_json()["error"]["code"] == "booking_not_found"
    # Cancelled: it opens nothing any more, and the booking shows no join address.
    assert user_client.post(f"/bookings/{booking['id']}/cancel", json={}).status_code == 200
    closed = user_client.get(f"/bookings/{booking['id']}/join")
    assert closed.status_code == 409 and closed.get_json()["error"]["code"] == "booking_not_active"
    mine = user_client.get("/bookings").get_json()["items"]
    assert next(item for item in mine if item["id"] == booking["id"])["join_url"] is None


def test_the_link_never_reaches_a_public_page(client, online):
    pages = [client.get(f"/events/{online.event_id}"), client.get("/events"), client.get("/timetable")]
    assert all(page.status_code == 200 for page in pages)
    assert not any(LINK in json.dumps(page.get_json()) for page in pages)
    session = next(s for s in pages[0].get_json()["sessions"] if s["id"] == online.id)
    assert session["mode"] == "hybrid" and "video_url" not in session


def test_an_in_person_class_or_one_without_its_link_opens_nothing(make_session, priya, priya_client, base, user_client):
    in_person = make_session(capacity=5, facilitator_id=priya.id)
    booking = _book(user_client, in_person.id)
    assert booking["join_url"] is None
    answer = user_client.get(f"/bookings/{booking['id']}/join")
    assert answer.status_code == 409 and "in person" in answer.get_json()["error"]["message"]
    assert priya_client.patch(f"{base}/sessions/{in_person.id}", json={"mode": "online"}).status_code == 200
    waiting = user_client.get(f"/bookings/{booking['id']}/join")
    assert waiting.status_code == 409 and waiting.get_json()["error"]["code"] == "join_not_ready"


@pytest.mark.parametrize(
    "body",
    [
        {"video_url": "http://meet.example.com/x"},
        {"video_url": "javascript:alert(1)"},
        {"video_url": "https://" + "a" * 500 + ".com"},
        {"video_url": "meet.example.com"},
        {"mode": "outdoors"},
    ],
)
def test_a_bad_mode_or_link_is_refused_and_changes_nothing(online, priya_client, base, body):
    answer = priya_client.patch(f"{base}/sessions/{online.id}", json=body)
    assert answer.status_code == 400 and answer.get_json()["error"]["code"] == "validation_error"
    assert set(answer.get_json()["error"]["details"]) == set(body)


def test_a_changed_link_is_noted_without_the_link(online, priya_client, base, outbox):
    before = outbox()
    new_link = "https://zoom.us/j/123456789"
    assert priya_client.patch(f"{base}/sessions/{online.id}", json={"video_url": new_link}).status_code == 200
    sent = [m for m in outbox() if m not in before]
    assert sent and not any(LINK in json.dumps(m, default=str) or new_link in json.dumps(m, default=str) for m in sent)


def test_a_guest_joins_from_their_own_email_while_their_seat_is_on(app, online, user_client, client, email_outbox):
    body = {"session_id": online.id, "seats": 2, "guests": [{"name": "Ana Silva", "email": "ana@example.com"}]}
    booked = user_client.post("/book", json=body)
    assert booked.status_code == 201, booked.get_json()
    [confirmed] = [m for m in email_outbox() if m["type"] == "guest_confirmed"]
    token = confirmed["payload"]["snapshot"]["guest_join"]
    assert "." not in token  # it ends the web app's path, where a dot would read as a file name
    reminders = [m for m in email_outbox() if m["type"] == "guest_reminder"]
    assert reminders and all(m["payload"]["snapshot"]["guest_join"] == token for m in reminders)
    joined = client.get(f"/guests/join/{token}")  # no account: the signed address is theirs
    assert joined.status_code == 200 and joined.get_json()["url"] == LINK
    assert joined.get_json()["booking_id"] == booked.get_json()["id"]
    for forged in (token[:-2] + "xx", "not-a-token", "a" * 400):
        refused = client.get(f"/guests/join/{forged}")
        assert refused.status_code == 404 and refused.get_json()["error"]["code"] == "invalid_token"
    [guest] = booked.get_json()["guests"]
    given_back = user_client.post(f"/bookings/{booked.get_json()['id']}/guests/{guest['id']}/cancel", json={})
    assert given_back.status_code == 200, given_back.get_json()
    closed = client.get(f"/guests/join/{token}")
    assert closed.status_code == 409 and closed.get_json()["error"]["code"] == "booking_not_active"
    assert user_client.get(f"/bookings/{booked.get_json()['id']}/join").status_code == 200  # the booker's stays


def test_people_booked_are_told_when_their_class_goes_online_and_their_reminders_follow(
    make_session, priya, priya_client, base, user_client, email_outbox
):
    session = make_session(capacity=5, facilitator_id=priya.id, title="Evening Yin", starts_in=timedelta(days=3))
    booked = _book(user_client, session.id)
    reminders = [m["id"] for m in email_outbox() if m["type"] in ("reminder_24h", "reminder_2h")]
    assert reminders and all(
        m["payload"]["snapshot"]["session"]["mode"] == "in_person" for m in email_outbox() if m["id"] in reminders
    )
    change = {"mode": "online", "video_url": LINK}
    assert priya_client.patch(f"{base}/sessions/{session.id}", json=change).status_code == 200
    [told] = [m for m in email_outbox() if m["type"] == "booking_changed"]
    assert told["payload"]["snapshot"]["booking"]["id"] == booked["id"]
    assert told["payload"]["snapshot"]["changes"] == [{"label": "How", "from": "In person", "to": "Online"}]
    assert LINK not in json.dumps(told, default=str)  # the join page, never the link
    ahead = [m for m in email_outbox() if m["type"] in ("reminder_24h", "reminder_2h")]
    assert {m["id"] for m in ahead}.isdisjoint(reminders)  # written again, as the class now is
    assert ahead and all(m["payload"]["snapshot"]["session"]["mode"] == "online" for m in ahead)
    # A new link alone tells nobody again: the join page always opens the current one.
    assert priya_client.patch(f"{base}/sessions/{session.id}", json={"video_url": LINK + "-2"}).status_code == 200
    assert len([m for m in email_outbox() if m["type"] == "booking_changed"]) == 1


def test_the_staff_list_of_events_carries_each_sessions_link(online, priya_client, base):
    """The dashboard reads this list: without the link it said "no video link yet" for a session that has one."""
    events = priya_client.get(f"{base}/events").get_json()["items"]
    listed = next(s for e in events for s in e["sessions"] if s["id"] == online.id)
    assert (listed["mode"], listed["video_url"], listed["series_id"]) == ("hybrid", LINK, None)

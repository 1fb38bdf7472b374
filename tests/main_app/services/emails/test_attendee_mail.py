"""Which emails each change queues for the people who book, and when: the outbox's email channel, read straight from
the database (what the dispatcher will send is tested in test_email_dispatch.py)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from itsdangerous import URLSafeTimedSerializer

from main_app.models import utcnow
from main_app.services.common import tokens as account_tokens
from main_app.services.common.tokens import TokenRefused, unsubscribe_token, unsubscribe_user_id

HOUR, DAY = timedelta(hours=1), timedelta(days=1)
REMINDERS = {"reminder_24h", "reminder_2h"}


@pytest.fixture
def base(priya) -> str:
    return f"/api/facilitator/{priya.id}"


def kinds(rows) -> list[str]:
    return [row["type"] for row in rows]


def reminders(rows) -> dict[str, datetime]:
    return {row["type"]: row["next_attempt_at"] for row in rows if row["type"] in REMINDERS}


def book(client, session_id: int) -> dict:
    response = client.post("/book", json={"session_id": session_id})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_booking_queues_a_confirmation_now_and_both_reminders_at_their_times(user_client, make_session, email_outbox):
    session = make_session(starts_in=3 * DAY, title="Morning Flow", location="Lotus Studio", timezone="Asia/Kolkata")
    booking = book(user_client, session.id)
    rows = email_outbox()
    assert kinds(rows) == ["booking_confirmed", "reminder_24h", "reminder_2h"]
    starts_at = datetime.fromisoformat(booking["session"]["starts_at"])
    assert reminders(rows) == {"reminder_24h": starts_at - DAY, "reminder_2h": starts_at - 2 * HOUR}
    confirmation = rows[0]
    assert abs(confirmation["next_attempt_at"] - utcnow()) < timedelta(seconds=30)
    assert {row["booking_id"] for row in rows} == {booking["id"]}
    snapshot = confirmation["payload"]["snapshot"]
    assert snapshot["to"] == {"name": "Asha Rao", "email": "asha@example.com", "user_id": booking["user_id"]}
    assert snapshot["event"]["timezone"] == "Asia/Kolkata" and snapshot["event"]["location"] == "Lotus Studio"
    assert snapshot["booking"] == {"id": booking["id"], "sequence": 0}
    # The answer says when the reminders will go, as My bookings does.
    assert [datetime.fromisoformat(t) for t in booking["reminders_at"]] == [starts_at - DAY, starts_at - 2 * HOUR]
    listed = user_client.get("/bookings").get_json()["items"][0]
    assert listed["reminders_at"] == booking["reminders_at"]


def test_booking_three_hours_ahead_gets_only_the_two_hour_reminder(user_client, make_session, email_outbox):
    session = make_session(starts_in=3 * HOUR)
    book(user_client, session.id)
    assert kinds(email_outbox()) == ["booking_confirmed", "reminder_2h"]


def test_booking_within_two_hours_gets_no_reminder(user_client, make_session, email_outbox):
    book(user_client, make_session(starts_in=HOUR).id)
    assert kinds(email_outbox()) == ["booking_confirmed"]


def test_cancelling_drops_the_reminders_and_sends_the_cancellation(user_client, make_session, email_outbox):
    booking = book(user_client, make_session(starts_in=3 * DAY).id)
    response = user_client.post(f"/bookings/{booking['id']}/cancel", json={"reason": "A clash"})
    assert response.status_code == 200 and response.get_json()["reminders_at"] == []
    rows = email_outbox()
    assert kinds(rows) == ["booking_confirmed", "booking_cancelled"]
    cancellation = rows[1]["payload"]["snapshot"]
    assert (cancellation["by"], cancellation["booking"]["sequence"]) == ("you", 1)


def test_reactivating_schedules_the_reminders_again_with_a_higher_sequence(user_client, make_session, email_outbox):
    booking = book(user_client, make_session(starts_in=3 * DAY).id)
    user_client.post(f"/bookings/{booking['id']}/cancel", json={})
    response = user_client.post(f"/bookings/{booking['id']}/reactivate")
    assert response.status_code == 200 and len(response.get_json()["reminders_at"]) == 2
    rows = email_outbox()
    assert kinds(rows) == [
        "booking_confirmed",
        "booking_cancelled",
        "booking_reactivated",
        "reminder_24h",
        "reminder_2h",
    ]
    assert rows[2]["payload"]["snapshot"]["booking"]["sequence"] == 2


def test_moving_a_session_moves_the_reminders_and_tells_each_attendee_old_and_new(
    priya, priya_client, base, make_session, make_user, client_for, email_outbox
):
    session = make_session(starts_in=3 * DAY, facilitator_id=priya.id, timezone="Asia/Kolkata")
    people = [make_user(name=name) for name in ("Meera", "Ravi")]
    bookings = [book(client_for(person), session.id) for person in people]
    old_start = datetime.fromisoformat(bookings[0]["session"]["starts_at"])
    new_start = old_start + 5 * HOUR
    response = priya_client.patch(
        f"{base}/sessions/{session.id}",
        json={"starts_at": new_start.isoformat(), "ends_at": (new_start + HOUR).isoformat()},
    )
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["emails"] == {"sent": 0, "pending": 4, "failed": 0}
    rows = email_outbox()
    changed = [row for row in rows if row["type"] == "booking_changed"]
    assert [row["booking_id"] for row in changed] == [b["id"] for b in bookings]
    snapshot = changed[0]["payload"]["snapshot"]
    assert snapshot["booking"]["sequence"] == 1 and snapshot["session"]["starts_at"] == new_start.isoformat()
    [when] = snapshot["changes"]
    assert when["label"] == "When" and "IST" in when["from"] and "IST" in when["to"]
    local = ZoneInfo("Asia/Kolkata")
    assert (
        f"{old_start.astimezone(local):%H:%M}" in when["from"] and f"{new_start.astimezone(local):%H:%M}" in when["to"]
    )
    # Each person still has exactly one 24-hour and one 2-hour reminder, at the new times.
    for booking in bookings:
        mine = [row for row in rows if row["booking_id"] == booking["id"] and row["type"] in REMINDERS]
        assert reminders(mine) == {"reminder_24h": new_start - DAY, "reminder_2h": new_start - 2 * HOUR}
        assert len(mine) == 2


def test_moving_a_session_closer_drops_the_reminder_whose_time_has_passed(
    priya, priya_client, base, make_session, user_client, email_outbox
):
    session = make_session(starts_in=3 * DAY, facilitator_id=priya.id)
    book(user_client, session.id)
    soon = utcnow().replace(microsecond=0) + 5 * HOUR
    response = priya_client.patch(
        f"{base}/sessions/{session.id}", json={"starts_at": soon.isoformat(), "ends_at": (soon + HOUR).isoformat()}
    )
    assert response.status_code == 200
    assert reminders(email_outbox()) == {"reminder_2h": soon - 2 * HOUR}


def test_a_capacity_change_tells_nobody(priya, priya_client, base, make_session, user_client, email_outbox):
    session = make_session(starts_in=3 * DAY, facilitator_id=priya.id)
    book(user_client, session.id)
    before = email_outbox()
    assert priya_client.patch(f"{base}/sessions/{session.id}", json={"capacity": 9}).status_code == 200
    assert email_outbox() == before


def test_renaming_the_event_or_its_place_tells_those_booked_in_sessions_ahead(
    priya, priya_client, base, make_event, user_client, email_outbox
):
    event = make_event(facilitator_id=priya.id, sessions=2, starts_in=3 * DAY, location="Studio 1")
    book(user_client, event.session_ids[1])
    response = priya_client.patch(f"{base}/events/{event.id}", json={"title": "Evening Flow", "location": "Studio 2"})
    assert response.status_code == 200
    [changed] = [row for row in email_outbox() if row["type"] == "booking_changed"]
    snapshot = changed["payload"]["snapshot"]
    assert snapshot["changes"] == [
        {"label": "What", "from": "Morning Flow", "to": "Evening Flow"},
        {"label": "Where", "from": "Studio 1", "to": "Studio 2"},
    ]
    assert snapshot["event"]["title"] == "Evening Flow"
    # The reminders were rewritten with the new title.
    assert {row["payload"]["snapshot"]["event"]["title"] for row in email_outbox() if row["type"] in REMINDERS} == {
        "Evening Flow"
    }


def test_a_new_time_zone_is_a_change_of_local_time(priya, priya_client, base, make_event, user_client, email_outbox):
    event = make_event(facilitator_id=priya.id, starts_in=3 * DAY, timezone="Europe/Berlin")
    book(user_client, event.session_ids[0])
    assert priya_client.patch(f"{base}/events/{event.id}", json={"timezone": "Asia/Kolkata"}).status_code == 200
    [changed] = [row for row in email_outbox() if row["type"] == "booking_changed"]
    [when] = changed["payload"]["snapshot"]["changes"]
    assert when["label"] == "When" and ("CET" in when["from"] or "CEST" in when["from"]) and "IST" in when["to"]


def test_a_facilitator_cancelling_tells_everyone_why_and_drops_their_reminders(
    priya, priya_client, base, make_session, make_user, client_for, email_outbox
):
    session = make_session(starts_in=3 * DAY, facilitator_id=priya.id)
    for name in ("Meera", "Ravi", "Kiran"):
        book(client_for(make_user(name=name)), session.id)
    response = priya_client.post(f"{base}/sessions/{session.id}/cancel", json={"reason": "The studio flooded"})
    assert response.status_code == 200
    rows = email_outbox()
    assert reminders(rows) == {}
    cancelled = [row["payload"]["snapshot"] for row in rows if row["type"] == "booking_cancelled"]
    assert [(s["to"]["name"], s["by"], s["reason"]) for s in cancelled] == [
        (name, "facilitator", "The studio flooded") for name in ("Meera", "Ravi", "Kiran")
    ]
    assert {s["booking"]["sequence"] for s in cancelled} == {1}


def test_reminders_off_queues_none_and_drops_those_queued_then_on_brings_them_back(
    user_client, make_session, email_outbox
):
    first = book(user_client, make_session(starts_in=3 * DAY).id)
    response = user_client.patch("/auth/me", json={"reminders_enabled": False})
    assert response.status_code == 200 and response.get_json()["reminders_enabled"] is False
    assert reminders(email_outbox()) == {}
    book(user_client, make_session(starts_in=4 * DAY).id)
    assert reminders(email_outbox()) == {}
    assert user_client.get("/bookings").get_json()["items"][1]["reminders_at"] == []
    assert user_client.patch("/auth/me", json={"reminders_enabled": True}).status_code == 200
    assert len([row for row in email_outbox() if row["type"] in REMINDERS]) == 4
    assert first["id"] in {row["booking_id"] for row in email_outbox() if row["type"] in REMINDERS}


def test_a_persons_reminders_carry_one_unsubscribe_token_signed_once_for_their_account(
    app, user, user_client, make_session, email_outbox, monkeypatch
):
    account_tokens._unsubscribe_token_for.cache_clear()  # other tests' apps share the key and the ids
    signed, sign = [], URLSafeTimedSerializer.dumps
    monkeypatch.setattr(
        URLSafeTimedSerializer, "dumps", lambda self, obj, *a: signed.append(obj) or sign(self, obj, *a)
    )
    for days in (3, 4):
        book(user_client, make_session(starts_in=days * DAY).id)

    assert signed == [{"u": user.id}]  # two bookings, one signing
    urls = {row["payload"]["snapshot"]["unsubscribe_url"] for row in email_outbox() if row["type"] in REMINDERS}

    [url] = urls  # four reminders, one token
    token = url.rsplit("token=", 1)[1]
    with app.app_context():
        assert unsubscribe_user_id(token) == user.id
        app.config["SECRET_KEY"] = "another-secret-key-for-this-test-0123456789"
        assert unsubscribe_token(user) != token  # a new key signs anew, and the old token no longer holds
        with pytest.raises(TokenRefused):
            unsubscribe_user_id(token)


def test_registering_queues_a_welcome(client, email_outbox):
    body = {"name": "Meera Iyer", "email": "meera@example.com", "password": "long-enough-1"}
    assert client.post("/auth/register", json=body).status_code == 201
    [welcome] = email_outbox()
    assert welcome["type"] == "welcome" and welcome["payload"]["snapshot"] == {
        "to": {"name": "Meera Iyer", "email": "meera@example.com"}
    }


def test_a_weekly_class_at_nine_in_berlin_stays_at_nine_across_the_clock_change(make_event, user_client, email_outbox):
    berlin = ZoneInfo("Europe/Berlin")
    # 2031-03-30 is the last Sunday of March: clocks go from CET (UTC+1) to CEST (UTC+2).
    first = datetime(2031, 3, 24, 9, 0, tzinfo=berlin)
    after = datetime(2031, 3, 31, 9, 0, tzinfo=berlin)
    # Stored in UTC: in absolute time that week is an hour short.
    first_utc, after_utc = first.astimezone(UTC), after.astimezone(UTC)
    assert after_utc - first_utc == timedelta(days=7) - HOUR
    event = make_event(at=first_utc, every=after_utc - first_utc, sessions=2, timezone="Europe/Berlin")
    for session_id in event.session_ids:
        book(user_client, session_id)
    confirmations = [row["payload"]["snapshot"] for row in email_outbox() if row["type"] == "booking_confirmed"]
    local = [datetime.fromisoformat(s["session"]["starts_at"]).astimezone(berlin) for s in confirmations]
    assert [(t.hour, t.minute, t.tzname()) for t in local] == [(9, 0, "CET"), (9, 0, "CEST")]
    # And the reminders keep to absolute time: 24 hours before each start.
    starts = sorted(datetime.fromisoformat(s["session"]["starts_at"]) for s in confirmations)
    assert sorted(row["next_attempt_at"] for row in email_outbox() if row["type"] == "reminder_24h") == [
        t - DAY for t in starts
    ]


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_a_blank_name_is_refused_at_sign_up_and_on_the_account(client, user_client, assert_error, name):
    body = {"name": name, "email": "blank@example.com", "password": "long-enough-1"}
    assert_error(client.post("/auth/register", json=body), 400, "validation_error", "name")
    assert_error(user_client.patch("/auth/me", json={"name": name}), 400, "validation_error", "name")
    assert user_client.get("/auth/me").get_json()["name"] == "Asha Rao"


def test_my_name_in_another_script_is_kept_shown_and_removed(user_client, assert_error):
    answer = user_client.patch("/auth/me", json={"other_name": " आशा राव "})
    assert answer.status_code == 200 and answer.get_json()["other_name"] == "आशा राव"
    assert user_client.get("/auth/me").get_json()["other_name"] == "आशा राव"
    assert_error(user_client.patch("/auth/me", json={"other_name": "x" * 201}), 400, "validation_error", "other_name")
    assert user_client.patch("/auth/me", json={"other_name": "  "}).get_json()["other_name"] is None
    user_client.patch("/auth/me", json={"other_name": "आशा"})
    assert user_client.patch("/auth/me", json={"other_name": None}).get_json()["other_name"] is None


def test_a_new_name_is_used_from_the_next_email_on(user_client, make_session, email_outbox):
    response = user_client.patch("/auth/me", json={"name": "  Asha R. Rao "})
    assert response.status_code == 200 and response.get_json()["name"] == "Asha R. Rao"
    book(user_client, make_session(starts_in=HOUR).id)
    assert email_outbox()[-1]["payload"]["snapshot"]["to"]["name"] == "Asha R. Rao"

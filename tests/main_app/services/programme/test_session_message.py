"""A facilitator messages the people booked in a session: one email each through the outbox (replies to them), one
CRM message, rate-limited per facilitator; bad requests change nothing."""

from datetime import timedelta

import pytest

HOUR, DAY = timedelta(hours=1), timedelta(days=1)
MESSAGE = {"subject": "Bring a warm layer", "text": "The hall is cold in the mornings.\r\n\r\nSee you, Priya"}


@pytest.fixture
def base(priya) -> str:
    return f"/api/facilitator/{priya.id}"


@pytest.fixture
def booked_session(make_session, priya, make_user, client_for):
    """A session of priya's with three bookings, one of them cancelled: (session, [the two active accounts])."""
    session = make_session(capacity=5, starts_in=2 * DAY, facilitator_id=priya.id)
    accounts = [make_user(name=f"Guest {n}") for n in range(3)]
    booking_ids = []
    for account in accounts:
        response = client_for(account).post("/book", json={"session_id": session.id})
        assert response.status_code == 201
        booking_ids.append(response.get_json()["id"])
    assert client_for(accounts[2]).post(f"/bookings/{booking_ids[2]}/cancel").status_code == 200
    return session, accounts[:2]


def messages_of(email_outbox) -> list[dict]:
    return [row for row in email_outbox() if row["type"] == "facilitator_message"]


def test_every_active_booking_gets_the_message_and_the_crm_hears_it_once(
    priya_client, base, booked_session, email_outbox, outbox, priya
):
    session, active = booked_session
    response = priya_client.post(f"{base}/sessions/{session.id}/message", json=MESSAGE)
    assert (response.status_code, response.get_json()) == (202, {"recipients": 2})

    sent = messages_of(email_outbox)
    assert sorted(row["payload"]["snapshot"]["to"]["email"] for row in sent) == sorted(a.email for a in active)
    snapshot = sent[0]["payload"]["snapshot"]
    assert snapshot["subject"] == "Bring a warm layer"
    assert snapshot["text"] == "The hall is cold in the mornings.\n\nSee you, Priya"  # line ends made plain
    assert snapshot["reply_to"] == {"name": priya.name, "email": priya.email}
    assert all(row["booking_id"] is not None and row["status"] == "pending" for row in sent)

    [crm] = [row for row in outbox() if row["type"] == "session_message"]
    assert crm["payload"]["facilitator_id"] == priya.id and crm["payload"]["session_id"] == session.id
    assert crm["payload"]["data"]["recipients"] == 2 and crm["payload"]["data"]["subject"] == MESSAGE["subject"]
    assert "The hall is cold" not in str(crm["payload"])  # the words stay between her and her attendees


def test_the_session_counts_the_messages_among_its_emails(priya_client, base, booked_session):
    session, _active = booked_session

    def emails():
        [shown] = priya_client.get(f"{base}/events/{session.event_id}").get_json()["sessions"]
        return shown["emails"]

    before = emails()
    assert priya_client.post(f"{base}/sessions/{session.id}/message", json=MESSAGE).status_code == 202
    assert emails() == {**before, "pending": before["pending"] + 2}


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, ("subject", "text")),
        ({"subject": "   ", "text": "Hello"}, ("subject",)),
        ({"subject": "Hi", "text": "\n\t "}, ("text",)),
        ({"subject": "x" * 201, "text": "Hello"}, ("subject",)),
        ({"subject": "Hi", "text": "x" * 5001}, ("text",)),
        ({"subject": ["Hi"], "text": {"a": 1}}, ("subject", "text")),
        ({"subject": "Hi\ud800", "text": "Hello"}, ("subject",)),
    ],
)
def test_bad_messages_are_refused_and_nothing_is_queued(
    priya_client, base, booked_session, body, fields, assert_error, db_rows
):
    session, _active = booked_session
    before = db_rows()
    assert_error(
        priya_client.post(f"{base}/sessions/{session.id}/message", json=body), 400, "validation_error", *fields
    )
    assert db_rows() == before


def test_sessions_nobody_can_be_told_about_are_refused(
    priya_client, base, make_session, priya, booked_session, assert_error, db_rows
):
    empty = make_session(capacity=5, starts_in=DAY, facilitator_id=priya.id)
    over = make_session(capacity=5, starts_in=-2 * HOUR, facilitator_id=priya.id)
    session, _active = booked_session
    assert priya_client.post(f"{base}/sessions/{session.id}/cancel", json={"reason": "Flooded"}).status_code == 200
    before = db_rows()
    for session_id, code in (
        (empty.id, "no_recipients"),
        (over.id, "session_finished"),
        (session.id, "session_cancelled"),
    ):
        assert_error(priya_client.post(f"{base}/sessions/{session_id}/message", json=MESSAGE), 409, code)
    assert_error(priya_client.post(f"{base}/sessions/999999/message", json=MESSAGE), 404, "session_not_found")
    assert db_rows() == before


def test_only_the_sessions_own_facilitator_may_message(
    client, user_client, arjun_client, arjun, base, booked_session, assert_error
):
    session, _active = booked_session
    url = f"{base}/sessions/{session.id}/message"
    assert_error(client.post(url, json=MESSAGE), 401, "unauthorized")
    assert_error(user_client.post(url, json=MESSAGE), 403, "forbidden")
    assert_error(arjun_client.post(url, json=MESSAGE), 403, "forbidden")  # another facilitator, on priya's path
    own_path = f"/api/facilitator/{arjun.id}/sessions/{session.id}/message"
    assert_error(arjun_client.post(own_path, json=MESSAGE), 403, "forbidden")  # on his path, her session


def test_messages_are_limited_per_facilitator_and_only_sent_ones_count(
    make_app, booked_session, priya, arjun, token_for, assert_error
):
    session, _active = booked_session
    limited = make_app(RATELIMIT_SESSION_MESSAGE="2/hour")  # the same database, this limit

    def post(account, body=MESSAGE, session_id=session.id):
        return limited.test_client().post(
            f"/api/facilitator/{account.id}/sessions/{session_id}/message",
            json=body,
            headers={"Authorization": f"Bearer {token_for(account)}"},
        )

    assert post(priya, {"subject": ""}).status_code == 400  # refused ones do not count
    assert post(arjun).status_code == 403  # nor does someone else's attempt on her session
    assert [post(priya).status_code for _ in range(2)] == [202, 202]
    error = assert_error(post(priya), 429, "too_many_requests")
    assert "sent several messages recently" in error["message"]
    assert int(post(priya).headers["Retry-After"]) > 60  # an hour's window


def test_guests_who_gave_an_email_get_the_message_too(
    priya_client, base, make_session, priya, user_client, email_outbox
):
    session = make_session(capacity=5, starts_in=2 * DAY, facilitator_id=priya.id)
    guests = [{"name": "Ana Silva", "email": "ana@example.com"}, {"name": "Nameless"}]
    assert user_client.post("/book", json={"session_id": session.id, "seats": 3, "guests": guests}).status_code == 201
    response = priya_client.post(f"{base}/sessions/{session.id}/message", json=MESSAGE)
    assert (response.status_code, response.get_json()) == (202, {"recipients": 2})  # the booker and Ana
    [to_guest] = [row for row in email_outbox() if row["type"] == "guest_message"]
    snapshot = to_guest["payload"]["snapshot"]
    assert snapshot["to"]["email"] == "ana@example.com" and snapshot["subject"] == "Bring a warm layer"
    assert snapshot["reply_to"] == {"name": priya.name, "email": priya.email}
    assert "unsubscribe_url" in snapshot  # a guest's address: one click stops it
    assert not [
        row for row in email_outbox() if row["type"] == "guest_reminder" and row["created_at"] > to_guest["created_at"]
    ]

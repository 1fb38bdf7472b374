"""Feedback: the people who came are emailed one-click rating links when the session closes; one answer per booking,
changeable for a week; forged, expired or not-attended links are refused; the facilitator reads the answers."""

import time
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from test_attendance import check_in, time_passes

pytestmark = pytest.mark.both_databases


@pytest.fixture
def closed(app, make_session, people, facilitator, facilitator_client, payments_lane):
    """A session closed with one booking attended and one not: (session, came, missed)."""
    session = make_session(capacity=5, starts_in=timedelta(minutes=10), facilitator_id=facilitator.id)
    (_a, came_client), (_b, missed_client) = people(2)
    came = came_client.post("/bookings/book", json={"session_id": session.id}).get_json()
    missed = missed_client.post("/bookings/book", json={"session_id": session.id}).get_json()
    check_in(facilitator_client, facilitator, session.id, came["id"])
    time_passes(app, session.id)
    payments_lane()
    return session, came, missed


def links(email_outbox) -> dict[int, list[str]]:
    """The rating links of each feedback email, by booking."""
    return {
        m["booking_id"]: [r["url"] for r in m["payload"]["snapshot"]["feedback"]["ratings"]]
        for m in email_outbox()
        if m["type"] == "feedback_request"
    }


def token_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["token"][0]


def test_the_people_who_came_are_asked_and_answer_once(closed, email_outbox, client, outbox):
    _session, came, _missed = closed
    asked = links(email_outbox)
    assert list(asked) == [came["id"]]  # not the no-show
    assert [parse_qs(urlsplit(url).query)["rating"] for url in asked[came["id"]]] == [["1"], ["2"], ["3"], ["4"], ["5"]]
    token = token_of(asked[came["id"]][3])
    before = client.get(f"/feedback?token={token}").get_json()
    assert (before["rating"], before["title"]) == (None, "Morning Flow")
    first = client.post("/feedback", json={"token": token, "rating": 4, "comment": "  Lovely class  "}).get_json()
    assert (first["rating"], first["comment"]) == (4, "Lovely class")
    again = client.post("/feedback", json={"token": token, "rating": 5}).get_json()  # changed, the comment kept
    assert (again["rating"], again["comment"]) == (5, "Lovely class")
    told = [m["payload"]["data"] for m in outbox() if m["type"] == "feedback_received"]
    assert [(d["rating"], d["changed"]) for d in told] == [(4, False), (5, True)]


def test_links_that_are_not_good_are_refused(
    app, closed, client, assert_error, facilitator, facilitator_client, email_outbox
):
    _session, came, missed = closed
    assert_error(client.post("/feedback", json={"token": "forged", "rating": 5}), 400, "invalid_token", "token")
    with app.app_context():
        secret = app.config["SECRET_KEY"]

    class AWeekAgo(TimestampSigner):
        def get_timestamp(self):
            return int(time.time()) - 8 * 24 * 3600

    old = URLSafeTimedSerializer(secret, salt="feedback", signer=AWeekAgo).dumps({"b": came["id"]})
    refused = assert_error(client.post("/feedback", json={"token": old, "rating": 5}), 400, "invalid_token", "token")
    assert "expired" in refused["message"]
    never = URLSafeTimedSerializer(secret, salt="feedback").dumps({"b": missed["id"]})  # signed, but they did not come
    assert_error(client.post("/feedback", json={"token": never, "rating": 5}), 409, "not_attended")
    token = token_of(links(email_outbox)[came["id"]][0])
    assert_error(client.post("/feedback", json={"token": token, "rating": 6}), 400, "validation_error", "rating")
    long = {"token": token, "rating": 3, "comment": "x" * 2001}
    assert_error(client.post("/feedback", json=long), 400, "validation_error", "comment")


def test_the_facilitator_reads_ratings_and_the_average(closed, client, email_outbox, facilitator, facilitator_client):
    session, came, _missed = closed
    path = f"/api/facilitator/{facilitator.id}/sessions/{session.id}"
    assert facilitator_client.get(f"{path}/feedback").get_json() == {"count": 0, "average": None, "items": []}
    token = token_of(links(email_outbox)[came["id"]][0])
    client.post("/feedback", json={"token": token, "rating": 3, "comment": "Too warm"})
    read = facilitator_client.get(f"{path}/feedback").get_json()
    assert (read["count"], read["average"], read["items"][0]["comment"]) == (1, 3.0, "Too warm")
    assert facilitator_client.get(f"{path}/attendance").get_json()["average_rating"] == 3.0


def test_a_guest_who_came_and_gave_an_email_is_asked_and_answers_on_their_own(
    app, make_session, people, facilitator, facilitator_client, payments_lane, email_outbox, client
):
    session = make_session(capacity=5, starts_in=timedelta(minutes=10), facilitator_id=facilitator.id)
    [(_booker, booker_client)] = people(1)
    guests = [{"name": "Ana Silva", "email": "ana@example.com"}, {"name": "Ben Okafor", "email": "ben@example.com"}]
    booking = booker_client.post("/bookings/book", json={"session_id": session.id, "seats": 3, "guests": guests})
    booking = booking.get_json()
    path = f"/api/facilitator/{facilitator.id}/sessions/{session.id}/checkins"
    seats = [{"booking_id": booking["id"], "seat": seat} for seat in (1, 2)]  # the booker and Ana; Ben stayed home
    assert facilitator_client.post(path, json={"checkins": seats}).status_code == 200
    time_passes(app, session.id)
    payments_lane()
    asked = [m for m in email_outbox() if m["type"] in ("feedback_request", "guest_feedback")]
    assert sorted(m["payload"]["snapshot"]["to"]["email"] for m in asked) == sorted(
        ["ana@example.com", asked_booker(asked)]
    )
    [to_ana] = [m for m in asked if m["type"] == "guest_feedback"]
    assert "unsubscribe_url" in to_ana["payload"]["snapshot"]
    ana_token = token_of(to_ana["payload"]["snapshot"]["feedback"]["ratings"][0]["url"])
    [to_booker] = [m for m in asked if m["type"] == "feedback_request"]
    booker_token = token_of(to_booker["payload"]["snapshot"]["feedback"]["ratings"][0]["url"])
    assert client.post("/feedback", json={"token": booker_token, "rating": 5}).status_code == 200
    assert client.post("/feedback", json={"token": ana_token, "rating": 2, "comment": "Too cold"}).status_code == 200
    assert client.get(f"/feedback?token={ana_token}").get_json()["rating"] == 2  # her own answer, not the booker's
    assert client.get(f"/feedback?token={booker_token}").get_json()["rating"] == 5
    read = facilitator_client.get(f"/api/facilitator/{facilitator.id}/sessions/{session.id}/feedback").get_json()
    assert (read["count"], read["average"]) == (2, 3.5)
    assert {(item["name"], item["rating"]) for item in read["items"]} >= {("Ana Silva", 2)}


def asked_booker(asked) -> str:
    return next(m["payload"]["snapshot"]["to"]["email"] for m in asked if m["type"] == "feedback_request")

"""Recurring series through the API: sessions made from a recurrence rule on the event's own clock (local time kept
across a clock change, the UTC time moving), bounded, checked, and bookable like any session."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.both_databases


@pytest.fixture
def series_of(make_event, priya, priya_client):
    """series_of(zone, **body) -> the answer of POST .../series on a new event of priya's in that zone."""

    def make(zone: str, **body):
        event = make_event(facilitator_id=priya.id, timezone=zone, capacity=8)
        return event, priya_client.post(f"/api/facilitator/{priya.id}/events/{event.id}/series", json=body)

    return make


def local(iso: str, zone: str) -> datetime:
    return datetime.fromisoformat(iso).astimezone(ZoneInfo(zone))


def test_a_weekly_class_stays_at_seven_across_berlins_spring_change(series_of, client, priya, priya_client):
    body = {
        "rrule": "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=12",
        "starts_on": "2027-03-01",
        "start_time": "07:00",
        "duration_minutes": 60,
        "capacity": 12,
        "price": 80000,
    }
    event, response = series_of("Europe/Berlin", **body)
    assert response.status_code == 201, response.get_json()
    sessions = response.get_json()["sessions"]
    assert len(sessions) == 12 and response.get_json()["series_id"]
    walls = [local(s["starts_at"], "Europe/Berlin") for s in sessions]
    assert [w.strftime("%a %H:%M") for w in walls] == ["Mon 07:00", "Wed 07:00"] * 6
    assert {s["capacity"] for s in sessions} == {12} and {s["price"] for s in sessions} == {80000}
    offsets = [datetime.fromisoformat(s["starts_at"]).astimezone(ZoneInfo("UTC")).hour for s in sessions]
    assert offsets[0] == 6 and offsets[-1] == 5  # CET, then CEST from 28 March: the UTC time moved, not the class
    ends = [local(s["ends_at"], "Europe/Berlin").strftime("%H:%M") for s in sessions]
    assert set(ends) == {"08:00"}
    listed = client.get(f"/events/{event.id}").get_json()
    assert {s["id"] for s in sessions} <= {s["id"] for s in listed["sessions"]}
    # A session's page names its series: the web app offers "this and later" changes from there.
    mine = priya_client.get(f"/api/facilitator/{priya.id}/sessions/{sessions[3]['id']}/registrants").get_json()
    assert mine["session"]["series_id"] == response.get_json()["series_id"]


def test_a_daily_rule_until_a_date_keeps_new_yorks_evening_time_across_the_fall_change(series_of):
    body = {
        "rrule": "FREQ=DAILY;UNTIL=20271110T000000",
        "starts_on": "2027-11-05",
        "start_time": "18:30",
        "duration_minutes": 90,
        "capacity": 6,
    }
    _event, response = series_of("America/New_York", **body)
    assert response.status_code == 201, response.get_json()
    walls = [local(s["starts_at"], "America/New_York") for s in response.get_json()["sessions"]]
    assert [w.strftime("%d %H:%M") for w in walls] == ["05 18:30", "06 18:30", "07 18:30", "08 18:30", "09 18:30"]


def test_an_until_in_utc_as_calendar_apps_write_it_ends_the_series_at_that_instant(series_of):
    body = {"rrule": "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270315T060000Z", "starts_on": "2027-03-01", "start_time": "07:00"}
    _event, response = series_of("Europe/Berlin", **body, duration_minutes=60, capacity=5)
    assert response.status_code == 201, response.get_json()
    walls = [local(s["starts_at"], "Europe/Berlin") for s in response.get_json()["sessions"]]
    assert [w.strftime("%d %H:%M") for w in walls] == ["01 07:00", "08 07:00", "15 07:00"]  # 07:00 CET is 06:00Z


def test_sessions_of_a_series_are_booked_like_any_other(series_of, user_client):
    body = {"rrule": "FREQ=WEEKLY;COUNT=2", "starts_on": "2027-01-04", "start_time": "07:00"}
    _event, response = series_of("Asia/Kolkata", **body, duration_minutes=60, capacity=1)
    first = response.get_json()["sessions"][0]["id"]
    assert user_client.post("/book", json={"session_id": first}).status_code == 201
    assert user_client.post("/book", json={"session_id": first}).status_code == 409


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        ("FREQ=DAILY;COUNT=367", "more than 366"),
        ("FREQ=DAILY", "COUNT or UNTIL"),
        ("FREQ=SOMETIMES;COUNT=3", "Not a recurrence rule"),
        ("DTSTART:20270101T070000\nRRULE:FREQ=DAILY;COUNT=3", "one RRULE"),
        ("FREQ=DAILY;UNTIL=20200101T000000", "no session"),
        ("FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30;UNTIL=20270201T000000Z", "at most daily"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;UNTIL=20270201T000000Z", "no session"),
    ],
)
def test_rules_that_cannot_make_a_bounded_series_are_refused(series_of, assert_error, client, rule, problem):
    body = {"rrule": rule, "starts_on": "2027-01-04", "start_time": "07:00", "duration_minutes": 60, "capacity": 5}
    event, response = series_of("UTC", **body)
    error = assert_error(response, 400, "validation_error", "rrule")
    assert problem in error["details"]["rrule"][0]
    assert len(client.get(f"/events/{event.id}").get_json()["sessions"]) == 1  # nothing added


def test_a_series_that_starts_in_the_past_or_runs_past_five_years_is_refused(series_of, assert_error):
    past = {"rrule": "FREQ=DAILY;COUNT=2", "starts_on": "2020-01-01", "start_time": "07:00"}
    assert_error(series_of("UTC", **past, duration_minutes=60, capacity=5)[1], 400, "validation_error", "starts_on")
    far = {"rrule": "FREQ=YEARLY;COUNT=7", "starts_on": "2027-01-04", "start_time": "07:00"}
    assert_error(series_of("UTC", **far, duration_minutes=60, capacity=5)[1], 400, "validation_error", "rrule")


def test_only_the_events_facilitator_adds_a_series(make_event, priya, facilitator_client, assert_error):
    event = make_event(facilitator_id=priya.id)
    body = {"rrule": "FREQ=DAILY;COUNT=2", "starts_on": "2027-01-04", "start_time": "07:00"}
    answer = facilitator_client.post(
        f"/api/facilitator/{priya.id}/events/{event.id}/series", json={**body, "duration_minutes": 60, "capacity": 5}
    )
    assert answer.status_code == 403


def test_the_rest_of_a_series_is_cancelled_from_a_day_with_its_bookings(
    series_of, priya, priya_client, user_client, email_outbox, assert_error
):
    body = {"rrule": "FREQ=WEEKLY;BYDAY=MO;COUNT=4", "starts_on": "2027-01-04", "start_time": "07:00"}
    event, made = series_of("Asia/Kolkata", **body, duration_minutes=60, capacity=5)
    series_id, sessions = made.get_json()["series_id"], made.get_json()["sessions"]
    kept, cancelled = sessions[1]["id"], sessions[2]["id"]
    for session_id in (kept, cancelled):
        assert user_client.post("/book", json={"session_id": session_id}).status_code == 201
    url = f"/api/facilitator/{priya.id}/events/{event.id}/series/{series_id}/cancel"
    answer = priya_client.post(url, json={"from": "2027-01-18", "reason": "The studio closes for repairs."})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json() == {"series_id": series_id, "sessions_cancelled": 2, "bookings_cancelled": 1}
    statuses = {b["session"]["id"]: b["status"] for b in user_client.get("/bookings").get_json()["items"]}
    assert statuses == {kept: "active", cancelled: "cancelled"}
    [mail] = [m for m in email_outbox() if m["type"] == "booking_cancelled"]
    assert mail["payload"]["snapshot"]["reason"] == "The studio closes for repairs."
    again = priya_client.post(url, json={"from": "2027-01-18"})
    assert_error(again, 409, "nothing_to_cancel")
    unknown = priya_client.post(
        f"/api/facilitator/{priya.id}/events/{event.id}/series/999/cancel", json={"from": "2027-01-18"}
    )
    assert_error(unknown, 404, "series_not_found")
    assert_error(priya_client.post(url, json={}), 400, "validation_error", "from")


@pytest.fixture
def berlin_series(series_of):
    """A Berlin Monday class at 07:00, four weeks across the spring change: (event, series url, session ids)."""
    body = {"rrule": "FREQ=WEEKLY;BYDAY=MO;COUNT=4", "starts_on": "2027-03-15", "start_time": "07:00"}
    event, made = series_of("Europe/Berlin", **body, duration_minutes=60, capacity=2)
    assert made.status_code == 201, made.get_json()
    url = f"/api/facilitator/{event.facilitator_id}/events/{event.id}/series/{made.get_json()['series_id']}"
    return event, url, [s["id"] for s in made.get_json()["sessions"]]


def walls(client, event_id: int) -> dict[int, str]:
    """Each session's start and end on Berlin's clock, by id."""
    sessions = client.get(f"/events/{event_id}").get_json()["sessions"]
    return {
        s["id"]: f"{local(s['starts_at'], 'Europe/Berlin'):%d %H:%M}-{local(s['ends_at'], 'Europe/Berlin'):%H:%M}"
        for s in sessions
    }


def test_changing_a_series_from_a_day_moves_that_day_and_the_following_on_the_events_clock(
    berlin_series, client, priya_client, user_client, email_outbox, outbox
):
    event, url, ids = berlin_series
    for session_id in (ids[0], ids[2]):
        assert user_client.post("/book", json={"session_id": session_id}).status_code == 201
    answer = priya_client.patch(url, json={"from": "2027-03-22", "start_time": "07:30", "duration_minutes": 75})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["sessions_changed"] == 3
    assert [s["id"] for s in answer.get_json()["sessions"]] == ids[1:]
    # 29 March is after Berlin's change: still 07:30 on its clock.
    expected = ["15 07:00-08:00", "22 07:30-08:45", "29 07:30-08:45", "05 07:30-08:45"]
    assert [walls(client, event.id)[i] for i in ids] == expected
    [moved] = [m for m in email_outbox() if m["type"] == "booking_changed"]
    assert moved["payload"]["snapshot"]["session"]["id"] == ids[2]
    dash = "\N{EN DASH}"
    when = {
        "label": "When",
        "from": f"Mon 29 Mar 2027, 07:00{dash}08:00 CEST",
        "to": f"Mon 29 Mar 2027, 07:30{dash}08:45 CEST",
        # The instants too, so the email is written on the reader's clock and in their language when it goes.
        "from_times": ["2027-03-29T05:00:00+00:00", "2027-03-29T06:00:00+00:00", "Europe/Berlin"],
        "to_times": ["2027-03-29T05:30:00+00:00", "2027-03-29T06:45:00+00:00", "Europe/Berlin"],
    }
    assert moved["payload"]["snapshot"]["changes"] == [when]
    [summary] = [
        m for m in outbox() if m["type"] == "event_updated" and "sessions_changed" in m["payload"]["data"]["changes"]
    ]
    assert summary["payload"]["data"]["changes"]["sessions_changed"] == ids[1:]


def test_a_series_goes_online_from_a_day_with_its_link_for_the_people_booked_only(
    berlin_series, client, priya_client, user_client
):
    event, url, ids = berlin_series
    booked = user_client.post("/book", json={"session_id": ids[3]}).get_json()
    link = "https://meet.jit.si/berlin-monday"
    answer = priya_client.patch(url, json={"from": "2027-03-22", "mode": "hybrid", "video_url": link})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["sessions_changed"] == 3
    modes = {s["id"]: s["mode"] for s in client.get(f"/events/{event.id}").get_json()["sessions"]}
    assert [modes[i] for i in ids] == ["in_person", "hybrid", "hybrid", "hybrid"]
    assert link not in client.get(f"/events/{event.id}").get_data(as_text=True)
    joined = user_client.get(f"/bookings/{booked['id']}/join")
    assert joined.status_code == 200 and joined.get_json()["url"] == link
    refused = priya_client.patch(url, json={"from": "2027-03-22", "video_url": "http://not-https.example"})
    assert refused.status_code == 400 and "video_url" in refused.get_json()["error"]["details"]


def test_a_capacity_below_one_sessions_bookings_changes_nothing_and_names_the_day(
    berlin_series, client, priya_client, people, assert_error, db_rows
):
    _event, url, ids = berlin_series
    for _account, person in people(2):
        assert person.post("/book", json={"session_id": ids[3]}).status_code == 201
    before = db_rows()
    answer = priya_client.patch(url, json={"from": "2027-03-15", "capacity": 1, "start_time": "08:00"})
    error = assert_error(answer, 409, "capacity_below_bookings", "capacity")
    assert "2027-04-05" in error["message"]
    assert db_rows() == before


def test_more_seats_in_a_series_go_to_the_people_waiting(berlin_series, priya_client, people):
    _event, url, ids = berlin_series
    crowd = people(3)
    for _account, person in crowd[:2]:
        assert person.post("/book", json={"session_id": ids[1]}).status_code == 201
    waiting = crowd[2][1]
    assert waiting.post(f"/sessions/{ids[1]}/waitlist").status_code == 201
    assert priya_client.patch(url, json={"from": "2027-03-22", "capacity": 3}).status_code == 200
    [booking] = waiting.get("/bookings").get_json()["items"]
    assert (booking["session"]["id"], booking["status"]) == (ids[1], "active")


def test_what_a_series_change_refuses(berlin_series, priya, priya_client, facilitator_client, assert_error):
    event, url, _ids = berlin_series
    assert_error(priya_client.patch(url, json={"from": "2027-03-15"}), 400, "validation_error", "body")
    assert_error(priya_client.patch(url, json={"capacity": 3}), 400, "validation_error", "from")
    bad_time = priya_client.patch(url, json={"from": "2027-03-15", "start_time": "25:00"})
    assert_error(bad_time, 400, "validation_error", "start_time")
    assert_error(priya_client.patch(url, json={"from": "2030-01-01", "capacity": 3}), 409, "nothing_to_change")
    unknown = f"/api/facilitator/{priya.id}/events/{event.id}/series/999"
    assert_error(priya_client.patch(unknown, json={"from": "2027-03-15", "capacity": 3}), 404, "series_not_found")
    assert facilitator_client.patch(url, json={"from": "2027-03-15", "capacity": 3}).status_code == 403

"""Session dates stay within a sane window (a day back for new sessions, five years ahead for any), in every zone;
rows written before the window was enforced still give a calendar feed and a clear answer, never a 500."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from icalendar import Calendar

from main_app.models import utcnow

pytestmark = pytest.mark.both_databases

HOUR, DAY = timedelta(hours=1), timedelta(days=1)
FIVE_YEARS = timedelta(days=5 * 365)
PAST = "Must not be more than a day in the past."
AHEAD = "Must not be more than five years ahead."
# What the tester wrote: the last evening of the calendar, which is already next year in Kiritimati (UTC+14).
LAST_EVENING = datetime(9999, 12, 31, 20, 0, tzinfo=UTC)


def soon() -> datetime:
    return utcnow().replace(microsecond=0) + 3 * DAY


def slot(starts_at: str, ends_at: str, capacity: int = 5) -> dict:
    return {"starts_at": starts_at, "ends_at": ends_at, "capacity": capacity}


@pytest.fixture
def base(priya) -> str:
    return f"/api/facilitator/{priya.id}"


def create(priya_client, base, zone: str, *slots: dict):
    body = {"title": "Dawn Practice", "kind": "session", "timezone": zone, "sessions": list(slots)}
    return priya_client.post(f"{base}/events", json=body)


# -- the edge ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "zone, starts_at, ends_at, field, problem",
    [
        pytest.param(
            "Pacific/Kiritimati",
            "9999-12-31T10:00:00+14:00",
            "9999-12-31T11:00:00+14:00",
            "starts_at",
            AHEAD,
            id="last day of the calendar in UTC+14",
        ),
        pytest.param(
            "UTC", "9999-12-31T00:00:00+00:00", "9999-12-31T01:00:00+00:00", "starts_at", AHEAD, id="9999 in UTC"
        ),
        pytest.param(
            "Pacific/Pago_Pago",
            "0001-01-01T00:00:00-11:00",
            "0001-01-01T01:00:00-11:00",
            "starts_at",
            PAST,
            id="first day of the calendar in UTC-11",
        ),
        pytest.param(
            "America/New_York",
            "0001-01-02T00:00:00+00:00",
            "0001-01-02T01:00:00+00:00",
            "starts_at",
            PAST,
            id="year 1 read in a negative zone",
        ),
        pytest.param("Asia/Kolkata", "2000-01-01T09:00:00+05:30", "2000-01-01T10:00:00+05:30", "starts_at", PAST),
    ],
)
def test_creating_an_event_outside_the_window_is_refused_naming_the_field(
    priya_client, base, db_rows, assert_error, zone, starts_at, ends_at, field, problem
):
    before = db_rows()
    ok = soon()
    response = create(priya_client, base, zone, slot(ok.isoformat(), (ok + HOUR).isoformat()), slot(starts_at, ends_at))
    error = assert_error(response, 400, "validation_error", "sessions")
    assert error["details"] == {"sessions": {"1": {field: [problem]}}}
    assert db_rows() == before


def test_an_end_past_five_years_is_refused_though_the_start_is_within(priya_client, base, assert_error):
    start = utcnow().replace(microsecond=0) + FIVE_YEARS - HOUR
    response = create(priya_client, base, "UTC", slot(start.isoformat(), (start + 2 * DAY).isoformat()))
    error = assert_error(response, 400, "validation_error", "sessions")
    assert error["details"] == {"sessions": {"0": {"ends_at": [AHEAD]}}}


@pytest.mark.parametrize("zone, offset", [("Pacific/Kiritimati", 14), ("Etc/GMT+12", -12), ("Asia/Kolkata", 5.5)])
def test_dates_within_the_window_are_taken_in_any_zone(priya_client, base, zone, offset):
    """The latest day of the window written in the event's own offset: the check is on the instant."""
    tz = timezone(timedelta(hours=offset))
    last = (utcnow().replace(microsecond=0) + FIVE_YEARS - 2 * DAY).astimezone(tz)
    first = soon().astimezone(tz)
    response = create(
        priya_client,
        base,
        zone,
        slot(first.isoformat(), (first + HOUR).isoformat()),
        slot(last.isoformat(), (last + HOUR).isoformat()),
    )
    assert response.status_code == 201, response.get_json()
    starts = [datetime.fromisoformat(s["starts_at"]) for s in response.get_json()["sessions"]]
    assert starts == [first, last]


@pytest.mark.parametrize(
    "starts_at, ends_at, field",
    [
        pytest.param("9999-12-31T23:00:00+14:00", "9999-12-31T23:30:00+14:00", "starts_at", id="9999 at UTC+14"),
        pytest.param(None, "9999-12-31T00:00:00-11:00", "ends_at", id="end in 9999 at UTC-11"),
    ],
)
def test_adding_a_session_outside_the_window_is_refused(
    priya_client, base, make_event, priya, db_rows, assert_error, starts_at, ends_at, field
):
    event = make_event(facilitator_id=priya.id, timezone="Pacific/Kiritimati")
    before = db_rows()
    starts_at = starts_at or soon().isoformat()
    response = priya_client.post(f"{base}/events/{event.id}/sessions", json=slot(starts_at, ends_at))
    assert_error(response, 400, "validation_error", field)
    assert db_rows() == before


@pytest.mark.parametrize(
    "change, field",
    [
        pytest.param({"starts_at": "9999-12-31T10:00:00-11:00"}, "starts_at", id="start to 9999 at UTC-11"),
        pytest.param({"ends_at": "9999-12-31T23:00:00+14:00"}, "ends_at", id="end to 9999 at UTC+14"),
    ],
)
def test_moving_a_session_past_the_window_is_refused(
    priya_client, base, make_event, priya, db_rows, assert_error, change, field
):
    event = make_event(facilitator_id=priya.id, timezone="Pacific/Kiritimati")
    before = db_rows()
    response = priya_client.patch(f"{base}/sessions/{event.session_ids[0]}", json=change)
    error = assert_error(response, 400, "validation_error", field)
    assert error["details"] == {field: [AHEAD]}
    assert db_rows() == before


def test_a_session_whose_dates_are_sent_again_unchanged_stays_editable(priya_client, base, make_event, priya):
    """A session under way: its form sends its own dates back with the new capacity."""
    event = make_event(facilitator_id=priya.id, starts_in=-HOUR, duration=3 * HOUR, capacity=5)
    session = priya_client.get(f"{base}/events/{event.id}").get_json()["sessions"][0]
    body = {"starts_at": session["starts_at"], "ends_at": session["ends_at"], "capacity": 9}
    response = priya_client.put(f"{base}/sessions/{session['id']}", json=body)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["capacity"] == 9


# -- rows from before the window ------------------------------------------------------------------


@pytest.fixture
def last_evening_booking(make_event, priya, user_client):
    """The user's booking of a session on 9999-12-31 in Kiritimati, written straight to the database."""
    event = make_event(facilitator_id=priya.id, at=LAST_EVENING, timezone="Pacific/Kiritimati", title="Far Away")
    response = user_client.post("/book", json={"session_id": event.session_ids[0]})
    assert response.status_code == 201, response.get_json()
    return event, response.get_json()


def test_the_feed_leaves_out_a_session_no_calendar_can_hold(client, user_client, make_session, last_evening_booking):
    near = user_client.post("/book", json={"session_id": make_session(timezone="Pacific/Kiritimati").id}).get_json()
    response = client.get(user_client.get("/auth/me").get_json()["calendar_feed_url"])
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    entries = Calendar.from_ical(response.data).walk("VEVENT")
    assert [str(e["UID"]) for e in entries] == [f"booking-{near['id']}@localhost"]


def test_the_booking_s_own_calendar_file_is_a_clear_error(user_client, last_evening_booking, assert_error):
    _event, booking = last_evening_booking
    response = user_client.get(f"/bookings/{booking['id']}/calendar.ics")
    assert_error(response, 409, "calendar_unavailable")


def test_changing_the_zone_of_an_event_with_such_a_row_still_answers(
    priya_client, base, make_event, priya, user_client, email_outbox
):
    """Its attendees are told the new local time: read in UTC+14 or UTC-12, the last evening overflows the calendar."""
    event = make_event(facilitator_id=priya.id, at=LAST_EVENING, timezone="UTC")
    assert user_client.post("/book", json={"session_id": event.session_ids[0]}).status_code == 201
    response = priya_client.put(f"{base}/events/{event.id}", json={"timezone": "Pacific/Kiritimati"})
    assert response.status_code == 200, response.get_data(as_text=True)
    response = priya_client.put(f"{base}/events/{event.id}", json={"timezone": "Etc/GMT+12"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "booking_changed" in [row["type"] for row in email_outbox()]

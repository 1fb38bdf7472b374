"""GET /timetable: the scheduled sessions of a week (or up to a month) across events, each on the day and at the time
its own event's clock shows, in start order, with the day's empty rows too; filtered like the catalogue."""

from datetime import UTC, datetime, timedelta

import pytest

pytestmark = pytest.mark.both_databases

WEEK = "/timetable?from=2027-01-04&to=2027-01-10"  # Monday to Sunday


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def week(make_event, priya, facilitator):
    """Sessions around the first week of 2027 in four zones: {name: session id}."""
    made = {
        # 01:30 on Monday in Kolkata is still Sunday in UTC.
        "retreat": make_event(
            title="Silent Retreat",
            kind="retreat",
            timezone="Asia/Kolkata",
            at=at("2027-01-03T20:00"),
            facilitator_id=priya.id,
            price=4500000,
            capacity=20,
            seats_taken=5,
        ),
        "flow": make_event(
            title="Morning Flow",
            timezone="Europe/Berlin",
            at=at("2027-01-04T06:00"),
            sessions=2,
            every=timedelta(days=2),
            duration=timedelta(minutes=75),
        ),
        # 22:30 on Monday in New York is Tuesday in UTC.
        "yin": make_event(title="Evening Yin", timezone="America/New_York", at=at("2027-01-05T03:30")),
        "sunday": make_event(title="Sunday Sound Bath", timezone="UTC", at=at("2027-01-03T22:00")),
        "next_week": make_event(title="Next Week", timezone="UTC", at=at("2027-01-11T09:00")),
        "cancelled_session": make_event(title="Off", at=at("2027-01-06T09:00"), session_status="cancelled"),
        "cancelled_event": make_event(title="Gone", at=at("2027-01-07T09:00"), status="cancelled"),
    }
    return {name: ref.session_ids for name, ref in made.items()}


def sessions_by_day(answer) -> dict[str, list[int]]:
    return {day["date"]: [s["id"] for s in day["sessions"]] for day in answer["days"]}


def test_a_week_day_by_day_on_each_events_clock_in_start_order(client, week, priya, facilitator):
    answer = client.get(WEEK)
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert (body["from"], body["to"]) == ("2027-01-04", "2027-01-10")
    assert sessions_by_day(body) == {
        "2027-01-04": [week["retreat"][0], week["flow"][0], week["yin"][0]],
        "2027-01-05": [],
        "2027-01-06": [week["flow"][1]],
        "2027-01-07": [],
        "2027-01-08": [],
        "2027-01-09": [],
        "2027-01-10": [],
    }
    retreat, flow, yin = body["days"][0]["sessions"]
    assert flow == {
        "id": week["flow"][0],
        "event_id": flow["event"]["id"],
        "starts_at": "2027-01-04T06:00:00+00:00",
        "ends_at": "2027-01-04T07:15:00+00:00",
        "date": "2027-01-04",
        "start_time": "07:00",
        "end_time": "08:15",
        "capacity": 5,
        "seats_left": 5,
        "waiting": 0,
        "price": 0,
        "currency": "INR",
        "max_seats_per_booking": 6,
        "options": [],  # no room options
        "bookable": True,
        "mode": "in_person",
        "event": {
            "id": flow["event_id"],
            "title": "Morning Flow",
            "kind": "session",
            "location": "Studio 1",
            "timezone": "Europe/Berlin",
            "refund_until_hours": 24,
            "late_cancel_hours": 12,
            "requires_approval": False,
            "min_age": None,  # no age range: anyone
            "max_age": None,
            "studio": flow["event"]["studio"],
            "tax_added": None,
        },
        "facilitator": {"id": facilitator.id, "name": "Dr. Test Facilitator"},
        "instructor": {"id": facilitator.id, "name": "Dr. Test Facilitator"},
    }
    assert (retreat["start_time"], retreat["seats_left"], retreat["price"]) == ("01:30", 15, 4500000)
    assert retreat["facilitator"] == retreat["instructor"] == {"id": priya.id, "name": priya.name}
    assert (yin["date"], yin["start_time"], yin["event"]["timezone"]) == ("2027-01-04", "22:30", "America/New_York")


def test_filters_by_kind_facilitator_and_title(client, week, priya):
    only = lambda query: [s for ids in sessions_by_day(client.get(f"{WEEK}&{query}").get_json()).values() for s in ids]  # noqa: E731
    assert only("kind=retreat") == week["retreat"]
    assert only(f"facilitator_id={priya.id}") == week["retreat"]
    assert only("q=yIN") == week["yin"]
    assert only("q=%25") == []  # a wildcard typed is a character searched for
    retreat_studio = client.get(WEEK).get_json()["days"][0]["sessions"][0]["event"]["studio"]["slug"]
    assert only(f"studio={retreat_studio}") == week["retreat"]  # a studio's widget: its own sessions only
    assert only("studio=no-such-studio") == []
    assert only("q=") == [week["retreat"][0], week["flow"][0], week["yin"][0], week["flow"][1]]


def test_filters_by_who_teaches_a_session(client, week, facilitator, facilitator_client, make_user, add_member):
    studio = facilitator_client.get("/api/studios").get_json()["items"][0]
    teacher = make_user(name="Meera Teacher")
    add_member(studio["id"], teacher, "instructor")
    substitute = {"instructor_id": teacher.id}
    path = f"/api/studios/{studio['slug']}/sessions/{week['flow'][1]}/instructor"
    assert facilitator_client.patch(path, json=substitute).status_code == 200
    only = lambda query: [s for ids in sessions_by_day(client.get(f"{WEEK}&{query}").get_json()).values() for s in ids]  # noqa: E731
    assert only(f"instructor_id={teacher.id}") == [week["flow"][1]]
    assert only(f"instructor_id={facilitator.id}") == [week["flow"][0], week["yin"][0]]
    assert only(f"facilitator_id={facilitator.id}") == [week["flow"][0], week["yin"][0], week["flow"][1]]


def test_a_month_at_most_and_only_days_that_make_sense(client, assert_error):
    assert client.get("/timetable?from=2027-01-01&to=2027-01-31").status_code == 200
    for query, field in [
        ("from=2027-01-01&to=2027-02-01", "to"),
        ("from=2027-01-10&to=2027-01-09", "to"),
        ("from=9999-12-31&to=9999-12-31", "from"),
        ("from=2027-01-01&to=9999-12-31", "to"),
        ("from=1900-01-01", "from"),
        ("from=2027-02-30", "from"),
        ("from=monday", "from"),
        ("kind=party", "kind"),
        ("facilitator_id=abc", "facilitator_id"),
        ("instructor_id=abc", "instructor_id"),
        ("q=" + "x" * 201, "q"),
    ]:
        assert_error(client.get(f"/timetable?{query}"), 400, "validation_error", field)


def test_without_dates_it_is_this_week_from_today(client, make_event):
    soon = make_event(title="Soon", starts_in=timedelta(days=2))
    body = client.get("/timetable").get_json()
    today = datetime.now(UTC).date()
    assert [day["date"] for day in body["days"]] == [(today + timedelta(days=n)).isoformat() for n in range(7)]
    assert soon.session_ids[0] in [s["id"] for day in body["days"] for s in day["sessions"]]


def test_every_field_the_timetable_answers_is_documented(client, week):
    """The documents close their objects (no additional properties), so an undocumented field would break a client."""
    schemas = client.get("/openapi.json").get_json()["components"]["schemas"]
    sessions = [session for day in client.get(WEEK).get_json()["days"] for session in day["sessions"]]
    assert sessions
    for session in sessions:
        assert set(session) <= set(schemas["TimetableSession"]["properties"]), session
        assert set(session["event"]) <= set(schemas["TimetableEvent"]["properties"])
        assert set(session["facilitator"]) <= set(schemas["TimetableFacilitator"]["properties"])

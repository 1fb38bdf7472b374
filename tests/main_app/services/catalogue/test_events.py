"""/events: the public catalogue, its pagination and filters."""

from datetime import UTC, datetime, timedelta

import pytest

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import ROLE_FACILITATOR, EventSession

pytestmark = pytest.mark.both_databases

DAY = timedelta(days=1)
EVENT_KEYS = {
    "id",
    "title",
    "description",
    "kind",
    "tax_added",
    "location",
    "location_country",
    "location_state_code",
    "timezone",
    "status",
    "starts_at",
    "ends_at",
    "facilitator_id",
    "facilitator",
    "studio",
    "refund_until_hours",
    "late_cancel_hours",
    "requires_approval",
    "min_age",  # the ages a child booked for it may be; null: no bound
    "max_age",
    "payment_plan",
    "seats_left",
    "sessions",
}
SESSION_KEYS = {
    *("id", "event_id", "starts_at", "ends_at", "capacity", "seats_taken", "seats_left", "status", "waiting"),
    *("price", "currency", "waitlist_mode", "offer_minutes", "auto_until_hours"),
    "max_seats_per_booking",
    "mode",  # in_person, online or hybrid; never the video link
    "options",  # room options: [] for these sessions
    "instructor",
}


def list_ids(client, **query) -> list[int]:
    response = client.get("/events", query_string=query)
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


def iso(moment: datetime) -> str:
    return moment.isoformat()


def test_list_shape_with_sessions_seats_and_facilitator(client, make_event, facilitator):
    event = make_event(title="Morning Flow", sessions=2, capacity=5, seats_taken=2, location="Lotus Studio")
    response = client.get("/events")
    assert response.status_code == 200
    assert response.is_json
    body = response.get_json()
    assert set(body) == {"items", "page", "per_page", "total", "pages"}
    assert (body["page"], body["per_page"], body["total"], body["pages"]) == (1, 20, 1, 1)
    [item] = body["items"]
    assert set(item) == EVENT_KEYS
    assert item["id"] == event.id
    assert item["title"] == "Morning Flow"
    assert item["kind"] == "session"
    assert item["location"] == "Lotus Studio"
    assert item["status"] == "scheduled"
    assert item["facilitator_id"] == facilitator.id
    assert item["facilitator"] == {"id": facilitator.id, "name": "Dr. Test Facilitator"}
    assert item["seats_left"] == 6
    assert set(item["studio"]) == {"slug", "name"} and item["studio"]["name"]
    assert [s["id"] for s in item["sessions"]] == event.session_ids
    for session in item["sessions"]:
        assert set(session) == SESSION_KEYS
        assert session["event_id"] == event.id
        assert session["instructor"] == {"id": facilitator.id, "name": "Dr. Test Facilitator"}
        assert (session["capacity"], session["seats_taken"], session["seats_left"]) == (5, 2, 3)
        assert session["status"] == "scheduled"
        assert datetime.fromisoformat(session["starts_at"]).utcoffset() == timedelta(0)
    assert item["sessions"][0]["starts_at"] < item["sessions"][1]["starts_at"]
    assert datetime.fromisoformat(item["starts_at"]) == datetime.fromisoformat(item["sessions"][0]["starts_at"])


def test_facilitator_has_no_email_in_the_public_list(client, make_event):
    make_event()
    assert "fac@example.com" not in client.get("/events").get_data(as_text=True)


def test_empty_catalogue(client):
    body = client.get("/events").get_json()
    assert body == {"items": [], "page": 1, "per_page": 20, "total": 0, "pages": 1}


def test_event_seats_left_ignores_cancelled_sessions(app, client, make_event):
    event = make_event(sessions=2, capacity=4)
    with app.app_context(), unit_of_work():
        db.session.get(EventSession, event.session_ids[1]).status = "cancelled"
    item = client.get(f"/events/{event.id}").get_json()
    assert item["seats_left"] == 4
    assert [s["status"] for s in item["sessions"]] == ["scheduled", "cancelled"]


def test_event_seats_left_ignores_sessions_that_have_started(client, make_event):
    event = make_event(sessions=3, capacity=4, starts_in=-timedelta(days=1), every=timedelta(days=2))
    item = client.get(f"/events/{event.id}").get_json()
    assert [s["seats_left"] for s in item["sessions"]] == [4, 4, 4]
    assert item["seats_left"] == 8  # the first session began yesterday


# -- pagination -------------------------------------------------------------------------------------


def test_pages_cover_everything_once_in_start_order(client, make_event):
    events = [make_event(title=f"E{i}", starts_in=(5 - i) * DAY) for i in range(5)]
    expected = [e.id for e in reversed(events)]  # E4 starts first
    pages = [client.get("/events", query_string={"per_page": 2, "page": p}).get_json() for p in (1, 2, 3, 4)]
    assert [[i["id"] for i in p["items"]] for p in pages] == [expected[0:2], expected[2:4], expected[4:5], []]
    assert {(p["total"], p["pages"], p["per_page"]) for p in pages} == {(5, 3, 2)}
    assert [p["page"] for p in pages] == [1, 2, 3, 4]


def test_same_start_is_ordered_by_id(client, make_event):
    at = datetime.now(UTC).replace(microsecond=0) + DAY
    ids = [make_event(title=f"Same {i}", at=at).id for i in range(4)]
    assert list_ids(client, per_page=2, page=1) + list_ids(client, per_page=2, page=2) == sorted(ids)


def test_per_page_100_is_allowed(client, make_event):
    make_event()
    body = client.get("/events?per_page=100").get_json()
    assert (body["per_page"], body["total"]) == (100, 1)


@pytest.mark.parametrize(
    "query, field",
    [
        ("per_page=101", "per_page"),
        ("per_page=0", "per_page"),
        ("per_page=-5", "per_page"),
        ("per_page=ten", "per_page"),
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=1.5", "page"),
    ],
)
def test_bad_pagination_is_400(client, assert_error, query, field):
    assert_error(client.get(f"/events?{query}"), 400, "validation_error", field)


# -- filters ----------------------------------------------------------------------------------------


def test_filter_by_kind(client, make_event):
    make_event(title="Class", kind="session")
    retreat = make_event(title="Retreat", kind="retreat")
    assert list_ids(client, kind="retreat") == [retreat.id]
    assert len(list_ids(client, kind="session")) == 1


def test_q_is_case_insensitive_substring(client, make_event):
    flow = make_event(title="Morning Vinyasa Flow")
    make_event(title="Sound Healing")
    assert list_ids(client, q="vinyasa") == [flow.id]
    assert list_ids(client, q="FLOW") == [flow.id]
    assert list_ids(client, q="ning vin") == [flow.id]
    assert list_ids(client, q="nothing like it") == []


def test_empty_q_is_no_filter(client, make_event):
    ids = {make_event(title="Morning Vinyasa Flow").id, make_event(title="Sound Healing").id}
    assert set(list_ids(client, q="")) == ids
    assert set(list_ids(client, q="   ")) == ids


@pytest.mark.parametrize(
    "q, titles, expected",
    [
        ("50%", ["Yoga 50% Off", "Yoga 500 Club"], ["Yoga 50% Off"]),
        ("%", ["100% Breath", "Plain"], ["100% Breath"]),
        ("a_b", ["a_b Flow", "axb Flow"], ["a_b Flow"]),
        ("_", ["snake_case", "camelCase"], ["snake_case"]),
        ("\\", ["back\\slash", "slash"], ["back\\slash"]),
    ],
)
def test_q_wildcards_are_literal(client, make_event, q, titles, expected):
    ids = {make_event(title=title).id: title for title in titles}
    assert [ids[i] for i in list_ids(client, q=q)] == expected


def test_filter_by_facilitator(client, make_event, make_user):
    other = make_user(role=ROLE_FACILITATOR, name="Arjun Patel")
    mine = make_event(title="Mine")
    theirs = make_event(title="Theirs", facilitator_id=other.id)
    assert list_ids(client, facilitator_id=other.id) == [theirs.id]
    assert list_ids(client, facilitator_id=mine.facilitator_id) == [mine.id]
    assert list_ids(client, facilitator_id=999_999) == []


def test_filter_by_dates(client, make_event):
    base = datetime.now(UTC).replace(microsecond=0)
    one, three, five = (make_event(title=f"Day {d}", at=base + d * DAY) for d in (1, 3, 5))
    assert list_ids(client, **{"from": iso(base + 2 * DAY)}) == [three.id, five.id]
    assert list_ids(client, to=iso(base + 4 * DAY)) == [one.id, three.id]
    assert list_ids(client, **{"from": iso(base + 2 * DAY), "to": iso(base + 4 * DAY)}) == [three.id]
    # from is inclusive, to exclusive
    assert list_ids(client, **{"from": iso(base + 3 * DAY), "to": iso(base + 5 * DAY)}) == [three.id]


def test_dates_match_any_session_of_a_running_course_not_only_its_first(client, make_event):
    base = datetime.now(UTC).replace(microsecond=0)
    weekly = make_event(title="Weekly", at=base + DAY, sessions=4, every=7 * DAY)  # days 1, 8, 15, 22
    assert list_ids(client, **{"from": iso(base + 10 * DAY)}) == [weekly.id]
    assert list_ids(client, **{"from": iso(base + 9 * DAY), "to": iso(base + 14 * DAY)}) == []  # between sessions
    assert list_ids(client, **{"from": iso(base + 14 * DAY), "to": iso(base + 16 * DAY)}) == [weekly.id]
    assert list_ids(client, **{"from": iso(base + 23 * DAY)}) == []


def test_dates_ignore_cancelled_sessions(client, make_event):
    base = datetime.now(UTC).replace(microsecond=0)
    make_event(title="Off", at=base + 3 * DAY, session_status="cancelled")
    assert list_ids(client, **{"from": iso(base + 2 * DAY)}) == []


def test_dates_without_offset_are_utc_and_offsets_are_honoured(client, make_event):
    start = datetime(2099, 6, 1, 12, 0, tzinfo=UTC)
    event = make_event(at=start)
    assert list_ids(client, **{"from": "2099-06-01T12:00:00"}) == [event.id]
    assert list_ids(client, **{"from": "2099-06-01T12:00:01"}) == []
    # 13:30 at +05:30 is 08:00 UTC, before the start; 17:30+05:30 is exactly 12:00 UTC
    assert list_ids(client, **{"from": "2099-06-01T13:30:00+05:30"}) == [event.id]
    assert list_ids(client, **{"from": "2099-06-01T17:30:01+05:30"}) == []


def test_past_events_hidden_unless_asked(client, make_event):
    past = make_event(title="Yesterday", starts_in=-2 * DAY)
    ongoing = make_event(title="Now", starts_in=-timedelta(minutes=30), duration=timedelta(hours=2))
    future = make_event(title="Tomorrow")
    assert list_ids(client) == [ongoing.id, future.id]
    assert list_ids(client, include_past="true") == [past.id, ongoing.id, future.id]
    assert list_ids(client, include_past="false") == [ongoing.id, future.id]


def test_cancelled_events_hidden_unless_asked(client, make_event):
    cancelled = make_event(title="Called off", status="cancelled", starts_in=DAY)
    live = make_event(title="On", starts_in=2 * DAY)
    assert list_ids(client) == [live.id]
    assert list_ids(client, include_cancelled="true") == [cancelled.id, live.id]
    body = client.get("/events", query_string={"include_cancelled": "true"}).get_json()
    assert body["items"][0]["status"] == "cancelled"
    assert body["total"] == 2


def test_filters_combine(client, make_event):
    make_event(title="Silent Retreat", kind="retreat", starts_in=-3 * DAY)
    retreat = make_event(title="Silent Retreat II", kind="retreat")
    make_event(title="Silent Class", kind="session")
    assert list_ids(client, kind="retreat", q="silent") == [retreat.id]


@pytest.mark.parametrize(
    "query, field",
    [
        ({"kind": "workshop"}, "kind"),
        ({"facilitator_id": "abc"}, "facilitator_id"),
        ({"facilitator_id": "0"}, "facilitator_id"),
        ({"facilitator_id": str(2**31)}, "facilitator_id"),
        ({"from": "yesterday"}, "from"),
        ({"to": "2024-13-01T00:00:00"}, "to"),
        ({"include_past": "maybe"}, "include_past"),
        ({"include_cancelled": "2"}, "include_cancelled"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_filter_values_are_400(client, assert_error, query, field):
    assert_error(client.get("/events", query_string=query), 400, "validation_error", field)


def test_unknown_query_parameters_are_ignored(client, make_event):
    event = make_event()
    assert list_ids(client, colour="blue") == [event.id]


# -- one event --------------------------------------------------------------------------------------


def test_get_one_event(client, make_event, facilitator):
    event = make_event(title="Himalayan Silence", kind="retreat", sessions=1, capacity=20)
    response = client.get(f"/events/{event.id}")
    assert response.status_code == 200
    item = response.get_json()
    assert set(item) == EVENT_KEYS
    assert (item["id"], item["title"], item["kind"], item["seats_left"]) == (
        event.id,
        "Himalayan Silence",
        "retreat",
        20,
    )
    assert item["facilitator"] == {"id": facilitator.id, "name": "Dr. Test Facilitator"}
    assert item == client.get("/events").get_json()["items"][0]


def test_get_a_past_event_still_works(client, make_event):
    event = make_event(starts_in=-3 * DAY)
    assert client.get(f"/events/{event.id}").status_code == 200


def test_unknown_event_is_404_json(client, make_event, assert_error):
    event = make_event()
    error = assert_error(client.get(f"/events/{event.id + 1}"), 404, "event_not_found")
    assert str(event.id + 1) in error["message"]


@pytest.mark.parametrize(
    "path",
    ["/events/0", "/events/abc", "/events/99999999999", "/events/-1", "/events/1.5", f"/events/{2**31}", "/events/%20"],
)
def test_impossible_event_ids_are_404_json(client, assert_error, path):
    assert_error(client.get(path), 404, "not_found")

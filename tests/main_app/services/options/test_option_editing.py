"""A facilitator's room options: given with a new session (an event's, or one added), changed with an edit within
the rules (never below the seats taken, never removed while held), and refused on a recurring series."""

from datetime import timedelta

from room_options import option_named

from main_app.models import utcnow


def slot(days: int = 15, **extra) -> dict:
    starts = (utcnow() + timedelta(days=days)).replace(microsecond=0)
    return {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(days=2)).isoformat(), **extra}


def test_an_added_session_gets_its_options(make_retreat, priya_client, base, client):
    first = make_retreat()
    options = [{"name": "Cabin", "price": 100_000, "capacity": 3}, {"name": "Camp", "capacity": 5}]
    response = priya_client.post(f"{base}/events/{first['event_id']}/sessions", json=slot(capacity=8, options=options))
    assert response.status_code == 201, response.get_json()
    added = response.get_json()
    assert [(o["name"], o["price"], o["capacity"], o["seats_left"]) for o in added["options"]] == [
        ("Cabin", 100_000, 3, 3),
        ("Camp", 0, 5, 5),
    ]
    public = client.get(f"/events/{first['event_id']}").get_json()["sessions"]
    assert [len(s["options"]) for s in public] == [2, 2]


def test_bad_options_are_400_and_write_nothing(make_retreat, priya_client, base, db_rows, assert_error):
    event_id = make_retreat()["event_id"]
    before = db_rows()
    for options in (
        [{"name": "Twin", "capacity": 2}, {"name": "twin ", "capacity": 3}],
        [{"name": "", "capacity": 2}],
        [{"name": "Twin", "capacity": 0}],
        [{"name": "Twin", "capacity": 2, "price": -1}],
    ):
        response = priya_client.post(f"{base}/events/{event_id}/sessions", json=slot(capacity=8, options=options))
        assert_error(response, 400, "validation_error", "options")
    assert db_rows() == before


def test_options_are_renamed_repriced_and_resized_for_later_bookings(
    make_retreat, priya_client, base, user_client, people
):
    session = make_retreat(capacity=10, options=(("Tent", 0, 2), ("Dorm", 0, 5)))
    tent, dorm = option_named(session, "Tent"), option_named(session, "Dorm")
    booked = user_client.post("/book", json={"session_id": session["id"], "option_id": tent["id"]}).get_json()
    options = [
        {"id": tent["id"], "name": "Bell tent", "price": 50_000, "capacity": 3},
        {"id": dorm["id"], "name": "Dorm", "capacity": 5},
        {"name": "Hammock", "capacity": 1},
    ]
    response = priya_client.patch(f"{base}/sessions/{session['id']}", json={"options": options})
    assert response.status_code == 200, response.get_json()
    assert [(o["name"], o["price"], o["capacity"], o["seats_left"]) for o in response.get_json()["options"]] == [
        ("Bell tent", 50_000, 3, 2),
        ("Dorm", 0, 5, 5),
        ("Hammock", 0, 1, 1),
    ]
    # The booking made before keeps its place, under the option's new name.
    assert user_client.get(f"/bookings/{booked['id']}").get_json()["option"]["name"] == "Bell tent"


def test_an_option_cannot_shrink_below_its_seats_or_go_while_held(
    make_retreat, priya_client, base, user_client, assert_error, db_rows
):
    session = make_retreat(capacity=10, options=(("Tent", 0, 2), ("Dorm", 0, 5)))
    tent, dorm = option_named(session, "Tent"), option_named(session, "Dorm")
    body = {"session_id": session["id"], "option_id": tent["id"], "seats": 2, "guests": [{"name": "Asha"}]}
    booking = user_client.post("/book", json=body).get_json()
    before = db_rows()
    path = f"{base}/sessions/{session['id']}"
    smaller = [{"id": tent["id"], "name": "Tent", "capacity": 1}, {"id": dorm["id"], "name": "Dorm", "capacity": 5}]
    refused = assert_error(priya_client.patch(path, json={"options": smaller}), 409, "option_capacity_below_bookings")
    assert refused["details"]["seats_taken"] == 2
    without_tent = [{"id": dorm["id"], "name": "Dorm", "capacity": 5}]
    assert_error(priya_client.patch(path, json={"options": without_tent}), 409, "option_in_use")
    unknown = [{"id": 999_999, "name": "Ghost", "capacity": 1}]
    assert_error(priya_client.patch(path, json={"options": unknown}), 400, "validation_error", "options")
    assert db_rows() == before
    # Cancelled, the tent can go: kept (retired) for the booking that named it, no longer offered.
    assert user_client.post(f"/bookings/{booking['id']}/cancel").status_code == 200
    response = priya_client.patch(path, json={"options": without_tent})
    assert response.status_code == 200, response.get_json()
    assert [o["name"] for o in response.get_json()["options"]] == ["Dorm"]
    assert user_client.get(f"/bookings/{booking['id']}").get_json()["option"]["name"] == "Tent"
    assert_error(user_client.post(f"/bookings/{booking['id']}/reactivate"), 409, "option_retired")


def test_a_bigger_option_takes_the_head_of_its_line(make_retreat, priya_client, base, people, option_seats):
    session = make_retreat(capacity=10, options=(("Tent", 0, 1), ("Dorm", 0, 5)))
    tent, dorm = option_named(session, "Tent"), option_named(session, "Dorm")
    (_a, camper), (waiting_account, waiting) = people(2)
    assert camper.post("/book", json={"session_id": session["id"], "option_id": tent["id"]}).status_code == 201
    assert waiting.post(f"/sessions/{session['id']}/waitlist", json={"option_id": tent["id"]}).status_code == 201
    bigger = [{"id": tent["id"], "name": "Tent", "capacity": 2}, {"id": dorm["id"], "name": "Dorm", "capacity": 5}]
    assert priya_client.patch(f"{base}/sessions/{session['id']}", json={"options": bigger}).status_code == 200
    [promoted] = waiting.get("/bookings").get_json()["items"]
    assert promoted["option"]["name"] == "Tent" and promoted["user_id"] == waiting_account.id
    assert option_seats(session["id"]) == {"Tent": 2, "Dorm": 0, None: 2}


def test_a_recurring_series_refuses_options(make_retreat, priya_client, base, assert_error):
    event_id = make_retreat()["event_id"]
    series = {
        "rrule": "FREQ=WEEKLY;COUNT=3",
        "starts_on": (utcnow() + timedelta(days=40)).date().isoformat(),
        "start_time": "07:00",
        "duration_minutes": 60,
        "capacity": 10,
        "options": [{"name": "Mat", "capacity": 5}],
    }
    assert_error(priya_client.post(f"{base}/events/{event_id}/series", json=series), 400, "validation_error", "options")

"""Booking a room option: which one, its price, its seats taken with the session's, and given back on every path."""

import pytest
from room_options import PRIVATE, TWIN, option_named


def test_the_public_pages_list_each_sessions_options(client, make_retreat):
    session = make_retreat()
    event = client.get(f"/events/{session['event_id']}").get_json()
    [listed] = event["sessions"]
    assert [(o["name"], o["price"], o["capacity"], o["seats_left"]) for o in listed["options"]] == [
        ("Private room", PRIVATE, 4, 4),
        ("Shared twin", TWIN, 12, 12),
    ]
    assert all(isinstance(o["id"], int) for o in listed["options"])
    [item] = [e for e in client.get("/events?per_page=100").get_json()["items"] if e["id"] == session["event_id"]]
    assert item["sessions"][0]["options"] == listed["options"]


def test_a_free_option_books_at_once_and_shows_on_the_booking(user_client, make_retreat, option_seats):
    session = make_retreat(options=(("Tent", 0, 2), ("Dorm", 0, 10)))
    tent = option_named(session, "Tent")
    response = user_client.post("/bookings/book", json={"session_id": session["id"], "option_id": tent["id"]})
    assert response.status_code == 201, response.get_json()
    booking = response.get_json()
    assert booking["status"] == "active" and booking["option"] == {"id": tent["id"], "name": "Tent"}
    assert option_seats(session["id"]) == {"Tent": 1, "Dorm": 0, None: 1}
    [listed] = user_client.get("/bookings").get_json()["items"]
    assert listed["option"] == {"id": tent["id"], "name": "Tent"}
    assert user_client.get(f"/bookings/{booking['id']}").get_json()["option"]["name"] == "Tent"


def test_a_paid_option_is_held_at_its_own_price(user_client, make_retreat, option_seats):
    session = make_retreat()
    twin = option_named(session, "Shared twin")
    body = {"session_id": session["id"], "option_id": twin["id"], "seats": 2, "guests": [{"name": "Asha"}]}
    response = user_client.post("/bookings/book", json=body)
    assert response.status_code == 201, response.get_json()
    booking = response.get_json()
    assert booking["status"] == "pending_payment"
    assert booking["payment"]["amount"] == 2 * TWIN
    assert option_seats(session["id"]) == {"Private room": 0, "Shared twin": 2, None: 2}


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({}, 400, "validation_error", "option_id"),
        ({"option_id": 999_999}, 404, "option_not_found", None),
    ],
)
def test_a_session_with_options_needs_one_of_its_own(
    user_client, make_retreat, db_rows, assert_error, body, status, code, field
):
    session = make_retreat()
    before = db_rows()
    response = user_client.post("/bookings/book", json={"session_id": session["id"], **body})
    assert_error(response, status, code, *([field] if field else []))
    assert db_rows() == before


def test_an_option_of_another_session_is_refused(user_client, make_retreat, db_rows, assert_error):
    mine, other = make_retreat(), make_retreat()
    before = db_rows()
    body = {"session_id": mine["id"], "option_id": other["options"][0]["id"]}
    assert_error(user_client.post("/bookings/book", json=body), 404, "option_not_found")
    assert db_rows() == before


def test_a_session_without_options_refuses_one(user_client, make_session, make_retreat, assert_error):
    plain, retreat = make_session(), make_retreat()
    body = {"session_id": plain.id, "option_id": retreat["options"][0]["id"]}
    assert_error(user_client.post("/bookings/book", json=body), 400, "validation_error", "option_id")


def test_a_full_option_is_409_while_another_has_room(people, make_retreat, option_seats, assert_error):
    session = make_retreat(options=(("Tent", 0, 1), ("Dorm", 0, 5)))
    tent, dorm = option_named(session, "Tent"), option_named(session, "Dorm")
    (_a, first), (_b, second) = people(2)
    assert first.post("/book", json={"session_id": session["id"], "option_id": tent["id"]}).status_code == 201
    refused = second.post("/book", json={"session_id": session["id"], "option_id": tent["id"]})
    body = assert_error(refused, 409, "option_full")
    assert body["details"]["seats_left"] == 0
    assert second.post("/book", json={"session_id": session["id"], "option_id": dorm["id"]}).status_code == 201
    assert option_seats(session["id"]) == {"Tent": 1, "Dorm": 1, None: 2}


def test_the_sessions_capacity_caps_the_options_together(people, make_retreat, option_seats, assert_error):
    session = make_retreat(capacity=2, options=(("Tent", 0, 2), ("Dorm", 0, 2)))
    tent, dorm = option_named(session, "Tent"), option_named(session, "Dorm")
    clients = [client for _account, client in people(3)]
    assert clients[0].post("/book", json={"session_id": session["id"], "option_id": tent["id"]}).status_code == 201
    assert clients[1].post("/book", json={"session_id": session["id"], "option_id": dorm["id"]}).status_code == 201
    refused = clients[2].post("/book", json={"session_id": session["id"], "option_id": dorm["id"]})
    assert_error(refused, 409, "session_full")
    assert option_seats(session["id"]) == {"Tent": 1, "Dorm": 1, None: 2}


def test_cancelling_gives_the_options_seat_back(user_client, make_retreat, option_seats):
    session = make_retreat(options=(("Tent", 0, 2), ("Dorm", 0, 5)))
    tent = option_named(session, "Tent")
    body = {"session_id": session["id"], "option_id": tent["id"], "seats": 2, "guests": [{"name": "Asha"}]}
    booking = user_client.post("/book", json=body).get_json()
    guest = booking["guests"][1] if len(booking["guests"]) > 1 else booking["guests"][0]
    assert user_client.post(f"/bookings/{booking['id']}/guests/{guest['id']}/cancel").status_code == 200
    assert option_seats(session["id"]) == {"Tent": 1, "Dorm": 0, None: 1}
    assert user_client.post(f"/bookings/{booking['id']}/cancel").status_code == 200
    assert option_seats(session["id"]) == {"Tent": 0, "Dorm": 0, None: 0}
    again = user_client.post(f"/bookings/{booking['id']}/reactivate")
    assert again.status_code == 200, again.get_json()
    assert option_seats(session["id"]) == {"Tent": 1, "Dorm": 0, None: 1}


def test_a_code_comes_off_the_options_price(client, user_client, make_retreat, priya_client, base, assert_error):
    session = make_retreat()
    twin = option_named(session, "Shared twin")
    assert priya_client.post(f"{base}/codes", json={"code": "ROOM10", "percent_off": 10}).status_code == 201
    query = {"code": "room10", "session_id": session["id"], "option_id": twin["id"], "seats": 2}
    quote = client.get("/codes/quote", query_string=query).get_json()
    assert (quote["price"], quote["amount_due"]) == (2 * TWIN, 2 * TWIN * 9 // 10)
    assert_error(client.get("/codes/quote", query_string={**query, "option_id": None}), 400, "validation_error")
    body = {"session_id": session["id"], "option_id": twin["id"], "code": "ROOM10"}
    booked = user_client.post("/bookings/book", json=body).get_json()
    assert booked["payment"]["amount"] == TWIN * 9 // 10


def test_the_timetable_lists_a_sessions_options_for_its_booking_dialog(client, make_retreat):
    session = make_retreat()
    day = session["starts_at"][:10]
    body = client.get("/timetable", query_string={"from": day, "to": day}).get_json()
    [listed] = [s for d in body["days"] for s in d["sessions"] if s["id"] == session["id"]]
    assert [(o["name"], o["seats_left"]) for o in listed["options"]] == [("Private room", 4), ("Shared twin", 12)]

"""A room option of an event that approves each booking: the request holds the option's seat, approval keeps it at
the option's price, and a decline gives it back to the option's own line."""

from room_options import TWIN, option_named


def _approval(priya_client, base, event_id: int) -> None:
    answer = priya_client.patch(f"{base}/events/{event_id}", json={"requires_approval": True})
    assert answer.status_code == 200, answer.get_json()


def test_a_request_holds_the_options_seat_and_approval_prices_it(
    user_client, priya_client, base, make_retreat, option_seats
):
    session = make_retreat()
    _approval(priya_client, base, session["event_id"])
    twin = option_named(session, "Shared twin")
    asked = user_client.post("/bookings/book", json={"session_id": session["id"], "option_id": twin["id"]})
    assert asked.status_code == 201, asked.get_json()
    request = asked.get_json()
    assert request["status"] == "pending_approval" and request["option"]["name"] == "Shared twin"
    assert option_seats(session["id"]) == {"Private room": 0, "Shared twin": 1, None: 1}

    approved = priya_client.post(f"{base}/bookings/{request['id']}/approve")
    assert approved.status_code == 200, approved.get_json()
    assert user_client.get(f"/bookings/{request['id']}").get_json()["status"] == "pending_payment"
    paying = user_client.post(f"/bookings/{request['id']}/pay")
    assert paying.status_code == 200, paying.get_json()
    assert paying.get_json()["payment"]["amount"] == TWIN
    assert option_seats(session["id"]) == {"Private room": 0, "Shared twin": 1, None: 1}


def test_a_declined_request_gives_the_options_seat_back(user_client, priya_client, base, make_retreat, option_seats):
    session = make_retreat(options=(("Private room", 0, 1), ("Shared twin", 0, 12)))
    _approval(priya_client, base, session["event_id"])
    private = option_named(session, "Private room")
    request = user_client.post("/bookings/book", json={"session_id": session["id"], "option_id": private["id"]})
    assert request.status_code == 201, request.get_json()
    assert option_seats(session["id"])["Private room"] == 1

    full = user_client.post("/bookings/book", json={"session_id": session["id"], "option_id": private["id"]})
    assert full.status_code == 409

    declined = priya_client.post(f"{base}/bookings/{request.get_json()['id']}/decline", json={"message": "Full up."})
    assert declined.status_code == 200, declined.get_json()
    assert option_seats(session["id"]) == {"Private room": 0, "Shared twin": 0, None: 0}

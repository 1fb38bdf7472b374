"""Room options and time and the line: an unpaid hold gives its option's seat back, each option has its own waiting
list (booked at once or offered, as the session says), and a facilitator's cancellation frees every option."""

from hold_clock import expire_now
from room_options import TWIN, option_named


def book_in(client, session: dict, option: dict):
    return client.post("/bookings/book", json={"session_id": session["id"], "option_id": option["id"]})


def test_an_unpaid_hold_gives_its_options_seat_back(app, user_client, make_retreat, option_seats, payments_lane):
    session = make_retreat()
    twin = option_named(session, "Shared twin")
    held = book_in(user_client, session, twin).get_json()
    assert held["status"] == "pending_payment" and option_seats(session["id"])["Shared twin"] == 1
    expire_now(app, held["id"])
    payments_lane()
    assert user_client.get(f"/bookings/{held['id']}").get_json()["status"] == "expired"
    assert option_seats(session["id"]) == {"Private room": 0, "Shared twin": 0, None: 0}


def test_each_option_has_its_own_line(make_retreat, people, option_seats, assert_error):
    session = make_retreat(capacity=10, options=(("Tent", 0, 1), ("Dorm", 0, 5)))
    tent, dorm = option_named(session, "Tent"), option_named(session, "Dorm")
    (_a, camper), (_b, dorm_sleeper), (waiting_account, waiting), (_d, late) = people(4)
    assert book_in(camper, session, tent).status_code == 201
    assert book_in(dorm_sleeper, session, dorm).status_code == 201
    line = f"/sessions/{session['id']}/waitlist"
    assert_error(waiting.post(line), 400, "validation_error", "option_id")
    assert_error(waiting.post(line, json={"option_id": dorm["id"]}), 409, "seats_available")
    joined = waiting.post(line, json={"option_id": tent["id"]}).get_json()
    assert (joined["status"], joined["position"]) == ("waiting", 1)
    assert late.post(line, json={"option_id": tent["id"]}).get_json()["position"] == 2
    # A seat freed in the dorm is no use to the tent's line.
    dorm_booking = dorm_sleeper.get("/bookings").get_json()["items"][0]
    assert dorm_sleeper.post(f"/bookings/{dorm_booking['id']}/cancel").status_code == 200
    assert waiting.get("/bookings").get_json()["items"] == []
    # The tent's seat goes to the head of the tent's line, in the same request.
    tent_booking = camper.get("/bookings").get_json()["items"][0]
    assert camper.post(f"/bookings/{tent_booking['id']}/cancel").status_code == 200
    [promoted] = waiting.get("/bookings").get_json()["items"]
    assert (promoted["status"], promoted["option"]) == ("active", {"id": tent["id"], "name": "Tent"})
    assert promoted["user_id"] == waiting_account.id
    assert late.get("/bookings").get_json()["waiting"][0]["position"] == 1
    assert option_seats(session["id"]) == {"Tent": 1, "Dorm": 0, None: 1}


def test_an_offer_mode_session_offers_the_options_seat_to_its_line(make_retreat, people, option_seats, email_outbox):
    session = make_retreat(capacity=10, options=(("Tent", 0, 1), ("Dorm", 0, 5)), waitlist_mode="offer")
    tent = option_named(session, "Tent")
    (_a, camper), (_b, waiting) = people(2)
    booking = book_in(camper, session, tent).get_json()
    assert waiting.post(f"/sessions/{session['id']}/waitlist", json={"option_id": tent["id"]}).status_code == 201
    assert camper.post(f"/bookings/{booking['id']}/cancel").status_code == 200
    [place] = waiting.get("/bookings").get_json()["waiting"]
    assert place["status"] == "offered"
    assert option_seats(session["id"]) == {"Tent": 1, "Dorm": 0, None: 1}  # claimed for the offer
    token = place["offer_path"].rsplit("/", 1)[1]
    taken = waiting.post(f"/waitlist/offers/{token}/accept")
    assert taken.status_code == 201, taken.get_json()
    assert taken.get_json()["option"] == {"id": tent["id"], "name": "Tent"}
    assert option_seats(session["id"]) == {"Tent": 1, "Dorm": 0, None: 1}


def test_a_paid_option_from_the_line_is_held_at_its_price(app, make_retreat, people, email_outbox):
    session = make_retreat(capacity=10, options=(("Private room", 9_000_000, 1), ("Shared twin", TWIN, 5)))
    private = option_named(session, "Private room")
    (_a, first), (_b, waiting) = people(2)
    held = book_in(first, session, private).get_json()
    assert waiting.post(f"/sessions/{session['id']}/waitlist", json={"option_id": private["id"]}).status_code == 201
    assert first.post(f"/bookings/{held['id']}/cancel").status_code == 200
    [promoted] = waiting.get("/bookings").get_json()["items"]
    assert promoted["status"] == "pending_payment" and promoted["option"]["name"] == "Private room"
    paid = waiting.post(f"/bookings/{promoted['id']}/pay").get_json()
    assert paid["payment"]["amount"] == 9_000_000


def test_a_cancelled_session_frees_every_option(make_retreat, user_client, priya_client, base, option_seats):
    session = make_retreat(options=(("Tent", 0, 2), ("Dorm", 0, 5)))
    book_in(user_client, session, option_named(session, "Tent"))
    response = priya_client.post(f"{base}/sessions/{session['id']}/cancel", json={"reason": "Snowed in"})
    assert response.status_code == 200
    assert option_seats(session["id"]) == {"Tent": 0, "Dorm": 0, None: 0}
    [booking] = user_client.get("/bookings").get_json()["items"]
    assert booking["status"] == "cancelled" and booking["option"]["name"] == "Tent"


def test_a_places_number_counts_only_its_options_line(make_retreat, people):
    session = make_retreat(capacity=2, options=(("Tent", 0, 1), ("Dorm", 0, 1)))
    tent, dorm = option_named(session, "Tent"), option_named(session, "Dorm")
    (_a, camper), (_b, sleeper), (_c, first), (_d, second) = people(4)
    assert book_in(camper, session, tent).status_code == 201
    assert book_in(sleeper, session, dorm).status_code == 201
    line = f"/sessions/{session['id']}/waitlist"
    assert first.post(line, json={"option_id": tent["id"]}).get_json()["position"] == 1
    assert second.post(line, json={"option_id": dorm["id"]}).get_json()["position"] == 1
    assert [place["position"] for place in second.get("/bookings").get_json()["waiting"]] == [1]


def test_an_offer_of_a_paid_option_shows_its_price(client, make_retreat, people):
    session = make_retreat(options=(("Private room", 9_000_000, 1), ("Shared twin", TWIN, 5)), waitlist_mode="offer")
    private = option_named(session, "Private room")
    (_a, first), (_b, waiting) = people(2)
    held = book_in(first, session, private).get_json()
    assert waiting.post(f"/sessions/{session['id']}/waitlist", json={"option_id": private["id"]}).status_code == 201
    assert first.post(f"/bookings/{held['id']}/cancel").status_code == 200
    [place] = waiting.get("/bookings").get_json()["waiting"]
    token = place["offer_path"].rsplit("/", 1)[1]
    offer = client.get(f"/waitlist/offers/{token}").get_json()
    assert (offer["status"], offer["price"], offer["price_text"]) == ("open", 9_000_000, "₹90,000")

"""A person's own check-in codes, from My bookings: each seat still coming, the same codes the door's roster has."""

from datetime import timedelta

import pytest

pytestmark = pytest.mark.both_databases


def test_a_booker_sees_each_seats_code_and_qr_code(make_session, facilitator, facilitator_client, user_client):
    session = make_session(capacity=5, starts_in=timedelta(days=1), facilitator_id=facilitator.id)
    booking = user_client.post(
        "/bookings/book", json={"session_id": session.id, "seats": 3, "guests": [{"name": "Meera"}, {"name": "Ravi"}]}
    ).get_json()
    mine = user_client.get(f"/bookings/{booking['id']}/checkin").get_json()
    roster = facilitator_client.get(f"/api/facilitator/{facilitator.id}/sessions/{session.id}/roster").get_json()
    door = {(s["booking_id"], s["seat"]): s["code"] for s in roster["seats"]}
    assert [(s["seat"], s["name"]) for s in mine["seats"]][1:] == [(2, "Meera"), (3, "Ravi")]
    for seat in mine["seats"]:
        assert seat["code"] == door[(booking["id"], seat["seat"])]
        assert seat["qr"].endswith(seat["code"]) and seat["qr_svg"].startswith("data:image/svg+xml")
        assert seat["checked_in_at"] is None
    # a guest who can no longer come has no code
    guest_id = booking["guests"][0]["id"]
    assert user_client.post(f"/bookings/{booking['id']}/guests/{guest_id}/cancel", json={}).status_code == 200
    assert [s["name"] for s in user_client.get(f"/bookings/{booking['id']}/checkin").get_json()["seats"]][1:] == [
        "Ravi"
    ]


def test_only_the_bookers_booking_while_it_is_on(make_session, user_client, people, assert_error):
    session = make_session(capacity=5, starts_in=timedelta(days=1))
    booking = user_client.post("/bookings/book", json={"session_id": session.id}).get_json()
    [(_other, other_client)] = people(1)
    assert_error(other_client.get(f"/bookings/{booking['id']}/checkin"), 404, "booking_not_found")
    user_client.post(f"/bookings/{booking['id']}/cancel", json={})
    assert_error(user_client.get(f"/bookings/{booking['id']}/checkin"), 409, "booking_not_active")

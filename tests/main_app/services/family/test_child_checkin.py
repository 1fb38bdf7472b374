"""A child at the door: the roster names the child booked for (with their guardian's notes for the teacher, and the
guardian as booker), the desk checks the child's seat in by its code, and the guardian's tickets carry the name."""

from datetime import timedelta


def test_the_roster_names_each_child_and_the_door_checks_them_in(
    user, user_client, facilitator, facilitator_client, make_session, add_child
):
    session = make_session(capacity=10, starts_in=timedelta(minutes=30), facilitator_id=facilitator.id)
    asha = add_child(user_client, name="Asha", notes_for_teacher="Asthma: inhaler in her bag.")
    ravi = add_child(user_client, name="Ravi", date_of_birth="2016-01-09")
    booked = [
        user_client.post("/bookings/book", json={"session_id": session.id, **extra}).get_json()
        for extra in ({"dependent_id": asha["id"]}, {"dependent_id": ravi["id"]}, {})
    ]
    path = f"/api/facilitator/{facilitator.id}/sessions/{session.id}"
    roster = facilitator_client.get(f"{path}/roster").get_json()
    seats = {seat["booking_id"]: seat for seat in roster["seats"]}
    assert [seats[b["id"]]["name"] for b in booked] == ["Asha", "Ravi", user.name]
    assert {(seats[b["id"]]["booked_by"], seats[b["id"]]["booked_by_id"]) for b in booked} == {(user.name, user.id)}
    assert seats[booked[0]["id"]]["child"] == {
        "id": asha["id"],
        "name": "Asha",
        "notes_for_teacher": "Asthma: inhaler in her bag.",
    }
    assert seats[booked[2]["id"]]["child"] is None
    answer = facilitator_client.post(f"{path}/checkins", json={"checkins": [{"code": seats[booked[0]["id"]]["code"]}]})
    assert [(r["status"], r.get("name")) for r in answer.get_json()["results"]] == [("checked_in", "Asha")]
    tickets = user_client.get(f"/bookings/{booked[1]['id']}/checkin").get_json()
    assert [seat["name"] for seat in tickets["seats"]] == ["Ravi"]

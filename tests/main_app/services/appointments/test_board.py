"""The studio's board of privates: a teacher keeps their own hours; the desk books a client into a private (paid at
the desk) and moves one; a manager cancels one (its person told, the slot free again); everyone with the board sees
every teacher's day, a teacher their own column alone."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.both_databases

KOLKATA = ZoneInfo("Asia/Kolkata")
WEEK = [{"weekday": day, "starts": "09:00", "ends": "12:00"} for day in range(7)]


def _at(hour: int, minute: int = 0) -> datetime:
    day = datetime.now(KOLKATA).date() + timedelta(days=2)
    return datetime.combine(day, time(hour, minute), tzinfo=KOLKATA).astimezone(UTC)


@pytest.fixture
def lotus(make_team):
    """A studio whose instructor gives a private (₹1,500 or a credit) 09:00-12:00 every day, bookable from a minute
    ahead, with the hours they keep themselves."""
    team = make_team("Lotus Yoga")
    owner, base, teacher = team.clients["owner"], f"/api/studios/{team.slug}", team.accounts["instructor"]
    body = {"name": "Private yoga", "duration_minutes": 60, "price": 150_000, "teachers": [teacher.id]}
    team.service = owner.post(f"{base}/appointment-services", json=body).get_json()["id"]
    mine = team.clients["instructor"].put(f"{base}/my-hours", json={"hours": WEEK})
    assert mine.status_code == 200, mine.get_json()
    assert owner.put(f"{base}/appointment-rules", json={"min_notice_minutes": 1}).status_code == 200
    return team


def test_the_desk_books_and_moves_a_client_and_a_manager_cancels(lotus, user, user_client, assert_error):
    base, desk = f"/api/studios/{lotus.slug}", lotus.clients["front_desk"]
    own = user_client.post("/appointments", json={"service_id": lotus.service, "starts_at": _at(9).isoformat()})
    assert own.status_code == 201, own.get_json()
    body = {"service_id": lotus.service, "starts_at": _at(10, 30).isoformat(), "user_id": user.id}
    at_desk = desk.post(f"{base}/appointments", json={**body, "use": "door", "method": "cash"})
    assert at_desk.status_code == 201, at_desk.get_json()
    assert (at_desk.get_json()["booking"]["status"], at_desk.get_json()["payment"]["method"]) == ("active", "cash")
    day = _at(9).astimezone(KOLKATA).date().isoformat()
    shown = desk.get(f"{base}/appointments", query_string={"from": day})
    assert shown.status_code == 200, shown.get_json()
    board = shown.get_json()
    assert [t["id"] for t in board["teachers"]] == [lotus.accounts["instructor"].id]
    assert [(a["client"]["id"], a["service"]["name"]) for a in board["appointments"]] == [(user.id, "Private yoga")] * 2
    appointment = at_desk.get_json()["appointment"]["id"]
    moved = desk.post(f"{base}/appointments/{appointment}/move", json={"starts_at": _at(11).isoformat()})
    assert moved.status_code == 200, moved.get_json()
    assert_error(desk.post(f"{base}/appointments/{appointment}/cancel", json={}), 403, "forbidden")
    first = own.get_json()["appointment"]["id"]
    cancelled = lotus.clients["manager"].post(f"{base}/appointments/{first}/cancel", json={"reason": "Teacher ill"})
    assert cancelled.status_code == 200, cancelled.get_json()
    assert user_client.get(f"/bookings/{own.get_json()['id']}").get_json()["status"] == "cancelled"
    left = desk.get(f"{base}/appointments", query_string={"from": day}).get_json()["appointments"]
    assert [a["id"] for a in left] == [appointment]
    assert _at(9).isoformat()[:16] in {
        s["starts_at"][:16]
        for s in user_client.get(
            f"/api/public/studios/{lotus.slug}/appointment-services/{lotus.service}/slots?days=3"
        ).get_json()["items"]
    }


def test_a_teacher_sees_their_own_column_and_keeps_their_own_hours(lotus, make_user, add_member, client_for):
    base, teacher = f"/api/studios/{lotus.slug}", lotus.accounts["instructor"]
    other = make_user(name="Second teacher")
    add_member(lotus.id, other, "instructor")
    asked = client_for(other).get(f"{base}/appointments", query_string={"teacher_id": teacher.id})
    assert asked.status_code == 200, asked.get_json()
    assert [t["id"] for t in asked.get_json()["teachers"]] == [other.id]
    hours = lotus.clients["instructor"].get(f"{base}/my-hours").get_json()
    assert (hours["user_id"], len(hours["hours"])) == (teacher.id, 7)


def test_a_series_or_a_new_teacher_over_a_private_is_refused(lotus, user_client, assert_error):
    base, owner = f"/api/studios/{lotus.slug}", lotus.clients["owner"]
    teacher = lotus.accounts["instructor"].id
    booked = user_client.post("/appointments", json={"service_id": lotus.service, "starts_at": _at(9).isoformat()})
    assert booked.status_code == 201, booked.get_json()
    at = {"starts_at": _at(9, 30).isoformat(), "ends_at": _at(10).isoformat(), "capacity": 5}
    body = {"title": "Flow", "kind": "session", "timezone": "Asia/Kolkata"}
    event = owner.post(f"{base}/events", json={**body, "sessions": [at]})
    assert event.status_code == 201, event.get_json()  # the owner teaches it: free then
    session_id = event.get_json()["sessions"][0]["id"]
    handed = owner.patch(f"{base}/sessions/{session_id}/instructor", json={"instructor_id": teacher})
    assert_error(handed, 409, "teacher_busy")
    first = (_at(9) - timedelta(days=1)).astimezone(KOLKATA).date().isoformat()
    rule = {"rrule": "FREQ=DAILY;COUNT=3", "starts_on": first, "start_time": "09:30", "duration_minutes": 30}
    rule["capacity"] = 5
    series = owner.post(f"{base}/events/{event.get_json()['id']}/series", json={**rule, "instructor_id": teacher})
    assert_error(series, 409, "teacher_busy")
    assert_error(
        owner.post(f"{base}/events", json={**body, "sessions": [{**at, "instructor_id": teacher}]}), 409, "teacher_busy"
    )

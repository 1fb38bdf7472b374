"""A studio's private sessions through the API: its staff write the services (given by members only), each
teacher's hours and days off and the booking window, with clear refusals of bad input; anyone reads the services
taking bookings and their free slots, on the studio's clock."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

KOLKATA = ZoneInfo("Asia/Kolkata")
WEEK = [{"weekday": day, "starts": "09:00", "ends": "12:00"} for day in range(7)]


@pytest.fixture
def lotus(make_team):
    return make_team("Lotus Yoga")


def _base(team) -> str:
    return f"/api/studios/{team.slug}"


def _private(team, **fields) -> dict:
    body = {"name": "Private yoga", "duration_minutes": 60, "price": 150_000, "buffer_after_minutes": 15} | fields
    made = team.clients["owner"].post(f"{_base(team)}/appointment-services", json=body)
    assert made.status_code == 201, made.get_json()
    return made.get_json()


def test_staff_write_a_service_given_by_their_own_team_only(lotus, make_team, make_user, assert_error):
    teacher = lotus.accounts["instructor"]
    made = _private(lotus, teachers=[teacher.id], location="Room 2")
    assert (made["name"], made["teachers"], made["location"], made["active"]) == (
        "Private yoga", [{"id": teacher.id, "name": teacher.name}], "Room 2", True
    )  # fmt: skip
    owner, base = lotus.clients["owner"], _base(lotus)
    stranger = make_user(name="Not On The Team")
    refused = owner.post(
        f"{base}/appointment-services", json={"name": "X", "duration_minutes": 30, "teachers": [stranger.id]}
    )
    assert_error(refused, 422, "teacher_not_member")
    changed = owner.patch(f"{base}/appointment-services/{made['id']}", json={"active": False, "teachers": []})
    assert (changed.get_json()["active"], changed.get_json()["teachers"]) == (False, [])
    assert [s["name"] for s in owner.get(f"{base}/appointment-services").get_json()["items"]] == ["Private yoga"]
    other = make_team("Moon Studio")
    assert_error(
        other.clients["owner"].patch(f"{_base(other)}/appointment-services/{made['id']}", json={}),
        404,
        "appointment_service_not_found",
    )
    for bad in (
        {"name": "", "duration_minutes": 60},
        {"name": "X", "duration_minutes": 4},
        {"name": "X", "duration_minutes": "60"},
    ):
        answer = owner.post(f"{base}/appointment-services", json=bad)
        assert answer.status_code == 400 and answer.get_json()["error"]["code"] == "validation_error", bad


def test_a_teachers_hours_and_days_off_and_the_booking_window(lotus, make_user, assert_error):
    owner, base = lotus.clients["owner"], _base(lotus)
    teacher = lotus.accounts["instructor"]
    tomorrow = (datetime.now(KOLKATA) + timedelta(days=1)).date().isoformat()
    body = {"hours": WEEK[:2], "exceptions": [{"day": tomorrow, "kind": "off"}]}
    kept = owner.put(f"{base}/teachers/{teacher.id}/hours", json=body)
    assert kept.status_code == 200, kept.get_json()
    assert kept.get_json()["hours"][0] == {"weekday": 0, "starts": "09:00:00", "ends": "12:00:00"}
    assert kept.get_json()["exceptions"] == [{"day": tomorrow, "kind": "off", "starts": None, "ends": None}]
    for bad in (
        {"hours": [{"weekday": 7, "starts": "09:00", "ends": "10:00"}]},
        {"hours": [{"weekday": 1, "starts": "10:00", "ends": "09:00"}]},
        {"hours": [], "exceptions": [{"day": tomorrow, "kind": "extra"}]},
        {"hours": [], "exceptions": [{"day": tomorrow, "kind": "holiday"}]},
    ):
        answer = owner.put(f"{base}/teachers/{teacher.id}/hours", json=bad)
        assert answer.status_code == 400, (bad, answer.get_json())
    assert owner.get(f"{base}/teachers/{teacher.id}/hours").get_json()["hours"] == kept.get_json()["hours"]
    stranger = make_user(name="Not On The Team")
    assert_error(owner.get(f"{base}/teachers/{stranger.id}/hours"), 404, "teacher_not_member")
    assert owner.get(f"{base}/appointment-rules").get_json() == {
        "min_notice_minutes": 120,
        "max_days_ahead": 60,
        "cancel_hours": 24,
    }
    changed = owner.put(f"{base}/appointment-rules", json={"min_notice_minutes": 0, "max_days_ahead": 14})
    assert changed.get_json() == {"min_notice_minutes": 0, "max_days_ahead": 14, "cancel_hours": 24}
    assert owner.put(f"{base}/appointment-rules", json={"max_days_ahead": 0}).status_code == 400


def test_anyone_reads_the_services_taking_bookings_and_their_free_slots(lotus, client, assert_error):
    owner, base = lotus.clients["owner"], _base(lotus)
    teacher = lotus.accounts["instructor"]
    assert owner.put(f"{base}/teachers/{teacher.id}/hours", json={"hours": WEEK}).status_code == 200
    owner.put(f"{base}/appointment-rules", json={"min_notice_minutes": 0, "max_days_ahead": 3})
    private = _private(lotus, teachers=[teacher.id])
    retired = _private(lotus, name="Old massage", active=False)
    public = f"/api/public/studios/{lotus.slug}/appointment-services"
    assert [s["name"] for s in client.get(public).get_json()["items"]] == ["Private yoga"]
    found = client.get(f"{public}/{private['id']}/slots").get_json()
    assert found["timezone"] == "Asia/Kolkata" and found["service"]["id"] == private["id"]
    starts = [datetime.fromisoformat(slot["starts_at"]).astimezone(KOLKATA) for slot in found["items"]]
    assert starts and all(time_ok(start) for start in starts)
    assert all(datetime.fromisoformat(s["starts_at"]) > datetime.now(UTC) for s in found["items"])
    first = found["items"][0]
    assert first["teacher"] == {"id": teacher.id, "name": teacher.name}
    assert datetime.fromisoformat(first["ends_at"]) - datetime.fromisoformat(first["starts_at"]) == timedelta(hours=1)
    assert len(client.get(f"{public}/{private['id']}/slots", query_string={"days": 1}).get_json()["items"]) < len(
        found["items"]
    )
    assert_error(client.get(f"{public}/{retired['id']}/slots"), 404, "appointment_service_not_found")
    assert_error(client.get("/api/public/studios/no-such-studio/appointment-services"), 404, "studio_not_found")
    assert client.get(f"{public}/{private['id']}/slots", query_string={"days": "many"}).status_code == 400


def time_ok(start: datetime) -> bool:
    """Inside 09:00-12:00 with room for the hour, on a quarter hour."""
    return start.minute % 15 == 0 and (9, 0) <= (start.hour, start.minute) <= (11, 0)

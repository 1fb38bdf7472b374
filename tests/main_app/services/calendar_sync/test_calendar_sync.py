"""A teacher's own calendar kept in step both ways, against a real CalDAV server (Radicale) and a real iCal address:
its busy times take their slots, their privates are written to it and move and go with them, a stale or refused
calendar withholds their slots while the lane runs on, and a busy time arriving while a slot is booked ends with one
of them. On both databases."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from racing import race
from radicale_server import LOGIN, PASSWORD

pytestmark = pytest.mark.both_databases

KOLKATA = ZoneInfo("Asia/Kolkata")
WEEK = [{"weekday": day, "starts": "09:00", "ends": "12:00"} for day in range(7)]


def _at(hour: int, minute: int = 0, days: int = 2) -> datetime:
    day = datetime.now(KOLKATA).date() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=KOLKATA).astimezone(UTC)


def _busy_ics(uid: str, starts: datetime, ends: datetime) -> str:
    stamp = "%Y%m%dT%H%M%SZ"
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//busy//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:{starts.strftime(stamp)}\r\nDTSTART:{starts.strftime(stamp)}\r\n"
        f"DTEND:{ends.strftime(stamp)}\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


@pytest.fixture
def lotus(make_team):
    """A studio whose instructor gives a private 09:00-12:00 every day (their own hours), bookable a minute ahead."""
    team = make_team("Lotus Yoga")
    owner, base, teacher = team.clients["owner"], f"/api/studios/{team.slug}", team.accounts["instructor"]
    body = {"name": "Private yoga", "duration_minutes": 60, "teachers": [teacher.id]}
    team.service = owner.post(f"{base}/appointment-services", json=body).get_json()["id"]
    assert team.clients["instructor"].put(f"{base}/my-hours", json={"hours": WEEK}).status_code == 200
    assert owner.put(f"{base}/appointment-rules", json={"min_notice_minutes": 1}).status_code == 200
    team.base = base
    return team


def _starts(client, team, days: int = 3) -> set[datetime]:
    path = f"/api/public/studios/{team.slug}/appointment-services/{team.service}/slots?days={days}"
    return {datetime.fromisoformat(slot["starts_at"]) for slot in client.get(path).get_json()["items"]}


def _link(team, url: str, **login) -> dict:
    answer = team.clients["instructor"].put(f"{team.base}/my-calendar", json={"kind": "caldav", "url": url, **login})
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def test_busy_times_take_slots_and_privates_are_written_moved_and_removed(
    lotus, client, user_client, radicale, drainer
):
    teacher = lotus.clients["instructor"]
    linked = _link(lotus, radicale.calendar_url, username=LOGIN, password=PASSWORD)
    assert (linked["linked"], linked["stale"], linked["host"]) == (True, True, "127.0.0.1")
    assert "password" not in linked and _starts(client, lotus) == set()  # not read yet: nothing offered
    drain = drainer("timers")
    drain()
    assert teacher.get(f"{lotus.base}/my-calendar").get_json()["stale"] is False
    assert _at(10) in _starts(client, lotus)
    radicale.calendar.save_event(_busy_ics("dentist-1", _at(10), _at(10, 30)))
    assert teacher.post(f"{lotus.base}/my-calendar/sync").status_code == 200
    drain()
    starts = _starts(client, lotus)
    assert _at(10) not in starts and _at(9, 15) not in starts and _at(9) in starts and _at(10, 30) in starts
    booked = user_client.post("/appointments", json={"service_id": lotus.service, "starts_at": _at(9).isoformat()})
    assert booked.status_code == 201, booked.get_json()
    drain()
    session_id = booked.get_json()["session_id"]
    uid = f"sessions-retreats-{session_id}"
    assert radicale.ours() == {uid: (_at(9), _at(10), "Private yoga (private session)")}
    appointment = booked.get_json()["appointment"]["id"]
    moved = user_client.post(f"/appointments/{appointment}/move", json={"starts_at": _at(11).isoformat()})
    assert moved.status_code == 200, moved.get_json()
    drain()
    assert radicale.ours() == {uid: (_at(11), _at(12), "Private yoga (private session)")}
    cancelled = lotus.clients["owner"].post(f"{lotus.base}/appointments/{appointment}/cancel", json={})
    assert cancelled.status_code == 200, cancelled.get_json()
    drain()
    assert radicale.ours() == {}
    # The person cancelling their own (the booking's cancel, as any class's) takes it off at once too.
    again = user_client.post("/appointments", json={"service_id": lotus.service, "starts_at": _at(9).isoformat()})
    assert again.status_code == 201, again.get_json()
    drain()
    assert set(radicale.ours()) == {f"sessions-retreats-{again.get_json()['session_id']}"}
    assert user_client.post(f"/bookings/{again.get_json()['id']}/cancel", json={}).status_code == 200
    drain()
    assert radicale.ours() == {}


def test_a_refused_login_withholds_the_slots_and_the_lane_runs_on(lotus, client, radicale, drainer):
    _link(lotus, radicale.calendar_url, username=LOGIN, password="not-the-password")
    drainer("timers")()
    state = lotus.clients["instructor"].get(f"{lotus.base}/my-calendar").get_json()
    assert state["stale"] is True and "Unauthorized" in state["last_error"]
    assert _starts(client, lotus) == set()
    assert lotus.clients["instructor"].delete(f"{lotus.base}/my-calendar").status_code == 204
    assert _at(10) in _starts(client, lotus)  # unlinked: the hours alone again


def test_a_read_only_ical_address_blocks_its_busy_times(lotus, client, ical_server, drainer, assert_error):
    ical_server.handler.body = _busy_ics("holiday-1", _at(9), _at(11))
    answer = lotus.clients["instructor"].put(f"{lotus.base}/my-calendar", json={"kind": "ical", "url": ical_server.url})
    assert answer.status_code == 200, answer.get_json()
    drainer("timers")()
    starts = _starts(client, lotus)
    assert _at(9) not in starts and _at(10, 45) not in starts and _at(11) in starts
    bad = lotus.clients["instructor"].put(f"{lotus.base}/my-calendar", json={"kind": "caldav", "url": ical_server.url})
    assert_error(bad, 400, "validation_error")
    ftp = lotus.clients["instructor"].put(
        f"{lotus.base}/my-calendar", json={"kind": "ical", "url": "ftp://x.example/c"}
    )
    assert_error(ftp, 400, "validation_error")


def test_a_busy_time_arriving_while_the_slot_is_booked_ends_with_one_of_them(
    lotus, client, user_client, radicale, drainer
):
    _link(lotus, radicale.calendar_url, username=LOGIN, password=PASSWORD)
    drain = drainer("timers")
    drain()
    for days in (2, 3, 4):
        radicale.calendar.save_event(_busy_ics(f"meeting-{days}", _at(9, days=days), _at(9, 30, days=days)))
        assert lotus.clients["instructor"].post(f"{lotus.base}/my-calendar/sync").status_code == 200
        body = {"service_id": lotus.service, "starts_at": _at(9, days=days).isoformat()}
        answers = dict(
            race([lambda b=body: ("book", user_client.post("/appointments", json=b)), lambda: ("sync", drain())])
        )
        assert answers["book"].status_code in (201, 409), answers["book"].get_json()
        drain()
        if answers["book"].status_code == 409:
            assert answers["book"].get_json()["error"]["code"] == "teacher_busy"
        assert _at(9, days=days) not in _starts(client, lotus, days=6)  # taken by one or the other, never offered

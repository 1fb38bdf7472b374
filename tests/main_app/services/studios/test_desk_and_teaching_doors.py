"""Check-in through a studio's door: an instructor at the classes they teach, the front desk at today's and
tomorrow's on the studio's clock, and nothing of another studio's, whoever asks (404, and nothing written)."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from main_app.extensions import db
from main_app.models import Booking, Checkin


@pytest.fixture
def app(make_app):
    """Check-in opens two days before a class here, so tomorrow's takes check-ins and walk-ins now."""
    return make_app(CHECKIN_OPENS_MINUTES=2 * 24 * 60)


@pytest.fixture
def booked(client_for, make_user):
    """booked(session): a new person books the session; their booking's id."""

    def book(session) -> int:
        answer = client_for(make_user(name="Asha Client")).post("/bookings/book", json={"session_id": session.id})
        assert answer.status_code == 201, answer.get_json()
        return answer.get_json()["id"]

    return book


def _check_in(client, slug: str, session_id: int, booking_id: int):
    path = f"/api/studios/{slug}/sessions/{session_id}/checkins"
    return client.post(path, json={"checkins": [{"booking_id": booking_id, "device_id": "front"}]})


def _walk_in(client, slug: str, session_id: int, email: str = "walk.in@example.com"):
    return client.post(f"/api/studios/{slug}/sessions/{session_id}/walk-ins", json={"name": "Nadia", "email": email})


def _checked_in(app) -> set[int]:
    with app.app_context():
        return set(db.session.scalars(sa.select(Checkin.booking_id)))


def test_an_instructor_checks_in_at_their_class_but_not_at_another_instructors(
    app, make_team, make_session, booked, assert_error
):
    team = make_team("Teaching Studio")
    instructor = team.clients["instructor"]
    mine = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id)
    theirs = make_session(facilitator_id=team.accounts["manager"].id, studio_id=team.id)
    mine_booking, their_booking = booked(mine), booked(theirs)
    answer = _check_in(instructor, team.slug, mine.id, mine_booking)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["results"][0]["status"] == "checked_in"
    assert_error(_check_in(instructor, team.slug, theirs.id, their_booking), 404, "session_not_found")
    assert_error(_walk_in(instructor, team.slug, theirs.id), 404, "session_not_found")
    assert_error(instructor.get(f"/api/studios/{team.slug}/sessions/{theirs.id}/roster"), 404, "session_not_found")
    assert _checked_in(app) == {mine_booking}
    # Their own class's figures, and a person's history with the classes they teach alone.
    figures = instructor.get(f"/api/studios/{team.slug}/sessions/{mine.id}/attendance")
    assert figures.status_code == 200 and figures.get_json()["checked_in"] == 1
    with app.app_context():
        their_person = db.session.get(Booking, their_booking).user_id
    assert_error(instructor.get(f"/api/studios/{team.slug}/people/{their_person}/attendance"), 404, "person_not_found")
    # The manager whose class it is checks in there.
    answer = _check_in(team.clients["manager"], team.slug, theirs.id, their_booking)
    assert answer.get_json()["results"][0]["status"] == "checked_in"


def test_the_front_desk_checks_in_and_takes_walk_ins_tomorrow_but_not_nine_days_ahead(
    app, make_team, make_session, booked, assert_error, db_rows
):
    team = make_team("Desk Studio")
    desk = team.clients["front_desk"]
    tomorrow = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id)
    later = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id, starts_in=timedelta(days=9))
    tomorrows_booking, later_booking = booked(tomorrow), booked(later)
    answer = _check_in(desk, team.slug, tomorrow.id, tomorrows_booking)
    assert answer.status_code == 200 and answer.get_json()["results"][0]["status"] == "checked_in"
    walked = _walk_in(desk, team.slug, tomorrow.id)
    assert walked.status_code == 201, walked.get_json()
    assert walked.get_json()["result"]["status"] == "checked_in"
    roster = desk.get(f"/api/studios/{team.slug}/sessions/{tomorrow.id}/roster").get_json()
    assert roster["checked_in"] == 2
    before = db_rows()
    assert_error(_check_in(desk, team.slug, later.id, later_booking), 404, "session_not_found")
    assert_error(_walk_in(desk, team.slug, later.id, "later@example.com"), 404, "session_not_found")
    assert_error(desk.get(f"/api/studios/{team.slug}/sessions/{later.id}/roster"), 404, "session_not_found")
    undo = desk.delete(f"/api/studios/{team.slug}/sessions/{later.id}/checkins/{later_booking}")
    assert_error(undo, 404, "session_not_found")
    assert db_rows() == before
    # Reading figures and feedback is for those who teach, not the desk.
    assert_error(desk.get(f"/api/studios/{team.slug}/sessions/{tomorrow.id}/attendance"), 403, "forbidden")


def test_another_studios_sessions_are_not_found_through_my_own_slug(
    make_team, make_session, booked, assert_error, db_rows
):
    mine, theirs = make_team("Mine"), make_team("Theirs")
    session = make_session(facilitator_id=theirs.accounts["instructor"].id, studio_id=theirs.id)
    booking = booked(session)
    before = db_rows()
    for role in ("owner", "instructor", "front_desk"):
        client = mine.clients[role]
        assert_error(_check_in(client, mine.slug, session.id, booking), 404, "session_not_found")
        assert_error(_walk_in(client, mine.slug, session.id), 404, "session_not_found")
        path = f"/api/studios/{mine.slug}/sessions/{session.id}"
        assert_error(client.get(f"{path}/roster"), 404, "session_not_found")
        assert_error(client.delete(f"{path}/checkins/{booking}"), 404, "session_not_found")
        marked = client.put(f"{path}/attendance/{booking}", json={"attendance": "no_show"})
        assert_error(marked, 404, "session_not_found")
    owner = mine.clients["owner"]
    assert_error(owner.post(f"/api/studios/{mine.slug}/bookings/{booking}/approve"), 404, "booking_not_found")
    assert owner.get(f"/api/studios/{mine.slug}/approvals").get_json()["items"] == []
    assert owner.get(f"/api/studios/{mine.slug}/attendance.csv").get_data(as_text=True).count("\n") == 1
    assert db_rows() == before


def test_a_manager_decides_the_requests_of_classes_others_teach(make_team, make_session, client_for, make_user):
    team, other = make_team("Retreat Studio"), make_team("Other Studio")
    manager = team.clients["manager"]
    session = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id, kind="retreat")
    made = manager.patch(f"/api/studios/{team.slug}/events/{session.event_id}", json={"requires_approval": True})
    assert made.status_code == 200, made.get_json()
    person = client_for(make_user(name="Ravi Client"))
    request = person.post("/bookings/book", json={"session_id": session.id}).get_json()
    assert request["status"] == "pending_approval"
    waiting = manager.get(f"/api/studios/{team.slug}/approvals").get_json()["items"]
    assert [item["booking_id"] for item in waiting] == [request["id"]]
    assert other.clients["manager"].get(f"/api/studios/{other.slug}/approvals").get_json()["items"] == []
    elsewhere = other.clients["owner"].post(f"/api/studios/{other.slug}/bookings/{request['id']}/approve")
    assert elsewhere.status_code == 404
    approved = manager.post(f"/api/studios/{team.slug}/bookings/{request['id']}/approve")
    assert approved.status_code == 200 and approved.get_json()["status"] == "active", approved.get_json()


def test_the_audit_log_names_every_check_in_walk_in_and_cancellation_with_who_did_it(
    app, make_team, make_session, booked
):
    team = make_team("Audited Studio")
    session = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id)
    booking = booked(session)
    assert _check_in(team.clients["front_desk"], team.slug, session.id, booking).status_code == 200
    undo = f"/api/studios/{team.slug}/sessions/{session.id}/checkins/{booking}?seat=1"
    undone = team.clients["instructor"].delete(undo)
    assert undone.status_code in (200, 204), undone.get_json()
    assert _walk_in(team.clients["front_desk"], team.slug, session.id).status_code == 201
    cancel = f"/api/studios/{team.slug}/sessions/{session.id}/cancel"
    assert team.clients["manager"].post(cancel, json={"reason": "Teacher ill"}).status_code == 200
    log = team.clients["owner"].get(f"/api/studios/{team.slug}/audit?per_page=50").get_json()["items"]
    seen = [(entry["action"], entry["actor_role"], entry["object_type"]) for entry in reversed(log)]
    assert seen[-5:] == [
        ("checkin.recorded", "front_desk", "booking"),
        ("checkin.undone", "instructor", "booking"),
        ("booking.walk_in", "front_desk", "booking"),
        ("checkin.recorded", "front_desk", "booking"),
        ("session.cancelled", "manager", "session"),
    ]
    assert all(entry["remote_addr"] == "127.0.0.1" for entry in log[:5])
    assert log[0]["after"]["reason"] == "Teacher ill"

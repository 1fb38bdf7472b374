"""Who teaches: a session's instructor is a member of its studio whose role teaches; a studio's pass books the classes
of every instructor there and no other studio's; a member keeps the studio while they teach an upcoming session,
however the change races (SQLite and PostgreSQL)."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from racing import race

from main_app.extensions import db
from main_app.models import EventSession

PRICE = 120_000
PACK = {"name": "5-class pack", "kind": "pack", "credits": 5, "valid_days": 90, "price": 250_000, "currency": "INR"}


def home(client) -> dict:
    """The caller's first studio (a facilitator's: the one named after them)."""
    return client.get("/api/studios").get_json()["items"][0]


def teach(client, slug: str, session_id: int, instructor_id: int):
    return client.patch(f"/api/studios/{slug}/sessions/{session_id}/instructor", json={"instructor_id": instructor_id})


def taught_by(app, session_id: int) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(EventSession.instructor_id).where(EventSession.id == session_id))


def test_a_studio_pass_books_two_instructors_classes_and_no_other_studios(
    app,
    facilitator,
    facilitator_client,
    make_user,
    add_member,
    make_session,
    make_event,
    user_client,
    assert_error,
    outbox,
):
    flow, yin = make_session(title="Flow", price=PRICE), make_session(title="Yin", price=PRICE)
    studio = home(facilitator_client)
    teacher = make_user(name="Meera Teacher")
    add_member(studio["id"], teacher, "instructor")
    moved = teach(facilitator_client, studio["slug"], yin.id, teacher.id)
    assert moved.status_code == 200 and moved.get_json() == {
        "session_id": yin.id,
        "instructor_id": teacher.id,
        "session_ids": [yin.id],
    }
    assert (taught_by(app, flow.id), taught_by(app, yin.id)) == (facilitator.id, teacher.id)
    update = [m for m in outbox() if m["type"] == "session_updated"][-1]
    assert update["payload"]["data"]["changes"] == {"instructor_id": {"from": facilitator.id, "to": teacher.id}}

    made = facilitator_client.post(f"/api/facilitator/{facilitator.id}/passes", json=PACK)
    bought = user_client.post(f"/passes/{made.get_json()['id']}/buy", json={}).get_json()
    pass_id = _paid(app, user_client, bought)
    for session in (flow, yin):
        booked = user_client.post("/book", json={"session_id": session.id, "pass_id": pass_id})
        assert booked.status_code == 201, booked.get_json()
    other = make_user(name="Other Facilitator", role="facilitator")
    elsewhere = make_event(title="Elsewhere", price=PRICE, facilitator_id=other.id)
    refused = user_client.post("/book", json={"session_id": elsewhere.session_ids[0], "pass_id": pass_id})
    assert_error(refused, 409, "pass_not_valid_here")


def test_a_sessions_page_names_its_instructor_and_its_substitute(
    facilitator, facilitator_client, make_user, add_member, make_session
):
    session = make_session(title="Flow")
    studio = home(facilitator_client)
    page = f"/api/studios/{studio['slug']}/sessions/{session.id}/registrants"
    mine = {"id": facilitator.id, "name": facilitator.name}
    assert facilitator_client.get(page).get_json()["session"]["instructor"] == mine
    substitute = make_user(name="Meera Teacher")
    add_member(studio["id"], substitute, "instructor")
    assert teach(facilitator_client, studio["slug"], session.id, substitute.id).status_code == 200
    named = facilitator_client.get(page).get_json()["session"]["instructor"]
    assert named == {"id": substitute.id, "name": "Meera Teacher"}


def _paid(app, person_client, purchase: dict) -> int:
    """Pay a pass's checkout on the test provider; its id."""
    reference = purchase["checkout_url"].rsplit("/", 1)[1]
    answer = app.test_client().post(f"/payments/test/checkout/{reference}", data={"action": "pay"})
    assert answer.status_code == 303
    return person_client.get("/me/passes").get_json()["items"][0]["id"]


def test_only_a_member_who_teaches_takes_a_class_and_only_the_studios_own(
    team, make_user, client_for, assert_error, facilitator_client, make_session
):
    session = make_session()
    theirs = home(facilitator_client)
    slug = team.slug
    owner = team.clients["owner"]
    assert_error(teach(owner, slug, session.id, team.accounts["instructor"].id), 404, "session_not_found")
    for who in (team.accounts["front_desk"], make_user(name="Nobody Here")):
        refused = teach(facilitator_client, theirs["slug"], session.id, who.id)
        assert_error(refused, 400, "validation_error", "instructor_id")
    assert_error(teach(team.clients["instructor"], slug, session.id, 1), 403, "forbidden")
    assert_error(teach(client_for(make_user(name="Stranger")), slug, session.id, 1), 404, "studio_not_found")


def test_a_member_who_teaches_an_upcoming_class_stays_until_someone_else_does(
    app, facilitator, facilitator_client, make_user, add_member, make_session, roles_in, assert_error
):
    session = make_session()
    studio = home(facilitator_client)
    teacher = make_user(name="Meera Teacher")
    add_member(studio["id"], teacher, "instructor")
    assert teach(facilitator_client, studio["slug"], session.id, teacher.id).status_code == 200
    members = f"/api/studios/{studio['slug']}/members/{teacher.id}"
    error = assert_error(facilitator_client.delete(members), 409, "member_teaches")
    assert error["details"] == {"user_id": teacher.id, "name": "Meera Teacher", "session_ids": [session.id]}
    assert_error(facilitator_client.patch(members, json={"role": "front_desk"}), 409, "member_teaches")
    assert facilitator_client.patch(members, json={"role": "manager"}).status_code == 200  # a manager teaches too
    assert teach(facilitator_client, studio["slug"], session.id, facilitator.id).status_code == 200
    assert facilitator_client.delete(members).status_code == 204
    assert teacher.id not in roles_in(studio["id"])


@pytest.mark.both_databases
def test_removing_an_instructor_while_they_are_given_a_class_never_leaves_it_to_a_stranger(
    app, facilitator, facilitator_client, make_user, add_member, make_session, roles_in
):
    make_session()  # the facilitator's first class makes their studio
    studio = home(facilitator_client)
    for attempt in range(4):
        session = make_session(title=f"Race {attempt}")
        teacher = make_user(name=f"Teacher {attempt}")
        add_member(studio["id"], teacher, "instructor")
        members = f"/api/studios/{studio['slug']}/members/{teacher.id}"
        answers = race(
            [
                lambda m=members: facilitator_client.delete(m).status_code,
                lambda s=session, t=teacher: teach(facilitator_client, studio["slug"], s.id, t.id).status_code,
            ]
        )
        removed = teacher.id not in roles_in(studio["id"])
        assert sorted(answers) in ([200, 409], [204, 400]), answers
        assert taught_by(app, session.id) == (facilitator.id if removed else teacher.id)


def test_a_series_is_handed_over_from_one_session_on(app, facilitator_client, make_user, add_member, make_event):
    event = make_event(title="Weekly Flow")
    studio = home(facilitator_client)
    series = facilitator_client.post(
        f"/api/studios/{studio['slug']}/events/{event.id}/series",
        json={
            "rrule": "FREQ=WEEKLY;COUNT=4",
            "starts_on": (date.today() + timedelta(days=7)).isoformat(),
            "start_time": "07:00",
        }
        | {"duration_minutes": 60, "capacity": 10},
    )
    assert series.status_code == 201, series.get_json()
    first, second, third, fourth = sorted(s["id"] for s in series.get_json()["sessions"])
    teacher = make_user(name="Meera Teacher")
    add_member(studio["id"], teacher, "instructor")
    path = f"/api/studios/{studio['slug']}/sessions/{second}/instructor"
    moved = facilitator_client.patch(path, json={"instructor_id": teacher.id, "following": True})
    assert moved.status_code == 200, moved.get_json()
    assert moved.get_json()["session_ids"] == [second, third, fourth]
    owner = taught_by(app, first)
    assert [taught_by(app, one) for one in (first, second, third, fourth)] == [owner, *[teacher.id] * 3]
    alone = facilitator_client.patch(
        f"/api/studios/{studio['slug']}/sessions/{first}/instructor", json={"instructor_id": teacher.id}
    )
    assert alone.get_json()["session_ids"] == [first]


@pytest.mark.both_databases  # the studio's lock, then the sessions'
def test_a_series_edit_gives_its_teacher_the_later_sessions_but_not_a_substitutes(
    app, facilitator, facilitator_client, make_user, add_member, make_event, outbox, assert_error
):
    event = make_event(title="Weekly Flow")
    studio = home(facilitator_client)
    starts_on = date.today() + timedelta(days=7)
    base = f"/api/studios/{studio['slug']}/events/{event.id}/series"
    series = facilitator_client.post(
        base,
        json={"rrule": "FREQ=WEEKLY;COUNT=4", "starts_on": starts_on.isoformat(), "start_time": "07:00"}
        | {"duration_minutes": 60, "capacity": 10},
    ).get_json()
    first, second, third, fourth = sorted(s["id"] for s in series["sessions"])
    teacher, substitute = make_user(name="Meera Teacher"), make_user(name="Ravi Sub")
    add_member(studio["id"], teacher, "instructor")
    add_member(studio["id"], substitute, "instructor")
    assert teach(facilitator_client, studio["slug"], fourth, substitute.id).status_code == 200
    path = f"{base}/{series['series_id']}"
    stranger = make_user(name="Not Here")
    refused = facilitator_client.patch(path, json={"from": starts_on.isoformat(), "instructor_id": stranger.id})
    assert_error(refused, 400, "validation_error")
    assert "instructor_id" in refused.get_json()["error"]["details"]

    from_second = (starts_on + timedelta(days=7)).isoformat()
    changed = facilitator_client.patch(path, json={"from": from_second, "instructor_id": teacher.id})
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["sessions_changed"] == 2
    assert [s["instructor"]["id"] for s in changed.get_json()["sessions"]] == [teacher.id, teacher.id, substitute.id]
    taught = [taught_by(app, one) for one in (first, second, third, fourth)]
    assert taught == [facilitator.id, teacher.id, teacher.id, substitute.id]
    updates = [m["payload"] for m in outbox() if m["type"] == "session_updated"][-2:]
    assert [(u["session_id"], u["data"]["changes"]) for u in updates] == [
        (one, {"instructor_id": {"from": facilitator.id, "to": teacher.id}}) for one in (second, third)
    ]
    audit = facilitator_client.get(f"/api/studios/{studio['slug']}/audit?kind=session.updated").get_json()["items"]
    assert {(a["object_id"], a["after"]["instructor_id"]["to"]) for a in audit[:2]} == {
        (second, teacher.id),
        (third, teacher.id),
    }

"""The calendar's triggers and the preview: a birthday's sweep enters the studio's own people once a year (29
February on the 28th), the sweep writes its next; a first visit enters a person once; a preview counts who would
enter without entering anyone."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import CHANNEL_TIMERS, AutomationEntry, OutboxMessage, User, utcnow
from tests.main_app.services.automations.conftest import known

pytestmark = pytest.mark.both_databases


def _birthday(app, account, day: date) -> None:
    with app.app_context(), unit_of_work():
        db.session.execute(update(User).where(User.id == account.id).values(birthday=day))


def _entered(app, automation_id: int) -> list[tuple]:
    with app.app_context():
        query = select(AutomationEntry.user_id, AutomationEntry.occurrence, AutomationEntry.state)
        found = query.where(AutomationEntry.automation_id == automation_id).order_by(AutomationEntry.user_id)
        return [tuple(row) for row in db.session.execute(found)]


def test_a_birthday_sweep_enters_the_studios_own_people_once_and_writes_the_next(
    app, team, automate, make_session, make_user, client_for, timers_lane, crm_book
):
    today = utcnow().date()  # the sweep reads the studio's day: the team's keeps a zone near enough at noon
    session = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id)
    client, stranger, other_day = make_user(), make_user(), make_user()
    for person in (client, other_day):
        assert client_for(person).post("/bookings/book", json={"session_id": session.id}).status_code == 201
    for person in (client, stranger):
        _birthday(app, person, today.replace(year=1990) if (today.month, today.day) != (2, 29) else date(1992, 2, 29))
    _birthday(app, other_day, date(1990, 1, 1) if (today.month, today.day) != (1, 1) else date(1990, 1, 2))
    owner = team.clients["owner"]
    made = owner.post(
        f"/api/studios/{team.slug}/automations",
        json={"name": "Birthday", "trigger": {"kind": "birthday"}, "steps": [{"kind": "add_tag", "tag": "birthday"}]},
    ).get_json()
    preview = owner.get(f"/api/studios/{team.slug}/automations/{made['id']}/preview").get_json()
    assert preview["window"] == "now" and preview["count"] == 1 and preview["people"][0]["user_id"] == client.id
    assert _entered(app, made["id"]) == []  # a preview enters nobody
    switched = owner.patch(f"/api/studios/{team.slug}/automations/{made['id']}", json={"active": True})
    assert switched.status_code == 200
    crm_book.people[client.id] = known(client.id)
    timers_lane.drain()
    year = str(utcnow().astimezone().year)
    assert [(user, state) for user, _occurrence, state in _entered(app, made["id"])] == [(client.id, "finished")]
    assert _entered(app, made["id"])[0][1] in (year, str(int(year) + 1), str(int(year) - 1))
    with app.app_context():
        sweeps = db.session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.channel == CHANNEL_TIMERS, OutboxMessage.type == "automation_sweep"
            )
        ).all()
    assert sorted(row.status for row in sweeps) == ["delivered", "pending"]  # the next one waits an hour
    timers_lane.time_passes()
    timers_lane.drain()
    assert len(_entered(app, made["id"])) == 1  # the same birthday enters nobody twice
    again = owner.get(f"/api/studios/{team.slug}/automations/{made['id']}/preview").get_json()
    assert again["count"] == 0


def test_a_first_visit_enters_a_person_once_and_a_second_visit_does_not(
    app, team, automate, make_session, make_user, client_for, timers_lane, crm_book
):
    made = automate({"kind": "first_visit"}, [{"kind": "staff_task", "text": "Welcome {first_name}"}])
    person, teacher = make_user(), team.accounts["instructor"]
    for _visit in range(2):
        session = make_session(facilitator_id=teacher.id, studio_id=team.id, starts_in=timedelta(minutes=30))
        booked = client_for(person).post("/bookings/book", json={"session_id": session.id}).get_json()
        path = f"/api/studios/{team.slug}/sessions/{session.id}/checkins"
        seen = team.clients["instructor"].post(path, json={"checkins": [{"booking_id": booked["id"], "seat": 1}]})
        assert seen.status_code == 200, seen.get_json()
        timers_lane.drain()
    assert [(user, state) for user, _o, state in _entered(app, made["id"])] == [(person.id, "finished")]
    entries = team.clients["owner"].get(f"/api/studios/{team.slug}/automations/{made['id']}/entries?state=finished")
    assert entries.status_code == 200 and entries.get_json()["total"] == 1


def test_the_preview_of_a_news_trigger_looks_back_30_days(app, team, make_session, make_user, client_for):
    session = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id)
    people = [make_user(name=f"Booker {n}") for n in range(3)]
    for person in people:
        assert client_for(person).post("/bookings/book", json={"session_id": session.id}).status_code == 201
    owner = team.clients["owner"]
    made = owner.post(
        f"/api/studios/{team.slug}/automations",
        json={"name": "Thanks", "trigger": {"kind": "booking_made"}, "steps": [{"kind": "add_tag", "tag": "x"}]},
    ).get_json()
    preview = owner.get(f"/api/studios/{team.slug}/automations/{made['id']}/preview").get_json()
    assert preview["window"] == "last_30_days" and preview["count"] == 3
    assert sorted(p["name"] for p in preview["people"]) == ["Booker 0", "Booker 1", "Booker 2"]


def test_a_person_gives_their_birthday_and_erasing_the_account_takes_it_and_their_entries(
    app, team, automate, make_user, client_for, timers_lane, crm_book, assert_error
):
    person = make_user(password="a-long-password-1")
    mine = client_for(person)
    assert mine.patch("/auth/me", json={"birthday": "1990-04-21"}).get_json()["birthday"] == "1990-04-21"
    assert mine.get("/auth/me").get_json()["birthday"] == "1990-04-21"
    assert_error(mine.patch("/auth/me", json={"birthday": "2999-01-01"}), 400, "validation_error", "birthday")
    assert_error(mine.patch("/auth/me", json={"birthday": "21/04/1990"}), 400, "validation_error", "birthday")
    made = automate({"kind": "booking_made"}, [{"kind": "wait", "days": 1}, {"kind": "add_tag", "tag": "x"}])
    with app.app_context(), unit_of_work():
        now = utcnow()
        db.session.add(AutomationEntry(automation_id=made["id"], studio_id=team.id, user_id=person.id,
                                       occurrence="booking:1", due_at=now, entered_at=now))  # fmt: skip
    timers_lane.drain()
    assert mine.delete("/me", json={"password": "a-long-password-1"}).status_code == 204
    with app.app_context():
        assert db.session.get(User, person.id).birthday is None
        assert db.session.scalars(select(AutomationEntry).where(AutomationEntry.user_id == person.id)).all() == []

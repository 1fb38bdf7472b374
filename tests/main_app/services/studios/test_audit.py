"""The audit log: member, role and settings changes each write one entry in their transaction (none when the change
fails), read by owners and managers with filters by person, kind and dates, a page at a time or as one CSV."""

import csv
import io
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from main_app.models import utcnow
from main_app.services import studios

pytestmark = pytest.mark.both_databases

KOLKATA = ZoneInfo("Asia/Kolkata")


def _audit(client, slug, query=""):
    answer = client.get(f"/api/studios/{slug}/audit{query}")
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def test_changes_are_logged_with_who_what_and_from_where(team):
    owner, manager = team.clients["owner"], team.clients["manager"]
    instructor = team.accounts["instructor"].id
    manager.patch(f"/api/studios/{team.slug}/members/{instructor}", json={"role": "front_desk"})
    owner.delete(f"/api/studios/{team.slug}/members/{instructor}")
    owner.patch(f"/api/studios/{team.slug}/members/{team.accounts['owner'].id}", json={"role": "manager"})  # 409
    log = _audit(owner, team.slug)
    kinds = [entry["action"] for entry in log["items"]]
    assert kinds == ["member.removed", "member.role_changed", "studio.created"]
    removed, changed = log["items"][0], log["items"][1]
    assert (removed["actor_role"], removed["object_type"], removed["object_id"]) == ("owner", "user", instructor)
    assert removed["before"] == {"role": "front_desk"} and removed["after"] is None
    assert changed["actor_id"] == team.accounts["manager"].id and changed["actor_role"] == "manager"
    assert changed["remote_addr"] == "127.0.0.1"


def test_the_log_filters_by_person_kind_and_dates_and_pages(team):
    owner, manager = team.clients["owner"], team.clients["manager"]
    target = team.accounts["front_desk"].id
    for role in ("instructor", "front_desk", "instructor"):
        manager.patch(f"/api/studios/{team.slug}/members/{target}", json={"role": role})
    by_manager = _audit(owner, team.slug, f"?person={team.accounts['manager'].id}")
    assert by_manager["total"] == 3
    assert _audit(owner, team.slug, "?kind=studio.created")["total"] == 1
    page = _audit(owner, team.slug, "?per_page=2&page=2")
    assert (page["total"], page["pages"], len(page["items"])) == (4, 2, 2)
    later = (utcnow() + timedelta(minutes=1)).isoformat().replace("+00:00", "Z")
    assert _audit(owner, team.slug, f"?since={later}")["total"] == 0
    assert _audit(owner, team.slug, f"?until={later}")["total"] == 4


def test_bad_filters_are_a_400(team, assert_error):
    owner = team.clients["owner"]
    assert_error(owner.get(f"/api/studios/{team.slug}/audit?since=yesterday"), 400, "validation_error", "since")
    assert_error(owner.get(f"/api/studios/{team.slug}/audit?per_page=1000"), 400, "validation_error", "per_page")


def _csv(client, slug, query=""):
    answer = client.get(f"/api/studios/{slug}/audit.csv{query}")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert answer.mimetype == "text/csv" and "attachment" in answer.headers["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(answer.get_data(as_text=True))))


def test_the_csv_holds_every_matching_entry_safe_in_a_spreadsheet(app, team, make_user, client_for, add_member):
    sly = make_user(name='=HYPERLINK("http://x";"y")')
    add_member(team.id, sly, "manager")
    target = team.accounts["front_desk"].id
    for role in ("instructor", "front_desk", "instructor"):
        client_for(sly).patch(f"/api/studios/{team.slug}/members/{target}", json={"role": role})
    owner = team.clients["owner"]
    rows = _csv(owner, team.slug)
    assert list(rows[0]) == [
        "at (Asia/Kolkata)", "actor_id", "actor_name", "actor_role", "action", "object_type", "object_id", "object",
        "before", "after", "labels", "remote_addr",
    ]  # fmt: skip
    assert [row["action"] for row in rows] == [e["action"] for e in _audit(owner, team.slug)["items"]]
    changed = rows[0]
    assert changed["actor_name"].startswith("'=") and changed["actor_id"] == str(sly.id)
    assert json.loads(changed["before"]) == {"role": "front_desk"} and json.loads(changed["after"]) == {
        "role": "instructor"
    }
    assert changed["remote_addr"] == "127.0.0.1" and changed["actor_role"] == "manager"
    assert changed["object"] == "Lotus Yoga front_desk (instructor)"
    assert json.loads(changed["labels"]) == {"actor_id": {str(sly.id): sly.name}}  # who acted, as named then
    assert [row["action"] for row in _csv(owner, team.slug, "?kind=studio.created")] == ["studio.created"]
    assert len(_csv(owner, team.slug, f"?person={sly.id}")) == 3
    later = (utcnow() + timedelta(minutes=1)).isoformat().replace("+00:00", "Z")
    assert _csv(owner, team.slug, f"?since={later}") == []


def test_the_csv_gives_each_time_on_the_studios_clock_and_names_its_zone(team):
    owner = team.clients["owner"]
    manager = team.clients["manager"]
    manager.patch(f"/api/studios/{team.slug}/members/{team.accounts['front_desk'].id}", json={"role": "instructor"})
    entries = _audit(owner, team.slug)["items"]
    rows = _csv(owner, team.slug)
    local = [datetime.fromisoformat(e["at"]).astimezone(KOLKATA).strftime("%Y-%m-%d %H:%M:%S") for e in entries]
    assert [row["at (Asia/Kolkata)"] for row in rows] == local and len(local) == 2


def test_the_csv_reads_the_log_in_batches_without_losing_or_repeating_one(app, team):
    manager = team.clients["manager"]
    target = team.accounts["front_desk"].id
    for role in ("instructor", "front_desk") * 3:
        manager.patch(f"/api/studios/{team.slug}/members/{target}", json={"role": role})
    paged = [e["id"] for e in _audit(team.clients["owner"], team.slug, "?per_page=100")["items"]]
    with app.app_context():
        assert [row.id for row in studios.every_entry(team.id, {}, batch=2)] == paged


def test_the_csv_is_for_owners_and_managers_and_checks_its_filters(team, assert_error):
    path = f"/api/studios/{team.slug}/audit.csv"
    for role in ("instructor", "front_desk"):
        assert_error(team.clients[role].get(path), 403, "forbidden")
    assert_error(team.clients["owner"].get(f"{path}?since=yesterday"), 400, "validation_error", "since")


def test_entries_name_their_object_and_ids_in_words_as_they_read_when_written(
    team, make_session, make_user, client_for
):
    owner, instructor = team.clients["owner"], team.accounts["instructor"].id
    owner.patch(f"/api/studios/{team.slug}/members/{instructor}", json={"role": "front_desk"})
    morning = make_session(facilitator_id=instructor, studio_id=team.id, title="Morning Flow", timezone="Asia/Kolkata")
    person = make_user(name="Nisha Rao")
    body = {"session_id": morning.id, "email": person.email, "use": "free"}
    booked = team.clients["front_desk"].post(f"/api/studios/{team.slug}/desk/bookings", json=body)
    assert booked.status_code == 201, booked.get_json()
    starts = datetime.fromisoformat(booked.get_json()["booking"]["session"]["starts_at"]).astimezone(KOLKATA)
    session_words = f"Morning Flow · {starts.day} {starts:%b %H:%M}"
    [made, changed] = [e for e in _audit(owner, team.slug)["items"] if e["action"] != "studio.created"]
    owner_id, desk_id = team.accounts["owner"].id, team.accounts["front_desk"].id
    assert changed["object_label"] == "Lotus Yoga instructor (front desk)"
    assert changed["labels"] == {"actor_id": {str(owner_id): "Lotus Yoga owner"}}
    assert made["object_label"] == f"Nisha Rao · {session_words}"
    assert made["labels"] == {
        "session_id": {str(morning.id): session_words},
        "user_id": {str(person.id): "Nisha Rao"},
        "actor_id": {str(desk_id): "Lotus Yoga front_desk"},
    }
    # Renamed later: the entry keeps the words it was written with.
    assert client_for(person).patch("/auth/me", json={"name": "Nisha Menon"}).status_code == 200
    [again] = [e for e in _audit(owner, team.slug)["items"] if e["action"] == "booking.made_at_desk"]
    assert (again["object_label"], again["labels"]) == (made["object_label"], made["labels"])


def test_a_former_member_keeps_their_name_in_the_log_and_its_person_filter(team, make_session):
    owner, manager = team.clients["owner"], team.clients["manager"]
    leaving = team.accounts["manager"]
    session = make_session(studio_id=team.id, title="Morning Flow")
    substitute = team.accounts["instructor"].id
    path = f"/api/studios/{team.slug}/sessions/{session.id}/instructor"
    assert manager.patch(path, json={"instructor_id": substitute}).status_code == 200
    assert owner.delete(f"/api/studios/{team.slug}/members/{leaving.id}").status_code == 204
    renamed = manager.patch("/auth/me", json={"name": "Someone Else"})  # since: the entry keeps the name it had
    assert renamed.status_code == 200

    [moved] = [e for e in _audit(owner, team.slug)["items"] if e["action"] == "session.updated"]
    assert (moved["actor_id"], moved["actor_name"]) == (leaving.id, "Lotus Yoga manager")
    teachers = moved["labels"]["instructor_id"]
    assert teachers[str(substitute)] == "Lotus Yoga instructor (instructor)"
    assert moved["after"]["instructor_id"]["to"] == substitute and len(teachers) == 2
    people = owner.get(f"/api/studios/{team.slug}/audit/people").get_json()["items"]
    assert {"id": leaving.id, "name": "Someone Else"} in people  # not a member now, still offered
    assert [p["name"] for p in people] == sorted(p["name"] for p in people)

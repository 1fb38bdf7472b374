"""A studio's automations through the API and the timers lane: made from templates or by hand (bad definitions
refused by name), a person's news entering them, each step once, waits on the timers lane, consent and quiet hours,
and the figures of what each did."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from main_app.extensions import db
from main_app.models import (
    CHANNEL_CRM,
    CHANNEL_EMAIL,
    CHANNEL_SMS,
    CHANNEL_TIMERS,
    CHANNEL_WHATSAPP,
    AutomationEntry,
    AutomationStepDone,
    DiscountCode,
    OutboxMessage,
    utcnow,
)
from main_app.services import whatsapp
from tests.main_app.services.automations.conftest import known

# One database (PostgreSQL in CI): no race or SQL here that differs; the races and sweeps are in their own files.

STEPS = [
    {"kind": "add_tag", "tag": "new-client"},
    {"kind": "make_code", "percent_off": 20, "valid_days": 14},
    {"kind": "email", "subject": "Welcome to {studio}", "text": "Hi {first_name}, use {code} next time."},
    {"kind": "staff_task", "text": "Say hello to {first_name} at the desk."},
]


def _book(client_for, person, session) -> int:
    booked = client_for(person).post("/bookings/book", json={"session_id": session.id})
    assert booked.status_code == 201, booked.get_json()
    return booked.get_json()["id"]


def _rows(app, channel: str, kind: str | None = None) -> list[OutboxMessage]:
    with app.app_context():
        query = select(OutboxMessage).where(OutboxMessage.channel == channel)
        if kind:
            query = query.where(OutboxMessage.type == kind)
        return db.session.scalars(query.order_by(OutboxMessage.created_at)).all()


def _entries(app, automation_id: int) -> list[AutomationEntry]:
    with app.app_context():
        query = select(AutomationEntry).where(AutomationEntry.automation_id == automation_id)
        return db.session.scalars(query.order_by(AutomationEntry.id)).all()


def _steps_done(app) -> list[tuple]:
    with app.app_context():
        query = select(AutomationStepDone.entry_id, AutomationStepDone.step, AutomationStepDone.outcome)
        return [tuple(row) for row in db.session.execute(query.order_by(AutomationStepDone.id))]


def test_templates_are_listed_and_each_is_made_off_in_the_readers_words(team):
    owner = team.clients["owner"]
    listed = owner.get(f"/api/studios/{team.slug}/automations/templates")
    assert listed.status_code == 200
    keys = [item["key"] for item in listed.get_json()["items"]]
    assert keys == ["intro_offer", "win_back", "pack_almost_used", "renewal_failed", "birthday"]
    for key in keys:
        made = owner.post(f"/api/studios/{team.slug}/automations", json={"template": key})
        assert made.status_code == 201, made.get_json()
        body = made.get_json()
        assert body["template"] == key and body["active"] is False and body["steps"]
        assert body["figures"] == {"entered": 0, "waiting": 0, "finished": 0, "left": 0, "bookings_within_14_days": 0}
    hindi = owner.get(f"/api/studios/{team.slug}/automations/templates", headers={"Accept-Language": "hi"})
    assert hindi.get_json()["items"][0]["name"] != listed.get_json()["items"][0]["name"]
    assert len(owner.get(f"/api/studios/{team.slug}/automations").get_json()["items"]) == 5


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"trigger": {"kind": "booking_made"}, "steps": [{"kind": "wait"}]}, "steps.0.days"),
        ({"trigger": {"kind": "booking_made"}, "steps": [{"kind": "wait", "minutes": 0}]}, "steps.0.days"),
        ({"trigger": {"kind": "booking_made"}, "steps": [{"kind": "sms", "text": "x", "tag": "y"}]}, "steps.0.tag"),
        ({"trigger": {"kind": "booking_made"}, "steps": [{"kind": "whatsapp", "text": "two\nlines"}]}, "steps.0.text"),
        ({"trigger": {"kind": "booking_made"}, "steps": [{"kind": "sms", "text": "Use {code}"}]}, "steps.0.text"),
        ({"trigger": {"kind": "booking_made"}, "steps": [{"kind": "sms", "text": "Hi {name}"}]}, "steps.0.text"),
        ({"trigger": {"kind": "booking_made"}, "steps": [{"kind": "condition", "test": "has_tag"}]}, "steps.0.tag"),
        ({"trigger": {"kind": "booking_made", "days": 3}, "steps": [{"kind": "sms", "text": "x"}]}, "trigger.days"),
        ({"trigger": {"kind": "no_visit", "days": 0}, "steps": [{"kind": "sms", "text": "x"}]}, "trigger.days"),
        ({"trigger": {"kind": "moon"}, "steps": [{"kind": "sms", "text": "x"}]}, "trigger.kind"),
        ({"trigger": {"kind": "booking_made"}, "steps": []}, "steps"),
        ({"trigger": {"kind": "booking_made"}, "steps": [{"kind": "sms", "text": "x" * 301}]}, "steps.0.text"),
    ],
)
def test_a_bad_definition_is_refused_naming_its_field_and_nothing_is_made(team, assert_error, body, field):
    owner = team.clients["owner"]
    refused = owner.post(f"/api/studios/{team.slug}/automations", json={"name": "Bad", **body})
    details = assert_error(refused, 400, "validation_error")["details"]
    for part in field.split("."):  # nested as the body is: {"steps": {"0": {"text": [...]}}}
        assert part in details, (field, details)
        details = details[part]
    assert owner.get(f"/api/studios/{team.slug}/automations").get_json()["items"] == []


def test_a_booking_enters_the_person_and_each_step_runs_once(
    app, team, automate, make_session, make_user, client_for, timers_lane, crm_book
):
    automation = automate({"kind": "booking_made"}, STEPS)
    session = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id)
    person = make_user(name="Asha Rao")
    crm_book.people[person.id] = known(person.id)
    _book(client_for, person, session)
    assert [row.type for row in _rows(app, CHANNEL_TIMERS, "automation_enter")] == ["automation_enter"]
    timers_lane.drain()
    timers_lane.drain()  # nothing more: every step ran once
    [entry] = _entries(app, automation["id"])
    assert (entry.state, entry.step, entry.occurrence) == ("finished", 4, f"booking:{entry.occurrence.split(':')[1]}")
    assert [(step, outcome) for _entry, step, outcome in _steps_done(app)] == [(i, "done") for i in range(4)]
    crm = [(row.type, row.payload["data"].get("tag")) for row in _rows(app, CHANNEL_CRM)]
    assert ("client_tag_added", "new-client") in crm and ("automation_task", None) in crm
    [email] = _rows(app, CHANNEL_EMAIL, "marketing_email")
    snapshot = email.payload["snapshot"]
    assert snapshot["subject"] == "Welcome to Lotus Yoga" and snapshot["to"]["email"] == person.email
    with app.app_context():
        code = db.session.scalar(select(DiscountCode).where(DiscountCode.code == entry.code))
        assert code.max_uses == 1 and code.percent_off == 20 and code.studio_id == team.id
    assert snapshot["text"] == f"Hi Asha, use {entry.code} next time."
    figures = team.clients["owner"].get(f"/api/studios/{team.slug}/automations/{automation['id']}").get_json()
    assert figures["figures"] == {"entered": 1, "waiting": 0, "finished": 1, "left": 0, "bookings_within_14_days": 0}
    _book(client_for, person, make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id))
    timers_lane.drain()
    figures = team.clients["owner"].get(f"/api/studios/{team.slug}/automations/{automation['id']}").get_json()
    assert figures["figures"]["entered"] == 2 and figures["figures"]["bookings_within_14_days"] == 1


def test_a_wait_runs_on_the_timers_lane_and_a_condition_lets_out_who_booked_since(
    app, team, automate, make_session, make_user, client_for, timers_lane, crm_book
):
    steps = [
        {"kind": "wait", "days": 2},
        {"kind": "condition", "test": "not_booked_since"},
        {"kind": "sms", "text": "Come back soon"},
        {"kind": "add_tag", "tag": "nudged"},
    ]
    automation = automate({"kind": "booking_cancelled"}, steps)
    sessions = [make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id) for _ in range(3)]
    stays, returns = make_user(), make_user()
    for person in (stays, returns):
        crm_book.people[person.id] = known(person.id)
        booking = _book(client_for, person, sessions[0])
        assert client_for(person).post(f"/bookings/{booking}/cancel").status_code == 200
    timers_lane.drain()
    entries = _entries(app, automation["id"])
    assert [(e.state, e.step) for e in entries] == [("waiting", 1), ("waiting", 1)]
    assert all(e.due_at > utcnow() + timedelta(days=1) for e in entries)
    _book(client_for, returns, sessions[1])  # booked again while waiting
    timers_lane.drain()  # not yet due: nobody moves
    assert [e.step for e in _entries(app, automation["id"])] == [1, 1]
    timers_lane.time_passes()
    timers_lane.drain()
    by_user = {e.user_id: e for e in _entries(app, automation["id"])}
    assert (by_user[stays.id].state, by_user[returns.id].state) == ("finished", "left")
    assert by_user[returns.id].left_because == "not_booked_since"
    tags = [row.payload["data"]["user"]["id"] for row in _rows(app, CHANNEL_CRM, "client_tag_added")]
    assert tags == [stays.id]


def test_messages_go_only_with_consent_and_wait_out_quiet_hours(
    app, team, automate, make_session, make_user, client_for, timers_lane, crm_book
):
    automation = automate({"kind": "booking_made"}, [{"kind": "email", "subject": "Hi", "text": "Hello"}])
    session = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id)
    consenting, silent = make_user(), make_user()
    crm_book.people[consenting.id] = known(consenting.id)
    crm_book.people[silent.id] = known(silent.id, consent=False)
    zone = ZoneInfo(team.clients["owner"].get(f"/api/studios/{team.slug}").get_json()["timezone"])
    hour = utcnow().astimezone(zone).hour  # quiet on the studio's clock from this hour for two
    app.config.update(AUTOMATION_QUIET_START=hour, AUTOMATION_QUIET_END=(hour + 2) % 24)
    for person in (consenting, silent):
        _book(client_for, person, session)
    timers_lane.drain()
    assert _rows(app, CHANNEL_EMAIL, "marketing_email") == []
    assert {e.state for e in _entries(app, automation["id"])} == {"waiting"}
    assert all(e.due_at.astimezone(zone).hour == (hour + 2) % 24 for e in _entries(app, automation["id"]))
    app.config.update(AUTOMATION_QUIET_START=0, AUTOMATION_QUIET_END=0)  # none
    timers_lane.time_passes()
    timers_lane.drain()
    [email] = _rows(app, CHANNEL_EMAIL, "marketing_email")
    assert email.payload["snapshot"]["to"]["email"] == consenting.email
    outcomes = sorted(outcome for _e, _s, outcome in _steps_done(app))
    assert outcomes == ["done", "no_consent"]


def test_the_crm_down_holds_the_run_and_nobody_moves_until_it_answers(
    app, team, automate, make_session, make_user, client_for, timers_lane, crm_book
):
    automation = automate({"kind": "booking_made"}, [{"kind": "sms", "text": "Hello"}, {"kind": "add_tag", "tag": "x"}])
    person = make_user()
    crm_book.people[person.id], crm_book.down = known(person.id), True
    _book(client_for, person, make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id))
    timers_lane.drain()
    assert [e.step for e in _entries(app, automation["id"])] == [0] and _steps_done(app) == []
    crm_book.down = False
    timers_lane.time_passes()
    timers_lane.drain()
    assert [(e.state, e.step) for e in _entries(app, automation["id"])] == [("finished", 2)]


def test_a_change_while_on_is_refused_and_off_people_wait_where_they_are(
    app, team, automate, make_session, make_user, client_for, timers_lane, crm_book, assert_error
):
    automation = automate({"kind": "booking_made"}, [{"kind": "add_tag", "tag": "x"}])
    url = f"/api/studios/{team.slug}/automations/{automation['id']}"
    owner = team.clients["owner"]
    assert_error(owner.patch(url, json={"steps": [{"kind": "add_tag", "tag": "y"}]}), 409, "automation_active")
    assert owner.patch(url, json={"name": "Renamed"}).get_json()["name"] == "Renamed"
    assert owner.patch(url, json={"active": False}).get_json()["active"] is False
    _book(client_for, make_user(), make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id))
    timers_lane.drain()
    assert _entries(app, automation["id"]) == []  # off: the news enters nobody
    other = team.clients["owner"]
    assert other.delete(url).status_code == 204
    assert_error(owner.get(url), 404, "automation_not_found")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AutomationEntry)) == 0


def test_a_whatsapp_line_goes_in_the_marketing_template_to_who_has_whatsapp_on_and_consent(
    app, team, automate, make_session, make_user, client_for, timers_lane, crm_book, verify_phone
):
    automate({"kind": "booking_made"}, [{"kind": "whatsapp", "text": "see you again soon, {first_name}"}])
    session = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id)
    on, off, unconsenting = make_user(name="Meera Joshi"), make_user(), make_user()
    for person, phone in ((on, "+919812345671"), (unconsenting, "+919812345672")):
        verify_phone(client_for(person), phone)
        wording = client_for(person).get("/auth/me/whatsapp").get_json()["wording"]
        assert (
            client_for(person).put("/auth/me/whatsapp", json={"opted_in": True, "wording": wording}).status_code == 200
        )
    crm_book.people |= {
        on.id: known(on.id),
        off.id: known(off.id),
        unconsenting.id: known(unconsenting.id, consent=False),
    }
    for person in (on, off, unconsenting):
        _book(client_for, person, session)
    timers_lane.drain()
    [line] = _rows(app, CHANNEL_WHATSAPP, "marketing_email")
    assert line.payload["snapshot"]["to"]["user_id"] == on.id
    assert line.payload["snapshot"]["subject"] == "see you again soon, Meera"
    assert line.payload["also_by"] == [CHANNEL_EMAIL, CHANNEL_SMS]  # a failed line falls back to nothing
    with app.app_context():  # as the lane composes it: the studio's marketing template, its words in it
        message = whatsapp.template_message("marketing_email", line.payload["snapshot"], "en", web_url="https://x.test")
        assert message["name"] == "studio_offer"
        assert "see you again soon, Meera" in whatsapp.said(message)


def test_only_a_pass_of_an_intro_offer_enters_the_intro_offer_automation(
    app, team, automate, make_user, client_for, timers_lane, crm_book
):
    made = automate({"kind": "intro_offer_bought"}, [{"kind": "add_tag", "tag": "intro"}])
    base = f"/api/studios/{team.slug}/passes"
    pack = {"kind": "pack", "credits": 3, "valid_days": 14, "price": 0}
    intro = team.clients["owner"].post(base, json={**pack, "name": "Intro", "new_customers_only": True}).get_json()
    plain = team.clients["owner"].post(base, json={**pack, "name": "Plain"}).get_json()
    newcomer, regular = make_user(), make_user()
    assert client_for(newcomer).post(f"/passes/{intro['id']}/buy").status_code in (200, 201)
    assert client_for(regular).post(f"/passes/{plain['id']}/buy").status_code in (200, 201)
    timers_lane.drain()
    assert [(e.user_id, e.state) for e in _entries(app, made["id"])] == [(newcomer.id, "finished")]

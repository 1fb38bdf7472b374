"""The calendar's other triggers, as their previews find them: no visit for N days (a check-in that long ago, within a
week, nothing booked since), an intro offer ending within N days, a membership that will not renew ending."""

from datetime import timedelta

import pytest
from sqlalchemy import update

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Checkin, EventSession, Pass, utcnow

pytestmark = pytest.mark.both_databases


def _made(team, trigger: dict) -> int:
    made = team.clients["owner"].post(
        f"/api/studios/{team.slug}/automations",
        json={"name": "Calendar", "trigger": trigger, "steps": [{"kind": "add_tag", "tag": "x"}]},
    )
    assert made.status_code == 201, made.get_json()
    return made.get_json()["id"]


def _preview(team, automation_id: int) -> set[int]:
    found = team.clients["owner"].get(f"/api/studios/{team.slug}/automations/{automation_id}/preview").get_json()
    assert found["window"] == "now"
    return {person["user_id"] for person in found["people"]}


def _visited(app, client_for, person, session, days_ago: int) -> None:
    """The person booked the session and was checked in, the session days_ago in the past."""
    booked = client_for(person).post("/bookings/book", json={"session_id": session.id}).get_json()
    with app.app_context(), unit_of_work():
        at = utcnow() - timedelta(days=days_ago)
        db.session.execute(
            update(EventSession)
            .where(EventSession.id == session.id)
            .values(starts_at=at, ends_at=at + timedelta(hours=1))
        )
        db.session.add(
            Checkin(session_id=session.id, booking_id=booked["id"], seat=1, checked_in_at=at, device_id="desk")
        )


def test_no_visit_finds_who_last_came_that_long_ago_and_has_not_booked_since(
    app, team, make_session, make_user, client_for
):
    teacher = team.accounts["instructor"].id
    lapsed, recent, long_gone, coming_back = (make_user() for _ in range(4))
    for person, days in ((lapsed, 32), (recent, 5), (long_gone, 90), (coming_back, 33)):
        _visited(app, client_for, person, make_session(facilitator_id=teacher, studio_id=team.id), days)
    ahead = make_session(facilitator_id=teacher, studio_id=team.id)
    assert client_for(coming_back).post("/bookings/book", json={"session_id": ahead.id}).status_code == 201
    assert _preview(team, _made(team, {"kind": "no_visit", "days": 30})) == {lapsed.id}


def test_passes_ending_find_intro_offers_and_memberships_that_will_not_renew(app, team, make_user, client_for):
    base = f"/api/studios/{team.slug}/passes"
    pack = {"kind": "pack", "credits": 3, "valid_days": 14, "price": 0}
    intro = team.clients["owner"].post(base, json={**pack, "name": "Intro", "new_customers_only": True}).get_json()
    plain = team.clients["owner"].post(base, json={**pack, "name": "Plain"}).get_json()
    ending, later, ordinary = make_user(), make_user(), make_user()
    for person, product in ((ending, intro), (later, intro), (ordinary, plain)):
        assert client_for(person).post(f"/passes/{product['id']}/buy").status_code in (200, 201)
    with app.app_context(), unit_of_work():
        for person, days in ((ending, 2), (later, 10), (ordinary, 2)):
            db.session.execute(
                update(Pass).where(Pass.user_id == person.id).values(valid_until=utcnow() + timedelta(days=days))
            )
    assert _preview(team, _made(team, {"kind": "intro_offer_ending", "days": 3})) == {ending.id}
    assert _preview(team, _made(team, {"kind": "membership_ending", "days": 30})) == set()  # packs are no membership

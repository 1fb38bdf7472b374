"""A studio's public page (no sign-in): its name, contact and clock, its upcoming scheduled events in the catalogue's
shape and its passes on sale in GET /passes' shape, nobody else's; cached as the catalogue's list is (SQLite and
PostgreSQL)."""

from datetime import timedelta

import sqlalchemy as sa

from main_app.extensions import db
from main_app.models import EventSession

PACK = {"name": "Studio pack", "kind": "pack", "credits": 8, "valid_days": 90, "price": 320_000}


def page(client, slug: str):
    return client.get(f"/api/public/studios/{slug}")


def test_the_page_shows_the_studio_its_upcoming_events_and_passes(app, client, make_team, make_session):
    team, other = make_team("Lotus Yoga"), make_team("Other Studio")
    contact = {"contact_email": "hello@lotus.example", "contact_phone": "+91 98123 45678"}
    assert team.clients["owner"].patch(f"/api/studios/{team.slug}", json=contact).status_code == 200
    later = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id, starts_in=timedelta(days=5))
    soon = make_session(facilitator_id=team.accounts["owner"].id, studio_id=team.id)
    make_session(facilitator_id=team.accounts["owner"].id, studio_id=team.id, status="cancelled")
    make_session(facilitator_id=team.accounts["owner"].id, studio_id=team.id, starts_in=-timedelta(days=3))
    make_session(facilitator_id=other.accounts["owner"].id, studio_id=other.id)
    manager = team.clients["manager"]
    pack = manager.post(f"/api/studios/{team.slug}/passes", json=PACK).get_json()
    retired = manager.post(f"/api/studios/{team.slug}/passes", json={**PACK, "name": "Old pack"}).get_json()
    assert manager.post(f"/api/studios/{team.slug}/passes/{retired['id']}/retire").status_code == 200
    other.clients["manager"].post(f"/api/studios/{other.slug}/passes", json=PACK)
    answer = page(client, team.slug)
    assert answer.status_code == 200, answer.get_json()
    shown = answer.get_json()
    assert shown["studio"] == {
        "id": team.id, "name": "Lotus Yoga", "slug": team.slug, "timezone": "Asia/Kolkata", "currency": "INR",
        "country": "IN", "embed_origins": [], "default_language": "en", **contact,
    }  # fmt: skip
    assert [event["id"] for event in shown["events"]] == [soon.event_id, later.event_id]
    assert shown["events_total"] == 2
    assert shown["events"][0] == client.get(f"/events/{soon.event_id}").get_json()  # the catalogue's own shape
    assert [p["id"] for p in shown["passes"]] == [pack["id"]]
    public = client.get(f"/passes?event_id={soon.event_id}").get_json()["items"]
    assert shown["passes"] == public


def test_an_unknown_studio_is_a_404(client, assert_error):
    assert_error(page(client, "no-such-studio"), 404, "studio_not_found")


def test_the_page_is_cached_until_this_process_commits(make_app, make_team, make_session, make_user, token_for):
    team = make_team("Cached Studio")
    session = make_session(facilitator_id=team.accounts["owner"].id, studio_id=team.id, capacity=10)
    cached = make_app(CATALOGUE_CACHE_SECONDS=60)
    client = cached.test_client()
    assert page(client, team.slug).get_json()["events"][0]["seats_left"] == 10
    with cached.app_context(), db.engine.begin() as conn:  # as another process would: outside this one's session
        conn.execute(sa.update(EventSession).where(EventSession.id == session.id).values(seats_taken=4))
    assert page(client, team.slug).get_json()["events"][0]["seats_left"] == 10  # served from this process's copy
    booker = make_user(name="Booker")
    headers = {"Authorization": f"Bearer {token_for(booker)}"}
    assert client.post("/bookings/book", json={"session_id": session.id}, headers=headers).status_code == 201
    assert page(client, team.slug).get_json()["events"][0]["seats_left"] == 5  # a commit here emptied the cache

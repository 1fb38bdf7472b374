"""The public catalogue's fast path: plain-row documents equal to EventSchema's, and the short-lived page cache."""

import time
from datetime import timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import joinedload, selectinload

from main_app.api.page_cache import MAX_PAGES, PageCache
from main_app.config import load_config
from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Event, EventSession, SessionOption, Studio, StudioInvoicing, WaitlistEntry, utcnow
from main_app.schemas.events import EventSchema, event_document
from main_app.services.catalogue import events as event_service
from main_app.services.seats import line
from main_app.services.seats.options import option_document, options_of
from main_app.services.studios import added_taxes


@pytest.fixture
def varied_catalogue(app, make_event, make_user):
    """Events in every state the catalogue shows: past, cancelled, full, multi-session, other facilitators."""
    other = make_user(role="facilitator", name="Kavya Reddy")
    full = make_event(title="Silent Retreat", kind="retreat", starts_in=timedelta(days=20), capacity=20, seats_taken=20)
    people = [make_user(name=f"Waiting {n}") for n in range(3)]
    with app.app_context(), unit_of_work():  # three people in its line
        db.session.add_all(WaitlistEntry(session_id=full.session_ids[0], user_id=person.id) for person in people)
    rooms = make_event(title="Forest Retreat", kind="retreat", starts_in=timedelta(days=30), capacity=10, seats_taken=3)
    with app.app_context(), unit_of_work():  # room options, one retired (not shown), listed by position
        db.session.add_all(
            [
                SessionOption(session_id=rooms.session_ids[0], name="Twin", price=300, capacity=8, position=1),
                SessionOption(session_id=rooms.session_ids[0], name="Single", price=500, capacity=2),
                SessionOption(session_id=rooms.session_ids[0], name="Old", capacity=2, position=2, retired=True),
            ]
        )
    halved = make_event(title="Half Cancelled", sessions=2, session_status="cancelled", facilitator_id=other.id)
    with app.app_context(), unit_of_work():  # its studio adds GST to its prices
        studio_id = db.session.get(Event, halved.id).studio_id
        db.session.add(StudioInvoicing(studio_id=studio_id, tax_name="GST", tax_rate=1800, prices_include_tax=False))
    return [
        rooms,
        make_event(title="Morning Flow", sessions=3, capacity=12, seats_taken=4),
        full,
        make_event(title="Old Class", starts_in=timedelta(days=-3), sessions=2, every=timedelta(days=2)),
        make_event(title="Called Off", status="cancelled", starts_in=timedelta(days=5)),
        halved,
        make_event(title="Started Course", starts_in=timedelta(days=-8), sessions=4, every=timedelta(days=7)),
    ]


def orm_dumps(app, event_ids) -> list[dict]:
    """EventSchema over ORM-loaded events: what the catalogue must keep giving."""
    with app.app_context():
        events = db.session.scalars(
            select(Event)
            .options(joinedload(Event.facilitator), selectinload(Event.sessions).joinedload(EventSession.instructor))
            .where(Event.id.in_(event_ids))
            .order_by(Event.starts_at, Event.id)
        ).all()
        studios = {studio.id: studio for studio in db.session.scalars(select(Studio))}
        added = added_taxes(studios)
        for event in events:
            event.studio_document = {"slug": studios[event.studio_id].slug, "name": studios[event.studio_id].name}
            event.tax_added_document = added.get(event.studio_id)
        sessions = [s for event in events for s in event.sessions]
        waiting = line.waiting_counts([s.id for s in sessions])
        offered = options_of([s.id for s in sessions])
        for event_session in sessions:  # as the services annotate them
            event_session.waiting = waiting[event_session.id]
            event_session.options = [option_document(row) for row in offered.get(event_session.id, ())]
            teacher = event_session.instructor
            event_session.instructor_document = {"id": teacher.id, "name": teacher.name}
        dumped = EventSchema(many=True).dump(events)
        db.session.remove()
    return dumped


def test_documents_equal_what_event_schema_dumps(app, varied_catalogue):
    ids = [ref.id for ref in varied_catalogue]
    expected = orm_dumps(app, ids)
    with app.app_context():
        now = utcnow()
        documents = [event_document(event_service.get_event(event_id), now) for event_id in ids]
        db.session.remove()
    assert sorted(documents, key=lambda d: (d["starts_at"], d["id"])) == expected


def test_the_list_gives_the_same_items_as_event_schema(client, app, varied_catalogue):
    body = client.get("/events?include_past=true&include_cancelled=true&per_page=100").get_json()
    assert body["items"] == orm_dumps(app, [ref.id for ref in varied_catalogue])
    assert (body["total"], body["pages"], body["page"], body["per_page"]) == (7, 1, 1, 100)
    [rooms] = [item for item in body["items"] if item["title"] == "Forest Retreat"]
    assert [(o["name"], o["seats_left"]) for o in rooms["sessions"][0]["options"]] == [("Single", 2), ("Twin", 8)]


def test_an_event_page_gives_the_same_document(client, app, varied_catalogue):
    for ref in varied_catalogue:
        assert client.get(f"/events/{ref.id}").get_json() == orm_dumps(app, [ref.id])[0]


def test_the_public_pages_say_how_many_wait(client, varied_catalogue):
    full = varied_catalogue[2]
    assert [s["waiting"] for s in client.get(f"/events/{full.id}").get_json()["sessions"]] == [3]
    listed = {e["id"]: e for e in client.get("/events?per_page=100").get_json()["items"]}
    assert [s["waiting"] for s in listed[full.id]["sessions"]] == [3]
    assert {s["waiting"] for e in listed.values() if e["id"] != full.id for s in e["sessions"]} == {0}


def raw_set_seats_taken(app, session_id: int, seats: int) -> None:
    """Change a seat count the way another process would: outside this process's ORM session."""
    with app.app_context(), db.engine.begin() as conn:
        conn.execute(text("UPDATE sessions SET seats_taken = :n WHERE id = :id"), {"n": seats, "id": session_id})


def seats_left(client, path="/events") -> int:
    return client.get(path).get_json()["items"][0]["seats_left"]


@pytest.fixture
def seen_catalogue(make_app, make_event):
    """Factory: (app, client, a 10-seat event) with CATALOGUE_CACHE_SECONDS=seconds, its list already read once."""

    def make(seconds: float):
        app = make_app(CATALOGUE_CACHE_SECONDS=seconds)
        client = app.test_client()
        ref = make_event(capacity=10)
        assert seats_left(client) == 10
        return app, client, ref

    return make


def test_another_process_change_shows_once_the_cached_page_expires(seen_catalogue):
    app, client, ref = seen_catalogue(1.5)  # long enough for the checks below on a busy machine
    raw_set_seats_taken(app, ref.session_ids[0], 4)
    assert seats_left(client) == 10  # served from this process's copy
    assert seats_left(client, "/events?per_page=5") == 6  # another page is its own entry
    assert client.get(f"/events/{ref.id}").get_json()["seats_left"] == 6  # an event's page is always live
    time.sleep(1.6)
    assert seats_left(client) == 6


def test_a_commit_in_this_process_empties_the_cache(seen_catalogue, make_user, token_for):
    _, client, ref = seen_catalogue(60)
    booker = make_user()
    response = client.post(
        "/bookings/book",
        json={"session_id": ref.session_ids[0]},
        headers={"Authorization": f"Bearer {token_for(booker)}"},
    )
    assert response.status_code == 201
    assert seats_left(client) == 9


def test_zero_seconds_turns_the_cache_off(seen_catalogue):
    app, client, ref = seen_catalogue(0)
    raw_set_seats_taken(app, ref.session_ids[0], 3)
    assert seats_left(client) == 7


def test_refused_queries_are_not_cached(make_app, make_event, assert_error):
    app = make_app(CATALOGUE_CACHE_SECONDS=60)
    client = app.test_client()
    make_event()
    for _ in range(2):
        assert_error(client.get("/events?kind=party"), 400, "validation_error", "kind")
    assert client.get("/events").status_code == 200


def test_the_cache_keeps_a_bounded_number_of_pages():
    cache = PageCache(ttl=60)
    for key in range(MAX_PAGES + 50):
        cache.get_or_render(key, lambda key=key: str(key).encode())
    assert len(cache._pages) == MAX_PAGES
    assert cache.get_or_render(MAX_PAGES + 49, lambda: b"again") == str(MAX_PAGES + 49).encode()
    assert cache.get_or_render(0, lambda: b"rendered again") == b"rendered again"  # the oldest went first


@pytest.mark.parametrize("raw, expected", [(None, 2.0), ("0", 0.0), ("0.5", 0.5), ("30", 30.0)])
def test_catalogue_cache_seconds_setting(raw, expected):
    env = {} if raw is None else {"CATALOGUE_CACHE_SECONDS": raw}
    assert load_config(env)["CATALOGUE_CACHE_SECONDS"] == expected


@pytest.mark.parametrize("raw", ["-1", "soon", "nan"])
def test_catalogue_cache_seconds_must_be_zero_or_more(raw):
    with pytest.raises(RuntimeError, match="CATALOGUE_CACHE_SECONDS"):
        load_config({"CATALOGUE_CACHE_SECONDS": raw})

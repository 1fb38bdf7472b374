"""A file of pairs without ids (the events each pass product covers) pages by its owners: a page holds every pair
of EXPORT_CHUNK_ROWS products, so no product's events are split between pages or skipped."""

from datetime import timedelta

from sqlalchemy import select

from main_app.extensions import db
from main_app.models import Event, EventSession, Studio
from main_app.services.exports.tables import BY_NAME


def test_the_pass_products_events_page_by_product_and_miss_none(app, priya, priya_client, make_session):
    sessions = [make_session(starts_in=timedelta(days=3 + n), facilitator_id=priya.id) for n in range(3)]
    with app.app_context():
        events = [db.session.get(EventSession, session.id).event_id for session in sessions]
        studio_id = db.session.get(Event, events[0]).studio_id
        slug = db.session.scalar(select(Studio.slug).where(Studio.id == studio_id))
    pack = {"kind": "pack", "credits": 3, "valid_days": 30, "price": 90_000, "event_ids": events}
    for n in range(3):
        made = priya_client.post(f"/api/studios/{slug}/passes", json={**pack, "name": f"Pack {n}"})
        assert made.status_code == 201, made.get_json()
    table, pages, after = BY_NAME["pass_product_events"], [], 0
    with app.app_context():
        while after is not None:
            rows = db.session.execute(table.page(studio_id, after, 2)).all()
            pages.append([tuple(row) for row in rows])
            after = table.next_after(rows, 2)
    assert [len(page) for page in pages] == [6, 3]  # two products' three events, then the third's
    assert sorted(pair for page in pages for pair in page) == sorted({pair for page in pages for pair in page})
    assert {event for page in pages for _product, event in page} == set(events)

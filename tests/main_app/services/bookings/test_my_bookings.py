"""GET /bookings, read as plain rows (services.my_bookings): exactly what BookingPageSchema dumps for the same bookings
and places in line loaded as models, with free and paid bookings, cancelled ones, several pages and places in line."""

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from main_app.extensions import db
from main_app.models import Booking, Event, EventSession, WaitlistEntry
from main_app.plumbing.pagination import Page
from main_app.schemas.booking_pages import BookingPageSchema
from main_app.services.bookings.operations import get_booking
from main_app.services.seats.line import position_of
from main_app.services.seats.waitlist import Place


def schema_page(app, user_id: int, page: int, per_page: int) -> dict:
    """What BookingPageSchema dumps for the user's page, from models loaded one by one."""
    with app.app_context():
        ids = db.session.scalars(select(Booking.id).where(Booking.user_id == user_id).order_by(Booking.id.desc())).all()
        items = [get_booking(booking_id) for booking_id in ids[(page - 1) * per_page : page * per_page]]
        entries = db.session.scalars(
            select(WaitlistEntry)
            .options(
                joinedload(WaitlistEntry.session).joinedload(EventSession.event).joinedload(Event.facilitator),
                joinedload(WaitlistEntry.session).joinedload(EventSession.instructor),
            )
            .where(WaitlistEntry.user_id == user_id)
        ).all()
        places = [Place(entry.session, position_of(entry), entry.created_at) for entry in entries]
        result = Page(items=items, page=page, per_page=per_page, total=len(ids))
        result.waiting = sorted(places, key=lambda place: place.session.starts_at)
        dumped = BookingPageSchema().dump(result)
        db.session.remove()
    return dumped


def test_my_bookings_are_what_the_schema_gives(app, client, user, user_client, make_session, make_user, client_for):
    sessions = [make_session(starts_in=timedelta(days=2 + n), title=f"Class {n}") for n in range(5)]
    for session in sessions:
        assert user_client.post("/book", json={"session_id": session.id}).status_code == 201
    user_client.post("/bookings/1/cancel", json={"reason": "Away"})
    paid = make_session(price=80_000, starts_in=timedelta(days=9))
    held = user_client.post("/book", json={"session_id": paid.id}).get_json()
    reference = held["payment"]["checkout_url"].rsplit("/", 1)[1]
    client.post(f"/payments/test/checkout/{reference}", data={"action": "pay"})
    user_client.post("/book", json={"session_id": make_session(price=50_000).id})  # a held seat, not paid
    full = make_session(capacity=1, starts_in=timedelta(days=4))
    client_for(make_user()).post("/book", json={"session_id": full.id})
    for _ in range(2):
        client_for(make_user()).post(f"/sessions/{full.id}/waitlist")
    assert user_client.post(f"/sessions/{full.id}/waitlist").get_json()["position"] == 3

    for page, per_page in ((1, 20), (1, 3), (2, 3), (3, 3), (9, 3)):
        answer = user_client.get(f"/bookings?page={page}&per_page={per_page}")
        assert answer.status_code == 200
        assert answer.get_json() == schema_page(app, user.id, page, per_page), (page, per_page)
    whole = user_client.get("/bookings").get_json()
    assert whole["total"] == 7 and len(whole["items"]) == 7
    assert {item["payment_status"] for item in whole["items"]} == {None, "succeeded", "pending"}
    assert [(place["session_id"], place["position"]) for place in whole["waiting"]] == [(full.id, 3)]


def test_someone_without_bookings(app, user, user_client):
    assert user_client.get("/bookings").get_json() == schema_page(app, user.id, 1, 20)


def test_my_bookings_name_who_teaches_not_who_made_the_event(
    app, facilitator, facilitator_client, user, user_client, make_session, make_user, add_member, client_for
):
    taught, waited = make_session(title="Flow"), make_session(title="Yin", capacity=1)
    studio = facilitator_client.get("/api/studios").get_json()["items"][0]
    teacher = make_user(name="Meera Teacher")
    add_member(studio["id"], teacher, "instructor")
    for session in (taught, waited):
        moved = facilitator_client.patch(
            f"/api/studios/{studio['slug']}/sessions/{session.id}/instructor", json={"instructor_id": teacher.id}
        )
        assert moved.status_code == 200
    booked = user_client.post("/book", json={"session_id": taught.id}).get_json()
    client_for(make_user()).post("/book", json={"session_id": waited.id})
    assert user_client.post(f"/sessions/{waited.id}/waitlist").status_code == 201

    teaches = {"id": teacher.id, "name": "Meera Teacher"}
    assert booked["session"]["instructor"] == teaches
    page = user_client.get("/bookings").get_json()
    assert page["items"][0]["session"]["instructor"] == teaches
    assert page["items"][0]["event"]["facilitator"]["id"] == facilitator.id
    assert page["waiting"][0]["session"]["instructor"] == teaches
    assert user_client.get(f"/bookings/{booked['id']}").get_json()["session"]["instructor"] == teaches
    assert page == schema_page(app, user.id, 1, 20)

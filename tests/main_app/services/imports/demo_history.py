"""A history for a demo studio, made through the demo install's own API as people and staff would: a pack bought and
booked with, a credit given back, a code used on a paid booking with a guest, and that booking cancelled and
refunded (a credit note), a pack covering one event; the lanes the changes queue on run in the test's process."""

from datetime import timedelta

from sqlalchemy import select

from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import (
    CHANNEL_PAYMENTS,
    CHANNEL_TIMERS,
    STATUS_SCHEDULED,
    Event,
    EventSession,
    PassProduct,
    Studio,
    StudioMember,
    User,
    utcnow,
)


def _drain(app, channel: str) -> None:
    with app.app_context():
        lane = build_dispatcher(app.config, channel=channel)
        try:
            while lane.run_once() and not lane.down:
                pass
        finally:
            lane.close()


def _token(client, username: str, password: str) -> dict:
    answer = client.post("/auth/login", json={"username": username, "password": password})
    assert answer.status_code == 200, answer.get_json()
    return {"Authorization": f"Bearer {answer.get_json()['access_token']}"}


def _pay(client, answer) -> dict:
    """A booking or purchase answered with a checkout, paid on the test provider's page."""
    body = answer.get_json()
    url = (body.get("payment") or {}).get("checkout_url") or body.get("checkout_url")
    assert url, body
    assert client.post(f"/payments/test/checkout/{url.rsplit('/', 1)[1]}", data={"action": "pay"}).status_code == 303
    return body


def _sessions(app, studio_id: int, paid: bool) -> list[int]:
    """The studio's scheduled sessions of events with no questions, a week or more ahead, paid or free."""
    with app.app_context():
        ahead = utcnow() + timedelta(days=7)
        found = select(EventSession.id).join(Event, Event.id == EventSession.event_id)
        found = found.where(Event.studio_id == studio_id, EventSession.status == STATUS_SCHEDULED)
        found = found.where(
            EventSession.starts_at > ahead, (EventSession.price > 0) if paid else EventSession.price == 0
        )
        return list(db.session.scalars(found.order_by(EventSession.id)))


def _book_first(client, headers, sessions: list[int], body: dict) -> dict:
    """Book the first of the sessions that takes this booking (an event asking questions or options refuses)."""
    for session_id in sessions:
        answer = client.post("/book", json={"session_id": session_id, **body}, headers=headers)
        if answer.status_code == 201:
            return answer
    raise AssertionError(f"no session took {body}")


def _event_of(app, session_id: int) -> int:
    with app.app_context():
        return db.session.get(EventSession, session_id).event_id


def _studio_with_a_pack(app) -> tuple[int, str, int, str]:
    """The first demo studio selling a pack: (studio id, slug, the pack's id, its owner's username)."""
    with app.app_context():
        found = select(PassProduct.id, Studio.id, Studio.slug).join(Studio, Studio.id == PassProduct.studio_id)
        pack, studio_id, slug = db.session.execute(
            found.where(PassProduct.kind == "pack").order_by(PassProduct.id)
        ).first()
        owners = select(User.username).join(StudioMember, StudioMember.user_id == User.id)
        owner = db.session.scalar(owners.where(StudioMember.studio_id == studio_id, StudioMember.role == "owner"))
    return studio_id, slug, pack, owner


def make_history(app) -> int:
    """A demo studio's history, made through the API: the studio's id."""
    client = app.test_client()
    studio_id, slug, pack, owner_name = _studio_with_a_pack(app)
    asha, owner = _token(client, "asha", "asha1234"), _token(client, owner_name, f"{owner_name}123")
    bought = _pay(client, client.post(f"/passes/{pack}/buy", json={}, headers=asha))
    with_pass = _book_first(client, asha, _sessions(app, studio_id, paid=True), {"pass_id": bought["pass"]["id"]})
    assert client.post(f"/bookings/{with_pass.get_json()['id']}/cancel", json={}, headers=asha).status_code == 200
    event_id = _event_of(app, _sessions(app, studio_id, paid=True)[0])
    drop_in = {"name": "Drop-in trio", "kind": "pack", "credits": 3, "valid_days": 30, "price": 90_000}
    covering = client.post(f"/api/studios/{slug}/passes", json={**drop_in, "event_ids": [event_id]}, headers=owner)
    assert covering.status_code == 201, covering.get_json()  # a product covering one event, not all of them
    code = client.post(f"/api/studios/{slug}/codes", json={"code": "MOVE10", "percent_off": 10}, headers=owner)
    assert code.status_code == 201, code.get_json()
    ravi = {"name": "Ravi Menon", "email": "ravi@moving.example.com", "password": "a-long-passphrase"}
    assert client.post("/auth/register", json=ravi).status_code == 201
    ravi_headers = _token(client, "ravi@moving.example.com", ravi["password"])
    guest = {"seats": 2, "guests": [{"name": "Mira Menon", "email": "mira@moving.example.com"}], "code": "MOVE10"}
    paid = _pay(client, _book_first(client, ravi_headers, _sessions(app, studio_id, paid=True), guest))
    assert client.post(f"/bookings/{paid['id']}/cancel", json={}, headers=ravi_headers).status_code == 200
    for channel in (CHANNEL_PAYMENTS, CHANNEL_TIMERS):
        _drain(app, channel)
    return studio_id

"""A studio's delivery figures, dead letters and retries: its messages alone (CRM messages naming it, emails and texts
about its bookings), for its members with money.view; the platform-wide views stay the operators'."""

import pytest
from sqlalchemy import select, update

from main_app.database import unit_of_work
from main_app.delivery import outbox_row
from main_app.extensions import db
from main_app.models import CHANNEL_SMS, CHANNEL_WHATSAPP, DeliveryAttempt, OutboxMessage
from main_app.services import news


@pytest.fixture
def message_ids(app):
    """message_ids(): every outbox message's id, any channel."""

    def read() -> set[str]:
        with app.app_context():
            return set(db.session.scalars(select(OutboxMessage.id)))

    return read


@pytest.fixture
def all_dead(app):
    """all_dead(): every outbox message dead, as after a long CRM outage."""

    def kill() -> None:
        with app.app_context(), unit_of_work():
            db.session.execute(update(OutboxMessage).values(status="dead", attempts=3, last_error="down"))

    return kill


@pytest.fixture
def two_studios(make_team, make_session, make_user, client_for, message_ids, add_messages):
    """Studios A and B, a booking in a class of each; {"A": team, "B": team, "a": ids, "b": ids} where a and b are
    the outbox messages each booking wrote; one more message names no studio (a platform one)."""
    teams = {"A": make_team("Studio A"), "B": make_team("Studio B")}
    made = {}
    for name, team in teams.items():
        session = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id)
        before = message_ids()
        booked = client_for(make_user(name=f"Client of {name}")).post("/bookings/book", json={"session_id": session.id})
        assert booked.status_code == 201, booked.get_json()
        made[name.lower()] = message_ids() - before
    add_messages(1)
    return {**teams, **made}


def _listed(client, slug: str, query: str = "status=dead") -> set[str]:
    answer = client.get(f"/api/studios/{slug}/delivery/messages?{query}&per_page=100")
    assert answer.status_code == 200, answer.get_json()
    return {item["id"] for item in answer.get_json()["items"]}


def test_a_manager_sees_their_studios_messages_alone(two_studios, all_dead):
    a, b = two_studios["A"], two_studios["B"]
    all_dead()

    status = a.clients["manager"].get(f"/api/studios/{a.slug}/delivery")

    assert status.status_code == 200, status.get_json()
    crm_of_a = status.get_json()["outbox"]["dead"]
    assert 1 <= crm_of_a < len(two_studios["a"]) + len(two_studios["b"])
    assert _listed(a.clients["manager"], a.slug) == two_studios["a"]
    assert _listed(b.clients["owner"], b.slug) == two_studios["b"]
    assert _listed(a.clients["owner"], a.slug, "status=pending") == set()


def test_retrying_requeues_only_the_studios_dead_letters(app, two_studios, all_dead):
    a = two_studios["A"]
    all_dead()

    requeued = a.clients["manager"].patch(f"/api/studios/{a.slug}/delivery/retry-failed")

    assert requeued.status_code == 200 and requeued.get_json() == {"requeued": len(two_studios["a"])}
    with app.app_context():
        pending = set(db.session.scalars(select(OutboxMessage.id).where(OutboxMessage.status == "pending")))
    assert pending == two_studios["a"]


@pytest.mark.parametrize("role", ["instructor", "front_desk"])
def test_staff_without_money_view_are_refused(team, role):
    for method, path in (("GET", "delivery"), ("GET", "delivery/messages"), ("PATCH", "delivery/retry-failed")):
        answer = team.clients[role].open(f"/api/studios/{team.slug}/{path}", method=method)
        assert answer.status_code == 403, (method, path)
        assert answer.get_json()["error"]["details"]["permission"] == "money.view"


def test_a_member_of_another_studio_and_a_bad_query_get_our_errors(two_studios):
    a, b = two_studios["A"], two_studios["B"]

    assert a.clients["owner"].get(f"/api/studios/{b.slug}/delivery").status_code == 404
    bad = a.clients["owner"].get(f"/api/studios/{a.slug}/delivery/messages?status=lost")
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "validation_error"


def test_the_platform_wide_view_is_the_operators(two_studios, admin_client):
    owner = two_studios["A"].clients["owner"]

    assert owner.get("/api/crm/integration").status_code == 403
    assert owner.patch("/api/crm/integration/retry-failed").status_code == 403
    assert admin_client.get("/api/crm/integration").status_code == 200


def test_a_whatsapp_message_shows_metas_furthest_status_and_where_its_news_fell_back(app, two_studios):
    a = two_studios["A"]
    with app.app_context(), unit_of_work():
        booking_id = db.session.scalar(
            select(OutboxMessage.booking_id).where(OutboxMessage.id.in_(two_studios["a"]), OutboxMessage.booking_id > 0)
        )
        payload = {"kind": "booking_confirmed", "snapshot": {}}
        sent = OutboxMessage(**outbox_row(CHANNEL_WHATSAPP, "booking_confirmed", payload, booking_id=booking_id))
        failed = OutboxMessage(**outbox_row(CHANNEL_WHATSAPP, "booking_confirmed", payload, booking_id=booking_id))
        fallback = {**payload, "fallback_of": {"channel": "whatsapp", "message_id": failed.id, "why": "failed"}}
        text = outbox_row(CHANNEL_SMS, "booking_confirmed", fallback, booking_id=booking_id)
        db.session.add_all([sent, failed, OutboxMessage(**{**text, "id": news.fallback_id(failed.id)})])
        db.session.flush()
        for message, said in ((sent, "read"), (sent, "delivered"), (sent, "sent"), (failed, "failed; fell back")):
            attempt = {"worker_id": "whatsapp-status", "status_code": None, "latency_ms": 0.0}
            db.session.add(DeliveryAttempt(message_id=message.id, response_excerpt=f"WhatsApp says: {said}", **attempt))
        sent_id, failed_id = sent.id, failed.id
    answer = a.clients["manager"].get(f"/api/studios/{a.slug}/delivery/messages?status=pending&per_page=100")
    items = {item["id"]: item for item in answer.get_json()["items"]}
    shown = ("whatsapp_status", "fell_back_to", "fallback_of")
    assert [items[sent_id][key] for key in shown] == ["read", None, None]  # read came first: still read
    assert [items[failed_id][key] for key in shown] == ["failed", "sms", None]
    assert [items[news.fallback_id(failed_id)][key] for key in shown] == [None, None, failed_id]
    assert all(item["whatsapp_status"] is None for item in items.values() if item["channel"] != CHANNEL_WHATSAPP)

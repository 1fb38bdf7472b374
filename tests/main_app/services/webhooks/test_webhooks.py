"""A studio's webhooks: endpoints made and changed within the studio, a booking's news written for each endpoint
subscribed to it in the booking's own transaction, handed over signed (the official Standard Webhooks library
verifies them), a receiver that fails for a while getting every event once and in order per object, a refusal
that kills one delivery while the lane goes on, the delivery log and a delivery sent again, REST hooks, and
addresses off the public internet refused in production."""

import json

import pytest
from sqlalchemy import select
from standardwebhooks.webhooks import Webhook

from main_app.extensions import db
from main_app.models import CHANNEL_WEBHOOKS, AuditEntry, OutboxMessage


def _subscribe(team, url, event_types=("booking_created", "booking_cancelled"), client=None):
    made = (client or team.clients["owner"]).post(
        f"/api/studios/{team.slug}/webhooks", json={"url": url, "event_types": list(event_types)}
    )
    assert made.status_code == 201, made.get_json()
    return made.get_json()


def _deliveries(app) -> list[OutboxMessage]:
    with app.app_context():
        return db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.channel == CHANNEL_WEBHOOKS).order_by(OutboxMessage.created_at)
        ).all()


def _book(client_for, person, session) -> int:
    booked = client_for(person() if callable(person) else person).post(
        "/bookings/book", json={"session_id": session.id}
    )
    assert booked.status_code == 201, booked.get_json()
    return booked.get_json()["id"]


def test_an_endpoint_is_made_with_its_secret_shown_once_and_bad_ones_are_refused(team, assert_error):
    made = _subscribe(team, "https://tools.example.com/hooks")
    assert made["secret"].startswith("whsec_") and made["active"] and made["source"] == "app"
    listed = team.clients["owner"].get(f"/api/studios/{team.slug}/webhooks").get_json()
    assert [one["id"] for one in listed["items"]] == [made["id"]] and "secret" not in listed["items"][0]
    assert {"type": "booking_created"}.items() <= listed["event_types"][0].items()
    base = f"/api/studios/{team.slug}/webhooks"
    for body in (
        {"url": "ftp://tools.example.com/", "event_types": ["booking_created"]},
        {"url": "https://tools.example.com/", "event_types": []},
        {"url": "https://tools.example.com/", "event_types": ["no_such_event"]},
    ):
        assert_error(team.clients["owner"].post(base, json=body), 400, "validation_error")
    assert_error(
        team.clients["manager"].post(base, json={"url": "https://a.example/", "event_types": ["booking_created"]}),
        403,
        "forbidden",
    )


def test_a_booking_is_written_for_each_subscribed_endpoint_in_its_own_transaction(
    app, make_team, make_session, make_user, client_for
):
    mine, theirs = make_team("Mine"), make_team("Theirs")
    wanted = _subscribe(mine, "https://a.example/hooks")
    _subscribe(mine, "https://b.example/hooks", ("session_cancelled",))
    off = _subscribe(mine, "https://c.example/hooks")
    assert (
        mine.clients["owner"]
        .patch(f"/api/studios/{mine.slug}/webhooks/{off['id']}", json={"active": False})
        .status_code
        == 200
    )
    _subscribe(theirs, "https://d.example/hooks")
    session = make_session(facilitator_id=mine.accounts["instructor"].id, studio_id=mine.id)
    booking_id = _book(client_for, make_user, session)
    rows = _deliveries(app)
    assert [(row.endpoint_id, row.type) for row in rows] == [(wanted["id"], "booking_created")]
    body = rows[0].payload["body"]
    assert body["type"] == "booking_created" and body["data"]["booking_id"] == booking_id
    assert body["data"]["studio_id"] == mine.id and "notification_id" not in body["data"]
    assert rows[0].ordered_key == f"{wanted['id']}:booking:{booking_id}"


def test_deliveries_are_signed_and_a_receiver_failing_for_a_while_gets_each_once_in_order(
    app, team, make_session, make_user, client_for, receiver, webhook_lane
):
    made = _subscribe(team, receiver.url)
    session = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id, capacity=10)
    people = [make_user() for _ in range(3)]
    booked = []
    for person in people:
        answer = client_for(person).post("/bookings/book", json={"session_id": session.id})
        booked.append(answer.get_json()["id"])
    for person, booking_id in zip(people, booked, strict=True):
        assert client_for(person).post(f"/bookings/{booking_id}/cancel").status_code == 200
    receiver.answers = [500] * 7  # down for a while: the first tries of each object's first event fail
    for _ in range(12):
        webhook_lane.drain()
        webhook_lane.retry_now()
    accepted = [(json.loads(body), headers) for headers, body, status in receiver.got if status == 200]
    events = [(body["data"]["booking_id"], body["type"]) for body, _headers in accepted]
    assert sorted(events) == sorted((b, kind) for b in booked for kind in ("booking_created", "booking_cancelled"))
    for booking_id in booked:  # each booking's news in the order they happened
        assert [kind for b, kind in events if b == booking_id] == ["booking_created", "booking_cancelled"]
    ids = [headers["webhook-id"] for _body, headers in accepted]
    assert len(ids) == len(set(ids))
    verifier = Webhook(made["secret"])
    for headers, body, _status in receiver.got:
        verifier.verify(body, headers)
    assert all(row.status == "delivered" for row in _deliveries(app))


def test_a_receiver_down_for_ten_minutes_gets_every_event_once_in_order_and_holds_up_no_other(
    app, team, make_session, make_user, client_for, receiver, make_receiver, webhook_lane
):
    _subscribe(team, receiver.url)
    healthy = make_receiver()
    _subscribe(team, healthy.url)
    session = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id, capacity=10)
    people = [make_user() for _ in range(4)]
    receiver.down = True
    booked = [_book(client_for, person, session) for person in people]
    for person, booking_id in zip(people, booked, strict=True):
        assert client_for(person).post(f"/bookings/{booking_id}/cancel").status_code == 200
    webhook_lane.drain()
    assert len([1 for _h, _b, status in healthy.got if status == 200]) == 8  # the other endpoint heard it all
    for _minute in range(10):  # ten minutes of 500s: every try fails, and what follows each first event waits
        webhook_lane.retry_now()
        webhook_lane.drain()
    assert receiver.got and all(status == 500 for _h, _b, status in receiver.got)
    assert {json.loads(body)["type"] for _h, body, _s in receiver.got} == {"booking_created"}
    receiver.down = False
    for _ in range(3):
        webhook_lane.retry_now()
        webhook_lane.drain()
    heard = [json.loads(body) for _h, body, status in receiver.got if status == 200]
    ids = [headers["webhook-id"] for headers, _b, status in receiver.got if status == 200]
    assert len(ids) == len(set(ids)) == 8
    for booking_id in booked:
        kinds = [event["type"] for event in heard if event["data"]["booking_id"] == booking_id]
        assert kinds == ["booking_created", "booking_cancelled"]


def test_a_refusal_kills_its_delivery_alone_and_the_log_sends_it_again(
    app, team, make_session, make_user, client_for, receiver, webhook_lane
):
    made = _subscribe(team, receiver.url)
    session = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id, capacity=10)
    first, second = _book(client_for, make_user, session), _book(client_for, make_user, session)
    receiver.answers = [410]
    webhook_lane.drain()
    base = f"/api/studios/{team.slug}/webhooks/{made['id']}"
    log = team.clients["owner"].get(f"{base}/deliveries").get_json()
    by_booking = {item["body"]["data"]["booking_id"]: item for item in log["items"]}
    assert by_booking[first]["status"] == "dead" and by_booking[first]["last_status_code"] == 410
    assert by_booking[second]["status"] == "delivered" and by_booking[second]["last_status_code"] == 200
    again = team.clients["owner"].post(f"{base}/deliveries/{by_booking[first]['id']}/redeliver")
    assert again.status_code == 202, again.get_json()
    webhook_lane.drain()
    assert team.clients["owner"].get(f"{base}/deliveries").get_json()["items"][-1]["status"] == "delivered"
    tested = team.clients["owner"].post(f"{base}/test")
    assert tested.status_code == 202 and tested.get_json()["type"] == "webhook_test"
    webhook_lane.drain()
    assert json.loads(receiver.got[-1][1])["type"] == "webhook_test"


def test_rest_hooks_subscribe_and_unsubscribe_with_an_api_token(app, team, make_session, make_user, client_for):
    token = (
        team.clients["owner"]
        .post(f"/api/studios/{team.slug}/tokens", json={"name": "Zapier", "permissions": ["webhooks.manage"]})
        .get_json()["token"]
    )
    zapier = app.test_client()
    zapier.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    hook = zapier.post(
        f"/api/studios/{team.slug}/hooks",
        json={"target_url": "https://hooks.zapier.example/1", "event": "booking_created"},
    )
    assert hook.status_code == 201, hook.get_json()
    assert hook.get_json()["secret"].startswith("whsec_")
    session = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id)
    _book(client_for, make_user, session)
    assert [row.endpoint_id for row in _deliveries(app)] == [hook.get_json()["id"]]
    assert zapier.delete(f"/api/studios/{team.slug}/hooks/{hook.get_json()['id']}").status_code == 204
    _book(client_for, make_user, session)
    assert len(_deliveries(app)) == 1
    with app.app_context():
        audited = db.session.execute(select(AuditEntry.action, AuditEntry.actor_role).order_by(AuditEntry.id)).all()
    assert [row for row in audited if row[0].startswith("webhook.")] == [
        ("webhook.created", "api_token"),
        ("webhook.removed", "api_token"),
    ]


@pytest.mark.parametrize("url", ["https://127.0.0.1/hooks", "https://169.254.169.254/latest", "https://10.0.0.7/x"])
def test_production_refuses_an_address_off_the_public_internet(app, team, url, assert_error):
    app.config["APP_ENV"] = "production"
    try:
        answer = team.clients["owner"].post(
            f"/api/studios/{team.slug}/webhooks", json={"url": url, "event_types": ["booking_created"]}
        )
    finally:
        app.config["APP_ENV"] = "development"
    assert_error(answer, 400, "validation_error")
    assert "url" in answer.get_json()["error"]["details"]

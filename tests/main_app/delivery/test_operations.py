"""Operators' endpoints: integration status, test notification, dead letters and retries; admin or service token."""

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import ROLE_ADMIN, utcnow

pytestmark = pytest.mark.both_databases

CRM_TOKEN = "test-crm-token"  # what make_app configures as CRM_AUTH_TOKEN
UNKNOWN_ID = "0123456789abcdef0123456789abcdef"
DETAIL_FIELDS = {
    "id",
    "channel",
    "type",
    "status",
    "attempts",
    "next_attempt_at",
    "last_error",
    "failure_kind",
    "created_at",
    "delivered_at",
    "payload",
    "attempt_log",
}


@pytest.fixture
def app(make_app, fake_crm):
    """The main API pointed at the fake CRM, one quick try per delivery, schedule 5 s, 30 s, 120 s, one message per
    request (so each can be answered differently; test_dispatcher_batches.py shows a batch item's failure here)."""
    return make_app(CRM_BASE_URL=fake_crm.url, CRM_BATCH_SIZE=1)


def bearer_client(app, token: str):
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


@pytest.fixture
def service_client(app):
    """The service token (CRM_AUTH_TOKEN) as a bearer token, as scripts and the CRM would send it."""
    return bearer_client(app, CRM_TOKEN)


@pytest.fixture
def dispatch(app):
    """dispatch(): one dispatcher round (claim a batch and deliver it), one message at a time, in order."""
    made = []

    def run(quick_retries: int = 1) -> int:
        with app.app_context():
            dispatcher = build_dispatcher({**app.config, "DISPATCH_CONCURRENCY": 1})
            dispatcher.client.quick_retries = quick_retries
            made.append(dispatcher)
            return dispatcher.run_once()

    yield run
    for dispatcher in made:
        dispatcher.close()


def rows(outbox) -> dict[str, dict]:
    return {row["id"]: row for row in outbox()}


def at(value: str) -> datetime:
    return datetime.fromisoformat(value)


# -- who may call them ------------------------------------------------------------------------------


# (method, path, success status): every platform-wide view is the operators' (platform admins and the service
# token); a facilitator is studio staff, who see their studio's share at /api/studios/<slug>/delivery.
ENDPOINTS = [
    ("GET", "/api/crm/integration", 200),
    ("POST", "/api/crm/integration/test", 200),
    ("PATCH", "/api/crm/integration/retry-failed", 200),
    ("GET", "/api/notifications/pending", 200),
    ("GET", "/api/notifications/pending?status=dead", 200),
    ("GET", "/api/notifications/{id}/status", 200),
    ("POST", "/api/notifications/{id}/retry", 202),
]


@pytest.mark.parametrize("method, path, ok", ENDPOINTS, ids=[f"{m} {p}" for m, p, _ in ENDPOINTS])
def test_only_admins_and_the_service_token_get_in(
    app,
    client,
    make_user,
    client_for,
    admin_client,
    service_client,
    add_messages,
    outbox,
    assert_error,
    method,
    path,
    ok,
):
    [dead] = add_messages(1, status="dead", attempts=3, failure_kind="permanent", last_error="CRMHTTPError: 400")
    url = path.format(id=dead)
    before = outbox()
    facilitator = client_for(make_user(role="facilitator"))
    denied = [
        ("no token", client, 401, "unauthorized"),
        ("wrong bearer", bearer_client(app, "not-the-service-token"), 401, "invalid_token"),
        ("user", client_for(make_user()), 403, "forbidden"),
        ("facilitator", facilitator, 403, "forbidden"),
    ]
    for who, caller, status, code in denied:
        response = caller.open(url, method=method)
        assert response.status_code == status, who
        assert_error(response, status, code)
    assert outbox() == before  # nothing happened on their behalf
    for who, caller in [("admin", admin_client), ("service token", service_client)]:
        response = caller.open(url, method=method)
        assert response.status_code == ok, (who, response.get_json())
        assert response.is_json


def test_a_demoted_admin_loses_access_at_once(app, admin, admin_client):
    assert admin_client.get("/api/notifications/pending").status_code == 200
    with app.app_context(), unit_of_work():
        db.session.execute(sa.text("UPDATE users SET role = 'user' WHERE id = :id"), {"id": admin.id})
    assert admin_client.get("/api/notifications/pending").status_code == 403


# -- integration status -----------------------------------------------------------------------------


def test_integration_status_counts_what_the_dispatcher_did(app, admin_client, add_messages, dispatch, fake_crm, outbox):
    delivered, dead, retrying, waiting = add_messages(4)
    fake_crm.answer(200, 400, 503)  # the 503 stops the batch: `waiting` is released untouched
    before = utcnow()
    assert dispatch() == 4
    after = utcnow()
    state = rows(outbox)
    assert [state[i]["status"] for i in (delivered, dead, retrying, waiting)] == [
        "delivered",
        "dead",
        "pending",
        "pending",
    ]

    body = admin_client.get("/api/crm/integration").get_json()
    assert body["crm"] == {"base_url": fake_crm.url, "reachable": True, "signing": False}
    assert {k: v for k, v in body["outbox"].items() if k != "oldest_pending_at"} == {
        "pending": 2,
        "retrying": 1,
        "dead": 1,
        "delivered_last_hour": 1,
    }
    assert at(body["outbox"]["oldest_pending_at"]) == state[retrying]["created_at"]
    assert at(body["last_success_at"]) == state[delivered]["delivered_at"]
    last_error = body["last_error"]
    assert (last_error["message_id"], last_error["status_code"], last_error["error"]) == (
        retrying,
        503,
        "CRM answered 503",
    )
    assert before <= at(last_error["attempted_at"]) <= after
    assert body["configuration_error"] is False


def test_integration_status_of_an_empty_outbox(app, admin_client, fake_crm):
    body = admin_client.get("/api/crm/integration").get_json()
    empty = {
        "outbox": {"pending": 0, "retrying": 0, "dead": 0, "delivered_last_hour": 0, "oldest_pending_at": None},
        "last_success_at": None,
        "last_error": None,
        "configuration_error": False,
    }
    assert body == {
        "crm": {"base_url": fake_crm.url, "reachable": True, "signing": False},
        **empty,
        # No MAIL_URL: the development folder, always there to write to.
        "email": {"transport": f"files in {app.config['MAIL_FOLDER']}", "reachable": True, **empty},
        "sms": {"transport": f"files in {app.config['SMS_FOLDER']}", "reachable": True, **empty},
        # Meta's Cloud API: nothing listens where the tests point it.
        "whatsapp": {"transport": f"whatsapp cloud api {app.config['WHATSAPP_API_BASE']}", "reachable": False, **empty},
        "app": {"transport": "in-app notification centre (this database)", "reachable": True, **empty},
        # The built-in test provider: always there.
        "payments": {"provider": "test", "reachable": True, **empty},
        # Timed jobs run in this database: always there.
        "timers": {"transport": "timed jobs in this database", "reachable": True, **empty},
    }


def test_deliveries_older_than_an_hour_are_not_counted(app, admin_client, add_messages):
    add_messages(1, status="delivered", attempts=1, delivered_at=utcnow() - timedelta(minutes=61))
    add_messages(1, status="delivered", attempts=1, delivered_at=utcnow() - timedelta(minutes=59))
    assert admin_client.get("/api/crm/integration").get_json()["outbox"]["delivered_last_hour"] == 1


@pytest.mark.parametrize("status", [401, 403])
def test_configuration_error_after_the_crm_refuses_our_credentials(
    admin_client, add_messages, dispatch, fake_crm, status
):
    [message_id] = add_messages(1)
    fake_crm.answer(status)
    dispatch()
    body = admin_client.get("/api/crm/integration").get_json()
    assert body["configuration_error"] is True
    assert (body["last_error"]["message_id"], body["last_error"]["status_code"]) == (message_id, status)
    assert body["outbox"]["dead"] == 1


def test_configuration_error_is_the_latest_failure_even_with_retries_scheduled_later(
    admin_client, add_messages, dispatch, fake_crm
):
    add_messages(1)
    fake_crm.answer(503)
    dispatch()  # rescheduled 5 s from now
    [refused] = add_messages(1)
    fake_crm.answer(401)
    dispatch()  # the token changed since: this one is dead, and it is the latest failure
    body = admin_client.get("/api/crm/integration").get_json()
    assert body["last_error"]["message_id"] == refused
    assert body["configuration_error"] is True


def test_configuration_error_clears_once_retried_messages_are_delivered(admin_client, add_messages, dispatch, fake_crm):
    add_messages(1)
    fake_crm.answer(401)
    dispatch()
    assert admin_client.get("/api/crm/integration").get_json()["configuration_error"] is True
    assert admin_client.patch("/api/crm/integration/retry-failed").get_json() == {"requeued": 1}
    dispatch()
    assert admin_client.get("/api/crm/integration").get_json()["configuration_error"] is False


def test_integration_status_reports_signing(make_app, fake_crm):
    app = make_app(CRM_BASE_URL=fake_crm.url, CRM_SIGNING_SECRET="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    response = bearer_client(app, CRM_TOKEN).get("/api/crm/integration")
    assert response.get_json()["crm"]["signing"] is True


def test_integration_status_with_the_crm_down(make_app, dead_crm_url):
    app = make_app(CRM_BASE_URL=dead_crm_url)
    response = bearer_client(app, CRM_TOKEN).get("/api/crm/integration")
    assert response.status_code == 200
    assert response.get_json()["crm"] == {"base_url": dead_crm_url, "reachable": False, "signing": False}


def test_integration_status_when_health_fails(admin_client, fake_crm):
    fake_crm.health_status = 503
    assert admin_client.get("/api/crm/integration").get_json()["crm"]["reachable"] is False


# -- test notification ------------------------------------------------------------------------------


def test_integration_test_sends_a_typed_notification(admin_client, fake_crm, outbox):
    body = admin_client.post("/api/crm/integration/test").get_json()
    [request] = fake_crm.notifications
    sent = request.json()
    assert (sent["type"], sent["message"]) == ("integration_test", "Test notification from the main API")
    assert body == {
        "reachable": True,
        "delivered": True,
        "error": None,
        "response": {"status": "success", "notification_id": request.headers["Idempotency-Key"]},
    }
    assert outbox() == []  # sent directly, not through the outbox


def test_integration_test_against_a_dead_crm(make_app, dead_crm_url):
    app = make_app(CRM_BASE_URL=dead_crm_url)
    response = bearer_client(app, CRM_TOKEN).post("/api/crm/integration/test")
    assert response.status_code == 200
    assert response.get_json() == {
        "reachable": False,
        "delivered": False,
        "response": None,
        "error": f"CRMConnectionError: CRM unreachable at {dead_crm_url}: ConnectionError",
    }


def test_integration_test_reports_a_rejection(admin_client, fake_crm):
    fake_crm.answer(401)
    body = admin_client.post("/api/crm/integration/test").get_json()
    assert (body["reachable"], body["delivered"], body["response"]) == (True, False, None)
    assert body["error"].startswith("CRMAuthError: CRM rejected our credentials (401)")


@pytest.mark.parametrize("caller", ["admin", "service token"])
def test_integration_test_is_accepted_by_the_real_crm(make_app, real_crm, make_user, token_for, caller):
    crm = real_crm()
    app = make_app(CRM_BASE_URL=crm.url)  # the same database as the `app` fixture's, where make_user writes
    make_user()
    first_admin, second_admin = make_user(role=ROLE_ADMIN), make_user(role=ROLE_ADMIN)
    if caller == "admin":
        admin, http = second_admin, bearer_client(app, token_for(second_admin))
    else:
        admin, http = first_admin, bearer_client(app, CRM_TOKEN)
    body = http.post("/api/crm/integration/test").get_json()
    assert (body["delivered"], body["error"]) == (True, None), body
    assert body["response"]["status"] == "stored"
    [stored] = crm.stored()
    assert (stored["type"], stored["source_format"], stored["user_id"]) == ("integration_test", "typed", admin.id)


# -- retry-failed -----------------------------------------------------------------------------------


def test_retry_failed_requeues_every_dead_message(admin_client, add_messages, outbox):
    later = utcnow() + timedelta(hours=3)
    dead = add_messages(
        3,
        status="dead",
        attempts=4,
        next_attempt_at=later,
        failure_kind="permanent",
        last_error="CRMHTTPError: CRM answered 400",
    )
    [delivered] = add_messages(1, status="delivered", attempts=1, delivered_at=utcnow())
    [waiting] = add_messages(1, attempts=2, next_attempt_at=later)
    before = rows(outbox)
    response = admin_client.patch("/api/crm/integration/retry-failed")
    assert (response.status_code, response.get_json()) == (200, {"requeued": 3})
    after = rows(outbox)
    for message_id in dead:
        row = after[message_id]
        assert (row["status"], row["attempts"], row["claimed_by"], row["lease_until"]) == ("pending", 0, None, None)
        assert utcnow() - timedelta(seconds=30) < row["next_attempt_at"] <= utcnow()
    assert after[delivered] == before[delivered]
    assert after[waiting] == before[waiting]
    assert admin_client.patch("/api/crm/integration/retry-failed").get_json() == {"requeued": 0}


# -- listing ----------------------------------------------------------------------------------------


def test_pending_lists_oldest_first_with_pages(admin_client, add_messages):
    ids = add_messages(5)
    add_messages(1, status="dead", attempts=1)
    body = admin_client.get("/api/notifications/pending?per_page=2&page=2").get_json()
    assert (body["page"], body["per_page"], body["total"], body["pages"]) == (2, 2, 5, 3)
    assert [item["id"] for item in body["items"]] == ids[2:4]
    assert set(body["items"][0]) == DETAIL_FIELDS - {"payload", "attempt_log"}
    last = admin_client.get("/api/notifications/pending?per_page=2&page=3").get_json()
    assert [item["id"] for item in last["items"]] == ids[4:]
    assert admin_client.get("/api/notifications/pending?page=9").get_json()["items"] == []


def test_pending_filters_by_status(admin_client, add_messages):
    [pending] = add_messages(1)
    dead = add_messages(2, status="dead", attempts=1, failure_kind="permanent")
    [delivered] = add_messages(1, status="delivered", attempts=1, delivered_at=utcnow())
    listed = {
        status: [
            item["id"] for item in admin_client.get(f"/api/notifications/pending?status={status}").get_json()["items"]
        ]
        for status in ("pending", "dead", "delivered")
    }
    assert listed == {"pending": [pending], "dead": dead, "delivered": [delivered]}
    assert [i["id"] for i in admin_client.get("/api/notifications/pending").get_json()["items"]] == [pending]


def test_pending_rejects_bad_queries(admin_client, assert_error):
    for query, field in [
        ("status=failed", "status"),
        ("status=", "status"),
        ("status=DEAD", "status"),
        ("page=0", "page"),
        ("page=x", "page"),
        ("per_page=0", "per_page"),
        ("per_page=101", "per_page"),
    ]:
        assert_error(admin_client.get(f"/api/notifications/pending?{query}"), 400, "validation_error", field)


# -- one message ------------------------------------------------------------------------------------


def test_status_of_one_message_has_its_payload_and_attempt_log(
    app, admin_client, add_messages, dispatch, fake_crm, outbox
):
    [message_id] = add_messages(1)
    fake_crm.answer(503, 201)
    dispatch(quick_retries=2)
    response = admin_client.get(f"/api/notifications/{message_id}/status")
    assert response.status_code == 200
    body = response.get_json()
    row = rows(outbox)[message_id]
    assert set(body) == DETAIL_FIELDS
    assert (body["id"], body["type"], body["status"], body["attempts"]) == (
        message_id,
        "booking_created",
        "delivered",
        1,
    )
    assert body["payload"] == row["payload"] == fake_crm.notifications[0].json()
    assert at(body["delivered_at"]) == row["delivered_at"]
    log = body["attempt_log"]
    assert [(a["status_code"], a["error"]) for a in log] == [(503, "CRM answered 503"), (201, None)]
    assert log[0]["response_excerpt"] == '{"error": "scripted"}'
    assert log[1]["response_excerpt"] == f'{{"status": "success", "notification_id": "{message_id}"}}'
    assert len({a["worker_id"] for a in log}) == 1
    assert all(a["latency_ms"] > 0 for a in log)
    assert at(log[0]["attempted_at"]) <= at(log[1]["attempted_at"])


def test_status_of_a_message_never_tried(admin_client, add_messages):
    [message_id] = add_messages(1)
    body = admin_client.get(f"/api/notifications/{message_id}/status").get_json()
    assert (body["status"], body["attempts"], body["attempt_log"], body["failure_kind"]) == ("pending", 0, [], None)


def test_unknown_message_is_404(admin_client, assert_error):
    assert_error(admin_client.get(f"/api/notifications/{UNKNOWN_ID}/status"), 404, "notification_not_found")
    assert_error(admin_client.post(f"/api/notifications/{UNKNOWN_ID}/retry"), 404, "notification_not_found")


def test_malformed_message_id_is_a_json_404(admin_client, assert_error):
    for bad_id in ["xyz", UNKNOWN_ID.upper(), UNKNOWN_ID[:-1], UNKNOWN_ID + "0", "1", UNKNOWN_ID[:-1] + "g"]:
        assert_error(admin_client.get(f"/api/notifications/{bad_id}/status"), 404, "not_found")
        assert_error(admin_client.post(f"/api/notifications/{bad_id}/retry"), 404, "not_found")


def test_retry_a_dead_message(admin_client, add_messages, outbox):
    [message_id] = add_messages(
        1,
        status="dead",
        attempts=6,
        next_attempt_at=utcnow() - timedelta(days=2),
        failure_kind="permanent",
        last_error="CRMHTTPError: CRM answered 400",
    )
    response = admin_client.post(f"/api/notifications/{message_id}/retry")
    assert response.status_code == 202
    body = response.get_json()
    assert (body["id"], body["status"], body["attempts"]) == (message_id, "pending", 0)
    row = rows(outbox)[message_id]
    assert (row["status"], row["attempts"]) == ("pending", 0)
    assert utcnow() - timedelta(seconds=30) < row["next_attempt_at"] <= utcnow()


def test_retry_a_waiting_message_makes_it_due_now_and_keeps_its_count(admin_client, add_messages, outbox):
    [message_id] = add_messages(1, attempts=2, next_attempt_at=utcnow() + timedelta(hours=1))
    assert admin_client.post(f"/api/notifications/{message_id}/retry").status_code == 202
    row = rows(outbox)[message_id]
    assert (row["status"], row["attempts"]) == ("pending", 2)
    assert row["next_attempt_at"] <= utcnow()


def test_retry_a_delivered_message_is_a_conflict(admin_client, add_messages, outbox, assert_error):
    [message_id] = add_messages(1, status="delivered", attempts=1, delivered_at=utcnow())
    before = outbox()
    assert_error(admin_client.post(f"/api/notifications/{message_id}/retry"), 409, "already_delivered")
    assert outbox() == before


# -- the whole flow ---------------------------------------------------------------------------------


def test_a_rejected_message_is_found_retried_and_delivered(
    app, user_client, make_session, admin_client, dispatch, fake_crm, outbox
):
    session = make_session()
    booking = user_client.post("/book", json={"session_id": session.id}).get_json()
    fake_crm.queue(400, body={"error": {"code": "validation_error", "message": "facilitator_id is unknown"}})
    dispatch()
    [message] = outbox()
    assert (message["status"], message["failure_kind"]) == ("dead", "permanent")

    dead = admin_client.get("/api/notifications/pending?status=dead").get_json()
    assert [(i["id"], i["type"], i["failure_kind"]) for i in dead["items"]] == [
        (message["id"], "booking_created", "permanent")
    ]
    assert (
        "facilitator_id is unknown"
        in admin_client.get(f"/api/notifications/{message['id']}/status").get_json()["attempt_log"][0][
            "response_excerpt"
        ]
    )

    assert admin_client.post(f"/api/notifications/{message['id']}/retry").status_code == 202
    fake_crm.queue(201)
    assert dispatch() == 1
    [message] = outbox()
    assert (message["status"], message["attempts"], message["failure_kind"], message["last_error"]) == (
        "delivered",
        1,
        None,
        None,
    )
    first, second = fake_crm.notifications
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"] == message["id"]
    assert first.body == second.body
    assert second.json()["booking_id"] == booking["id"]
    detail = admin_client.get(f"/api/notifications/{message['id']}/status").get_json()
    assert [a["status_code"] for a in detail["attempt_log"]] == [400, 201]
    assert admin_client.get("/api/notifications/pending?status=dead").get_json()["total"] == 0

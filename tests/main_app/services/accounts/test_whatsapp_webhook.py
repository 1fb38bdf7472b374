"""/whatsapp/webhook[/<slug>]: Meta's handshake with the number's verify token; POSTs signed with the number's app
secret over the raw body, naming that number alone; statuses kept in our message's attempt log, people's messages
taken (STOP in Hindi), each applied once however often Meta delivers it; hostile bodies a 4xx in our shape."""

import json
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
import whatsapp_shapes as wa
from cryptography.fernet import Fernet
from probes import count_statements
from werkzeug.serving import make_server

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import CHANNEL_WHATSAPP, DeliveryAttempt, OutboxMessage, WhatsappWebhook, WhatsappWindow, utcnow
from main_app.services import chats
from main_app.services.accounts import WHATSAPP_REPLY, WHATSAPP_WEBHOOK_RETENTION
from main_app.services.accounts.whatsapp_webhook import forget_old_webhooks, reply_row

INSTALL, STUDIO = wa.STUDIO_A, wa.STUDIO_B  # the install's number, and one studio's own
PATH = chats.WEBHOOK_PATH
PERSON = "919812345678"  # as WhatsApp writes a number: digits, no +
SETTINGS = {
    "WHATSAPP_KEYS_KEY": Fernet.generate_key().decode(),
    "WHATSAPP_PHONE_NUMBER_ID": INSTALL.phone_number_id,
    "WHATSAPP_BUSINESS_ACCOUNT_ID": INSTALL.waba_id,
    "WHATSAPP_ACCESS_TOKEN": INSTALL.access_token,
    "WHATSAPP_APP_SECRET": INSTALL.app_secret,
    "WHATSAPP_VERIFY_TOKEN": INSTALL.verify_token,
}
NOW = int(utcnow().timestamp())


@pytest.fixture
def app(make_app):
    return make_app(**SETTINGS)


@pytest.fixture
def studio_slug(app, make_user, client_for):
    """A studio made by its owner, with STUDIO's number as its own."""
    owner = make_user(name="Lotus owner")
    body = {"name": "Lotus Yoga", "timezone": "Asia/Kolkata", "currency": "INR", "country": "IN"}
    made = client_for(owner).post("/api/studios", json=body).get_json()
    fields = {"phone_number_id": STUDIO.phone_number_id, "business_account_id": STUDIO.waba_id}
    fields |= {
        "access_token": STUDIO.access_token,
        "app_secret": STUDIO.app_secret,
        "verify_token": STUDIO.verify_token,
    }
    with app.app_context(), unit_of_work():
        chats.set_connection(made["id"], fields, app.config)
    return made["slug"]


def post(client, body: bytes, secret: str = INSTALL.app_secret, path: str = PATH, headers: dict | None = None):
    return client.post(path, data=body, headers=headers or wa.webhook_headers(body, secret))


def message(text: str, wamid: str = "wamid.one", number=INSTALL, sent: int = NOW - 600) -> bytes:
    return wa.inbound_webhook(number, PERSON, "Asha", wamid, sent, text)


def status(outbox_id: str | None, state: str, wamid: str = "wamid.out", **extra) -> bytes:
    entry = wa.status_entry(wamid, PERSON, state, NOW, biz_opaque_callback_data=outbox_id, **extra)
    return wa.status_webhook(INSTALL, entry)


def handshake(client, token: str, path: str = PATH, mode: str = "subscribe"):
    return client.get(path, query_string={"hub.mode": mode, "hub.verify_token": token, "hub.challenge": "1158201444"})


def nothing_applied(app) -> bool:
    with app.app_context():
        tables = (WhatsappWebhook, WhatsappWindow, DeliveryAttempt, OutboxMessage)
        return all(db.session.scalar(sa.select(sa.func.count()).select_from(table)) == 0 for table in tables)


def whatsapp_rows(app) -> list[OutboxMessage]:
    with app.app_context():
        return list(db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.channel == CHANNEL_WHATSAPP)))


def test_the_handshake_echoes_the_challenge_for_the_numbers_own_verify_token_alone(client, studio_slug, assert_error):
    answer = handshake(client, INSTALL.verify_token)
    assert (answer.status_code, answer.mimetype, answer.get_data(as_text=True)) == (200, "text/plain", "1158201444")
    assert handshake(client, STUDIO.verify_token, f"{PATH}/{studio_slug}").get_data(as_text=True) == "1158201444"
    for token, path, mode in (
        ("not-the-token", PATH, "subscribe"),
        (INSTALL.verify_token, PATH, "unsubscribe"),
        (STUDIO.verify_token, PATH, "subscribe"),  # a studio's token never answers for the install's number
        (INSTALL.verify_token, f"{PATH}/{studio_slug}", "subscribe"),  # nor the install's for a studio's
        (INSTALL.verify_token, f"{PATH}/no-such-studio", "subscribe"),
    ):
        assert_error(handshake(client, token, path, mode), 403, "invalid_verify_token")


def test_a_studios_number_whose_secrets_cannot_be_opened_is_a_503_not_a_500(app, client, studio_slug, assert_error):
    app.config["WHATSAPP_KEYS_KEY"] = Fernet.generate_key().decode()  # the key that sealed them is gone
    body = message("hello", number=STUDIO)
    assert_error(post(client, body, STUDIO.app_secret, f"{PATH}/{studio_slug}"), 503, "whatsapp_secrets_lost")
    assert_error(handshake(client, STUDIO.verify_token, f"{PATH}/{studio_slug}"), 503, "whatsapp_secrets_lost")
    assert nothing_applied(app)


def test_without_a_number_of_its_own_no_verify_token_opens_the_handshake(make_app, assert_error):
    client = make_app().test_client()  # no WHATSAPP_* settings: the install has no number, so no token at all
    assert_error(handshake(client, ""), 403, "invalid_verify_token")
    assert_error(post(client, message("hi"), ""), 403, "invalid_signature")


def test_a_missing_forged_or_tampered_signature_is_refused_before_anything_is_read(app, client, assert_error):
    body = message("रोकें")
    for headers in (
        {"Content-Type": "application/json"},
        wa.webhook_headers(body, STUDIO.app_secret),  # another number's secret
        {"X-Hub-Signature-256": wa.signature(body, INSTALL.app_secret).upper()},
        {"X-Hub-Signature-256": wa.signature(body, INSTALL.app_secret)[7:]},  # no sha256=
    ):
        assert_error(post(client, body, headers=headers), 403, "invalid_signature")
    tampered = body.replace(PERSON.encode(), b"919800000000")
    assert_error(post(client, tampered, headers=wa.webhook_headers(body, INSTALL.app_secret)), 403, "invalid_signature")
    assert_error(post(client, b"not json", headers={"Content-Type": "text/plain"}), 403, "invalid_signature")
    assert nothing_applied(app)


def test_a_body_naming_another_number_is_refused_whole_and_nothing_is_applied(app, client, studio_slug, assert_error):
    theirs = message("रोकें", number=STUDIO)
    assert_error(post(client, theirs, INSTALL.app_secret), 403, "forbidden")  # the install's secret, STUDIO's number
    assert_error(post(client, message("रोकें"), STUDIO.app_secret, f"{PATH}/{studio_slug}"), 403, "forbidden")
    assert_error(post(client, theirs, INSTALL.app_secret, f"{PATH}/{studio_slug}"), 403, "invalid_signature")
    assert nothing_applied(app)
    answer = post(client, theirs, STUDIO.app_secret, f"{PATH}/{studio_slug}")
    assert answer.status_code == 200 and answer.get_json()["applied"] == 1
    with app.app_context():
        assert chats.stopped(f"+{PERSON}") and chats.window_open(f"+{PERSON}", STUDIO.phone_number_id)


def test_stop_in_hindi_stops_the_number_once_and_queues_its_confirmation_once(app, client):
    body = message("रोकें")
    answer = post(client, body)
    assert answer.status_code == 200 and answer.get_json() == {"applied": 1, "duplicate": 0, "ignored": 0}
    with app.app_context():
        assert chats.stopped(f"+{PERSON}")
    [reply] = whatsapp_rows(app)
    assert reply.type == WHATSAPP_REPLY and set(reply.payload) == {"kind", "to", "text", "business_number_id"}
    assert (reply.payload["kind"], reply.payload["to"], reply.payload["business_number_id"]) == (
        WHATSAPP_REPLY, f"+{PERSON}", INSTALL.phone_number_id,
    )  # fmt: skip
    assert any("\u0900" <= letter <= "\u097f" for letter in reply.payload["text"])  # said in Hindi, as it was asked
    replayed = post(client, body)  # Meta delivers the same webhook again
    assert replayed.status_code == 200 and replayed.get_json() == {"applied": 0, "duplicate": 1, "ignored": 0}
    assert len(whatsapp_rows(app)) == 1


def test_a_message_from_a_stopped_number_opens_its_window_and_sends_nothing_back(app, client):
    post(client, message("STOP", "wamid.stop"))
    with app.app_context():
        before = chats.window_closes_at(f"+{PERSON}", INSTALL.phone_number_id)
    later = message("what time is class tomorrow?", "wamid.later", sent=NOW - 540)
    assert post(client, later).get_json()["applied"] == 1
    with app.app_context():
        assert chats.stopped(f"+{PERSON}")
        assert chats.window_closes_at(f"+{PERSON}", INSTALL.phone_number_id) == before + timedelta(seconds=60)
    assert len(whatsapp_rows(app)) == 1  # the STOP's confirmation alone


def queued_reply(app) -> str:
    with app.app_context(), unit_of_work():
        row = OutboxMessage(**reply_row(f"+{PERSON}", INSTALL.phone_number_id, "ok"))
        db.session.add(row)
        db.session.flush()
        return row.id


def attempts(app, outbox_id: str) -> list[tuple]:
    with app.app_context():
        rows = db.session.scalars(sa.select(DeliveryAttempt).where(DeliveryAttempt.message_id == outbox_id))
        return [(row.worker_id, row.response_excerpt, row.error) for row in rows]


def test_statuses_go_to_our_messages_attempt_log_once_and_a_failure_keeps_metas_code_and_title(app, client):
    outbox_id = queued_reply(app)
    for state in ("sent", "delivered", "read"):
        assert post(client, status(outbox_id, state)).get_json()["applied"] == 1
    assert post(client, status(outbox_id, "delivered")).get_json()["duplicate"] == 1
    failed = status(outbox_id, "failed", "wamid.two", errors=[wa.delivery_error(wa.REENGAGEMENT)])
    assert post(client, failed).get_json()["applied"] == 1
    assert attempts(app, outbox_id) == [
        ("whatsapp-status", "WhatsApp says: sent", None),
        ("whatsapp-status", "WhatsApp says: delivered", None),
        ("whatsapp-status", "WhatsApp says: read", None),
        (
            "whatsapp-status",
            "WhatsApp says: failed; no fallback: not news (a reply, an answer or marketing)",
            "WhatsApp says: failed (error 131047: Re-engagement message)",
        ),
    ]
    assert "24 hours" not in str(attempts(app, outbox_id))  # Meta's details are not kept, only its code and title


def test_a_status_of_a_message_not_ours_is_acknowledged_and_ignored(app, client):
    for body in (status(None, "delivered"), status("0" * 32, "delivered"), status(queued_reply(app), "deleted")):
        answer = post(client, body)
        assert answer.status_code == 200 and answer.get_json() == {"applied": 0, "duplicate": 0, "ignored": 1}
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(DeliveryAttempt)) == 0


def test_a_status_of_our_message_through_another_number_is_not_this_numbers_to_report(app, client):
    with app.app_context(), unit_of_work():
        row = OutboxMessage(**reply_row(f"+{PERSON}", STUDIO.phone_number_id, "ok"))
        db.session.add(row)
        db.session.flush()
        outbox_id = row.id
    assert post(client, status(outbox_id, "delivered")).get_json() == {"applied": 0, "duplicate": 0, "ignored": 1}
    assert attempts(app, outbox_id) == []


def test_a_batch_of_statuses_larger_than_other_bodies_is_taken(app, client):
    document = json.loads(status(queued_reply(app), "delivered"))
    value = document["entry"][0]["changes"][0]["value"]
    value["statuses"] = [value["statuses"][0] | {"id": f"wamid.{n:04}"} for n in range(600)]
    body = json.dumps(document, separators=(",", ":")).encode()
    assert len(body) > app.config["MAX_CONTENT_LENGTH"]
    assert post(client, body).get_json() == {"applied": 600, "duplicate": 0, "ignored": 0}


def batch_of(app, many: int) -> bytes:
    """A webhook with sent and delivered of many messages of ours, as Meta batches them under load."""
    document = json.loads(status(None, "sent"))
    value = document["entry"][0]["changes"][0]["value"]
    ids = [queued_reply(app) for _ in range(many)]
    value["statuses"] = [
        value["statuses"][0] | {"id": f"wamid.{outbox_id}", "status": state, "biz_opaque_callback_data": outbox_id}
        for outbox_id in ids
        for state in ("sent", "delivered")
    ]
    return json.dumps(document, separators=(",", ":")).encode()


def test_a_webhooks_statuses_take_the_same_statements_and_one_commit_however_many(app, client):
    post(client, batch_of(app, 1))  # the first request's set-up (and the prune of old notes) out of the count
    counted = []
    for many in (2, 20):
        body = batch_of(app, many)
        with app.app_context():
            answer, statements = count_statements(db.engine, lambda body=body: post(client, body))
        assert answer.get_json() == {"applied": 2 * many, "duplicate": 0, "ignored": 0}
        counted.append(statements)
    assert counted[0] == counted[1], counted


def test_what_was_applied_is_forgotten_after_the_retention(app, client):
    post(client, message("hello"))
    with app.app_context():
        with unit_of_work():
            db.session.execute(sa.update(WhatsappWebhook).values(received_at=utcnow() - WHATSAPP_WEBHOOK_RETENTION))
        forget_old_webhooks()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(WhatsappWebhook)) == 0


DEEP = b"[" * 10_000 + b"]" * 10_000


@pytest.mark.parametrize(
    "body, code",
    [
        (b"", "invalid_json"),
        (b"not json", "invalid_json"),
        (b"\xff\xfe", "invalid_json"),
        (DEEP, "invalid_json"),
        (b'{"object": "whatsapp_business_account", "entry": ' + b'{"a": ' * 40 + b"1}" + b"}" * 40, "invalid_json"),
        (b"[]", "invalid_webhook"),
        (b'"whatsapp_business_account"', "invalid_webhook"),
        (b'{"object": 5, "entry": []}', "invalid_webhook"),
        (b'{"object": "whatsapp_business_account", "entry": "x"}', "invalid_webhook"),
        (b'{"object": "whatsapp_business_account", "entry": [{"changes": [{"value": {"statuses": [1]}}]}]}',
         "invalid_webhook"),
        (b'{"object": "whatsapp_business_account", "entry": [{"changes": [{"value": {"metadata": {"phone_number_id": '
         b'"106540352242922"}, "messages": [{"id": "w", "from": "9198", "type": "text", "timestamp": "-5"}]}}]}]}',
         "invalid_webhook"),
        (b'{"object": "whatsapp_business_account", "entry": [{"changes": [{"value": {"metadata": {"phone_number_id": '
         b'"106540352242922"}, "messages": [{"id": "w", "from": "9198", "type": "text", "timestamp": "1e400"}]}}]}]}',
         "invalid_webhook"),
        (b'{"object": "whatsapp_business_account", "entry": [{"changes": [{"value": {"metadata": {"phone_number_id": '
         b'"106540352242922"}, "messages": [{"id": "w", "from": "9198", "type": "text", '
         b'"text": {"body": "a\\u0000"}}]}}]}]}',
         "validation_error"),
    ],
)  # fmt: skip
def test_a_signed_hostile_body_is_a_4xx_in_our_shape_and_nothing_is_applied(app, client, assert_error, body, code):
    assert_error(post(client, body), 400, code)
    assert nothing_applied(app)


def test_a_sender_that_is_no_number_and_changes_of_other_fields_are_ignored(app, client):
    odd = wa.inbound_webhook(INSTALL, "not-a-number", "Asha", "wamid.odd", NOW, "STOP")
    assert post(client, odd).get_json() == {"applied": 0, "duplicate": 0, "ignored": 1}
    other = (
        b'{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"account_update","value":{}}]}]}'
    )
    assert post(client, other).get_json() == {"applied": 0, "duplicate": 0, "ignored": 0}


@pytest.fixture
def served(app):
    """The app on a free port of 127.0.0.1, as Meta would reach it."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}"
    server.shutdown()
    server.server_close()


def test_the_stand_in_subscribes_and_its_signed_webhooks_are_taken(app, served, whatsapp_api):
    whatsapp_api.set_webhook(INSTALL.phone_number_id, served + PATH)
    assert whatsapp_api.verify(INSTALL.phone_number_id) and not whatsapp_api.verify(INSTALL.phone_number_id, "wrong")
    whatsapp_api.reply(INSTALL.phone_number_id, f"+{PERSON}", "बंद करो")
    assert whatsapp_api.wait_for_webhooks()
    assert [hook.answer for hook in whatsapp_api.webhooks] == [200]
    with app.app_context():
        assert chats.stopped(f"+{PERSON}")
    assert [row.type for row in whatsapp_rows(app)] == [WHATSAPP_REPLY]

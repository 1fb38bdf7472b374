"""Texts through Twilio: the official `twilio` library against a fake of the one Messages API call we make, on
127.0.0.1 (TWILIO_API_BASE points at it), driven by the dispatcher's SMS lane."""

import base64
import json
from datetime import timedelta
from urllib.parse import parse_qs

import pytest
from main_fake_crm import ServedApp
from sqlalchemy import select
from twilio.request_validator import RequestValidator
from werkzeug.wrappers import Request, Response

from main_app.config import load_config
from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import DeliveryAttempt, OutboxMessage, User, utcnow
from main_app.services.texts.lane import TextDelivery
from main_app.services.texts.outbox import wants_texts

SID, TOKEN, FROM = "AC" + "0" * 32, "twilio-auth-token-for-tests-only", "+15005550006"
DAY = timedelta(days=1)


class FakeTwilio:
    """POST /2010-04-01/Accounts/<sid>/Messages.json: answers from a queue of statuses (201 when empty)."""

    def __init__(self):
        self.requests: list[dict] = []
        self.answers: list[int] = []
        self.served = ServedApp(self.wsgi)
        self.url = self.served.url

    def wsgi(self, environ, start_response):
        request = Request(environ)
        login, _, password = base64.b64decode(request.headers["Authorization"].split()[1]).decode().partition(":")
        form = {key: values[0] for key, values in parse_qs(request.get_data(as_text=True)).items()}
        self.requests.append({"path": request.path, "login": (login, password), "form": form})
        status = self.answers.pop(0) if self.answers else 201
        if request.path != f"/2010-04-01/Accounts/{SID}/Messages.json" or request.method != "POST":
            status = 404
        body = (
            {"sid": f"SM{len(self.requests):032d}", "status": "queued", "to": form.get("To"), "body": form.get("Body")}
            if status == 201
            else {
                "code": {429: 20429, 401: 20003, 400: 21211}.get(status, 20500),
                "message": f"fake {status}",
                "status": status,
            }
        )
        return Response(json.dumps(body), status=status, content_type="application/json")(environ, start_response)


@pytest.fixture
def twilio():
    fake = FakeTwilio()
    yield fake
    fake.served.stop()


@pytest.fixture
def app(make_app, twilio):
    return make_app(
        SMS_PROVIDER="twilio",
        TWILIO_ACCOUNT_SID=SID,
        TWILIO_AUTH_TOKEN=TOKEN,
        TWILIO_FROM=FROM,
        TWILIO_API_BASE=twilio.url,
        SMS_QUICK_RETRIES=2,
        SMS_RETRY_SCHEDULE=[30.0, 60.0],
    )


def queue_reminder(app, user_client, make_session, verify_phone) -> str:
    """A booking whose 2-hour reminder is due now, the one text queued: its number was proved after booking, so the
    booking's confirmation went by email alone (proving it wrote the reminder); its outbox id."""
    assert user_client.post("/book", json={"session_id": make_session(starts_in=DAY).id}).status_code == 201
    verify_phone(user_client, "+91 98123 45678")
    with app.app_context(), unit_of_work():
        message = db.session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "sms")).one()
        assert message.type == "reminder_2h"
        message.next_attempt_at = utcnow()
        return message.id


def state(app, message_id: str) -> tuple:
    with app.app_context():
        message = db.session.get(OutboxMessage, message_id)
        attempts = db.session.scalars(
            select(DeliveryAttempt.status_code).where(DeliveryAttempt.message_id == message_id)
        )
        return message.status, list(attempts), message.last_error


def test_a_reminder_goes_through_twilios_messages_api_once(
    app, user_client, make_session, verify_phone, twilio, sms_lane
):
    message_id = queue_reminder(app, user_client, make_session, verify_phone)
    sms_lane()
    sms_lane()
    [sent] = twilio.requests
    assert sent["login"] == (SID, TOKEN)
    assert sent["form"]["To"] == "+919812345678" and sent["form"]["From"] == FROM
    assert sent["form"]["Body"].startswith("Dr. Test Facilitator: Reminder: ")
    status, attempts, _ = state(app, message_id)
    assert (status, attempts) == ("delivered", [202])


@pytest.mark.parametrize("answer", [429, 500, 503])
def test_a_busy_or_failing_twilio_is_tried_again_and_then_the_text_goes(
    app, user_client, make_session, verify_phone, twilio, sms_lane, answer
):
    message_id = queue_reminder(app, user_client, make_session, verify_phone)
    twilio.answers = [answer, answer]  # both quick tries
    sms_lane()
    status, attempts, error = state(app, message_id)
    assert (status, attempts) == ("pending", [answer, answer]) and f"Twilio answered {answer}" in error
    assert "+919812345678" not in error  # numbers stay out of what operators and logs see
    with app.app_context(), unit_of_work():
        db.session.get(OutboxMessage, message_id).next_attempt_at = utcnow()
    sms_lane()
    assert state(app, message_id)[:2] == ("delivered", [answer, answer, 202])
    assert len(twilio.requests) == 3


@pytest.mark.parametrize("answer, kind", [(400, "permanent"), (401, "configuration")])
def test_a_refused_text_is_dead_at_once(app, user_client, make_session, verify_phone, twilio, sms_lane, answer, kind):
    message_id = queue_reminder(app, user_client, make_session, verify_phone)
    twilio.answers = [answer]
    sms_lane()
    status, attempts, _ = state(app, message_id)
    assert (status, attempts) == ("dead", [answer])
    with app.app_context():
        assert db.session.get(OutboxMessage, message_id).failure_kind == kind
    assert len(twilio.requests) == 1


def test_twilio_unreachable_leaves_the_text_waiting(make_app, user_client, make_session, verify_phone):
    app = make_app(
        SMS_PROVIDER="twilio",
        TWILIO_ACCOUNT_SID=SID,
        TWILIO_AUTH_TOKEN=TOKEN,
        TWILIO_FROM=FROM,
        TWILIO_API_BASE="http://127.0.0.1:9",  # discard: nothing listens
        SMS_QUICK_RETRIES=1,
    )
    message_id = queue_reminder(app, user_client, make_session, verify_phone)
    with app.app_context():
        lane = build_dispatcher(app.config, channel="sms")
        lane.run_once()
        lane.close()
    status, attempts, error = state(app, message_id)
    assert status == "pending" and attempts == [None] and "unreachable" in error


def test_twilio_needs_its_settings():
    with pytest.raises(RuntimeError, match="TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM"):
        load_config({"SMS_PROVIDER": "twilio"})
    with pytest.raises(RuntimeError, match="SMS_PROVIDER must be 'file' or 'twilio'"):
        load_config({"SMS_PROVIDER": "carrier-pigeon"})


# -- what Twilio sends back: replies and statuses, signed ------------------------------------------------------


def signed_post(app, client, path: str, form: dict, *, token: str = TOKEN):
    """POST form to path as Twilio does: X-Twilio-Signature over the public address and the form, by the library."""
    url = app.config["PUBLIC_API_URL"] + path
    signature = RequestValidator(token).compute_signature(url, form)
    return client.post(path, data=form, headers={"X-Twilio-Signature": signature})


def texts_on(app, user_id: int) -> bool:
    """Whether texts reach the account: on, at a proved number that has not replied STOP."""
    with app.app_context():
        return wants_texts(db.session.get(User, user_id))


def test_stop_ends_texts_at_once_is_confirmed_once_and_start_brings_them_back(
    app, client, user_client, user, make_session, verify_phone, sms_lane, twilio
):
    message_id = queue_reminder(app, user_client, make_session, verify_phone)
    stop = signed_post(app, client, "/sms/twilio/inbound", {"From": "+919812345678", "Body": " stop "})
    assert stop.status_code == 200 and stop.mimetype == "text/xml"
    assert "<Message>You will get no more texts" in stop.get_data(as_text=True)
    assert texts_on(app, user.id) is False
    again = signed_post(app, client, "/sms/twilio/inbound", {"From": "+919812345678", "Body": "STOP"})
    assert again.get_data(as_text=True).endswith("<Response></Response>")  # confirmed once
    with app.app_context():
        assert db.session.get(OutboxMessage, message_id) is None  # the queued reminder went with it
    sms_lane()
    assert twilio.requests == []

    start = signed_post(app, client, "/sms/twilio/inbound", {"From": "+919812345678", "Body": "Start"})
    assert "<Message>Texts from Sessions &amp; Retreats are on again" in start.get_data(as_text=True)
    assert texts_on(app, user.id) is True
    with app.app_context():
        assert db.session.scalar(select(OutboxMessage.type).where(OutboxMessage.channel == "sms")) == "reminder_2h"
    chatter = signed_post(app, client, "/sms/twilio/inbound", {"From": "+919812345678", "Body": "thanks!"})
    assert chatter.get_data(as_text=True).endswith("<Response></Response>") and texts_on(app, user.id) is True


def sms_rows_of(app, user_id: int) -> list[str]:
    with app.app_context():
        rows = db.session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "sms")).all()
        return [row.type for row in rows if row.payload["snapshot"]["to"]["user_id"] == user_id]


def test_a_number_that_replied_stop_gets_no_texts_through_another_account(
    app, client, user_client, client_for, make_user, make_session, assert_error
):
    assert user_client.patch("/auth/me", json={"phone": "+919812345678", "sms_enabled": True}).status_code == 200
    assert (
        "<Message>" in signed_post(app, client, "/sms/twilio/inbound", {"From": "+919812345678", "Body": "STOP"}).text
    )
    other = make_user()
    other_client = client_for(other)
    assert other_client.patch("/auth/me", json={"phone": "98123 45678", "sms_enabled": True}).status_code == 200
    assert other_client.post("/book", json={"session_id": make_session(starts_in=DAY).id}).status_code == 201
    assert sms_rows_of(app, other.id) == []
    assert_error(other_client.post("/auth/me/phone/code"), 409, "number_opted_out")


def test_start_does_not_turn_texts_on_for_an_account_that_never_asked(app, client, user_client, user):
    assert user_client.patch("/auth/me", json={"phone": "+919812345678"}).status_code == 200
    signed_post(app, client, "/sms/twilio/inbound", {"From": "+919812345678", "Body": "STOP"})
    signed_post(app, client, "/sms/twilio/inbound", {"From": "+919812345678", "Body": "START"})
    assert user_client.get("/auth/me").get_json()["sms_enabled"] is False


@pytest.mark.parametrize(
    "forge",
    ["no signature", "another token", "another number", "another path"],
)
def test_a_reply_not_signed_by_twilio_is_refused_and_changes_nothing(
    app, client, user_client, user, make_session, verify_phone, assert_error, forge
):
    queue_reminder(app, user_client, make_session, verify_phone)
    form = {"From": "+919812345678", "Body": "STOP"}
    url = app.config["PUBLIC_API_URL"] + ("/sms/twilio/status" if forge == "another path" else "/sms/twilio/inbound")
    signed = {**form, "From": "+919800000000"} if forge == "another number" else form
    token = "not-the-auth-token" if forge == "another token" else TOKEN
    headers = (
        {}
        if forge == "no signature"
        else {"X-Twilio-Signature": RequestValidator(token).compute_signature(url, signed)}
    )
    response = client.post("/sms/twilio/inbound", data=form, headers=headers)
    assert_error(response, 403, "invalid_signature")
    assert texts_on(app, user.id) is True


def test_twilios_final_word_on_a_text_lands_in_its_attempt_log(
    app, client, user_client, make_session, verify_phone, sms_lane, twilio
):
    message_id = queue_reminder(app, user_client, make_session, verify_phone)
    sms_lane()
    [sent] = twilio.requests
    callback = sent["form"]["StatusCallback"]
    assert callback == f"{app.config['PUBLIC_API_URL']}/sms/twilio/status?message={message_id}"
    path = callback.removeprefix(app.config["PUBLIC_API_URL"])
    for state, code in (("sent", None), ("undelivered", "30003")):
        form = {"MessageSid": "SM1", "MessageStatus": state, **({"ErrorCode": code} if code else {})}
        assert signed_post(app, client, path, form).status_code == 204
    other = signed_post(app, client, "/sms/twilio/status?message=not-ours", {"MessageStatus": "delivered"})
    assert other.status_code == 204
    with app.app_context():
        attempts = db.session.scalars(
            select(DeliveryAttempt).where(DeliveryAttempt.message_id == message_id).order_by(DeliveryAttempt.id)
        ).all()
        assert [(a.status_code, a.error, a.response_excerpt) for a in attempts][1:] == [
            (None, "the provider says: not delivered (error 30003)", "the provider says: undelivered")
        ]


def test_the_webhooks_are_not_there_without_twilio(make_app, assert_error):
    client = make_app().test_client()
    for path in ("/sms/twilio/inbound", "/sms/twilio/status"):
        assert_error(client.post(path, data={"From": "+919812345678", "Body": "STOP"}), 404, "not_found")


def test_no_text_starts_that_could_outlive_its_claim(app):
    """The lane says how long a send may take, so the dispatcher starts none that could outlive its lease and go twice
    (the same rule as for emails)."""
    lane = TextDelivery.from_config(app.config)
    retries = app.config["SMS_QUICK_RETRIES"]
    assert lane.longest_send == app.config["SMS_TIMEOUT"] * retries + 2.0 * (retries - 1) > 0

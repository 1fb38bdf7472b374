"""The WhatsApp channel end to end: a booking by a person with WhatsApp on is queued as one outbox row and the
dispatcher's WhatsApp lane sends it to the Cloud API stand-in (main_fake_whatsapp) as the template in their
language, through the studio's number, once; no consent or a STOP means no row and no send; Meta's refusal of one
message makes it dead with Meta's code while the next goes; a 5xx is tried again."""

import json
from datetime import timedelta

import pytest
import requests
import whatsapp_shapes as wa
from main_fake_crm import ServedApp
from sqlalchemy import select
from werkzeug.wrappers import Request, Response

from main_app.database import unit_of_work
from main_app.delivery.outbox import insert_rows, outbox_row
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import CHANNEL_SMS, CHANNEL_WHATSAPP, DeliveryAttempt, OutboxMessage, utcnow
from main_app.services import news
from main_app.services.accounts import whatsapp_reply
from main_app.services.whatsapp import said, submissions

pytestmark = pytest.mark.both_databases

NUMBER = wa.STUDIO_A
PHONE = "+919812345678"
DAY = timedelta(days=1)


def settings(api_base: str, **more) -> dict:
    """The install's number is the stand-in's STUDIO_A, at api_base; one quick try, tries again at once."""
    return {
        "WHATSAPP_PHONE_NUMBER_ID": NUMBER.phone_number_id,
        "WHATSAPP_BUSINESS_ACCOUNT_ID": NUMBER.waba_id,
        "WHATSAPP_ACCESS_TOKEN": NUMBER.access_token,
        "WHATSAPP_APP_SECRET": NUMBER.app_secret,
        "WHATSAPP_VERIFY_TOKEN": NUMBER.verify_token,
        "WHATSAPP_API_BASE": api_base,
        "WHATSAPP_QUICK_RETRIES": 1,
        "WHATSAPP_RETRY_SCHEDULE": [0.0, 0.0, 0.0],
        **more,
    }


def approve_templates(fake, web_url: str) -> None:
    """Every template in every language submitted to the stand-in (which approves at once), as an owner does."""
    headers = {"Authorization": f"Bearer {NUMBER.access_token}"}
    for body in submissions(web_url):
        url = f"{fake.url}/{wa.GRAPH_VERSION}/{NUMBER.waba_id}/message_templates"
        assert requests.post(url, json=body, headers=headers, timeout=10).status_code == 200


@pytest.fixture
def app(make_app, whatsapp_api):
    app = make_app(**settings(f"{whatsapp_api.url}/{wa.GRAPH_VERSION}"))
    approve_templates(whatsapp_api, app.config["PUBLIC_WEB_URL"])
    return app


@pytest.fixture
def whatsapp_lane(drainer):
    return drainer(CHANNEL_WHATSAPP)


@pytest.fixture
def whatsapp_on(verify_phone):
    """whatsapp_on(client, phone, language): the account's number proved (unless proved already) and opted in to
    WhatsApp."""

    def on(client, phone: str = PHONE, language: str | None = None, *, proved: bool = False):
        if not proved:
            verify_phone(client, phone, sms_enabled=False)
        if language:
            assert client.patch("/auth/me", json={"language": language}).status_code == 200
        wording = client.get("/auth/me/whatsapp").get_json()["wording"]
        answer = client.put("/auth/me/whatsapp", json={"opted_in": True, "wording": wording})
        assert answer.status_code == 200 and answer.get_json()["active"], answer.get_json()
        return client.get("/auth/me").get_json()

    return on


def rows(app, kind: str = "booking_confirmed") -> list[OutboxMessage]:
    with app.app_context():
        query = select(OutboxMessage).where(OutboxMessage.channel == CHANNEL_WHATSAPP, OutboxMessage.type == kind)
        found = db.session.scalars(query).all()
        db.session.expunge_all()
        return found


def sent_messages(fake) -> list:
    return [r for r in fake.requests if r.path.endswith("/messages")]


def book(client, make_session, **session) -> dict:
    booked = client.post("/book", json={"session_id": make_session(starts_in=3 * DAY, **session).id})
    assert booked.status_code == 201, booked.get_json()
    return booked.get_json()


def test_a_booking_reaches_whatsapp_as_the_confirmation_template_in_my_language_once(
    app, user_client, make_session, whatsapp_on, whatsapp_api, whatsapp_lane
):
    me = whatsapp_on(user_client, language="hi")
    book(user_client, make_session, title="Morning Flow")
    [row] = rows(app)
    whatsapp_lane()
    whatsapp_lane()  # nothing is due any more: no second send
    [request] = sent_messages(whatsapp_api)
    assert request.headers["Authorization"] == f"Bearer {NUMBER.access_token}"
    assert request.path == f"/{wa.GRAPH_VERSION}/{NUMBER.phone_number_id}/messages"
    body = request.body
    assert (body["to"], body["type"], body["biz_opaque_callback_data"]) == (PHONE, "template", row.id)
    template = body["template"]
    assert (template["name"], template["language"]["code"]) == ("booking_confirmed", "hi")
    name, title, studio, when = [p["text"] for p in template["components"][0]["parameters"]]
    assert (name, title) == (me["name"], "Morning Flow") and studio and when
    [line] = whatsapp_api.conversation(NUMBER.phone_number_id, PHONE.removeprefix("+"))
    assert line["template"]["name"] == "booking_confirmed" and line["statuses"][0] == "sent"
    assert line["text"] == said(template_with(template)) and "Morning Flow" in line["text"]
    assert rows(app)[0].status == "delivered"


def drain(app) -> None:
    """Everything due on the WhatsApp lane of app (its own settings), as crm-dispatch sends it."""
    with app.app_context():
        lane = build_dispatcher(app.config, channel=CHANNEL_WHATSAPP)
        try:
            while lane.run_once() and not lane.down:
                pass
        finally:
            lane.close()


def template_with(template: dict) -> dict:
    """The template object as template_message made it (the request's, which said() reads)."""
    return {"name": template["name"], "language": template["language"], "components": template["components"]}


def test_without_consent_or_after_stop_there_is_no_row_and_no_send(
    app, user_client, make_session, verify_phone, whatsapp_on, whatsapp_api, whatsapp_lane
):
    verify_phone(user_client, PHONE)  # proved, texts on, WhatsApp never asked for
    book(user_client, make_session)
    assert rows(app) == []
    whatsapp_on(user_client, proved=True)
    with app.app_context():
        assert whatsapp_reply(PHONE.removeprefix("+"), NUMBER.phone_number_id, "STOP").changed
    book(user_client, make_session)
    whatsapp_lane()
    assert rows(app) == [] and sent_messages(whatsapp_api) == []


def test_a_stop_after_the_row_was_written_is_heard_when_it_goes(
    app, user_client, make_session, whatsapp_on, whatsapp_api, whatsapp_lane
):
    whatsapp_on(user_client)  # texts off: the confirmation's email already carries the news
    book(user_client, make_session)
    with app.app_context():
        whatsapp_reply(PHONE.removeprefix("+"), NUMBER.phone_number_id, "STOP")
    whatsapp_lane()
    assert sent_messages(whatsapp_api) == []
    [row] = rows(app)
    assert said_of(app, row.id)[-1] == (
        "WhatsApp was turned off for this number before it went; no fallback: already sent by email"
    )


def test_news_held_back_by_a_stop_goes_by_text_instead_once(
    app, user_client, make_session, verify_phone, whatsapp_on, whatsapp_api, whatsapp_lane
):
    verify_phone(user_client, PHONE)  # texts on, and WhatsApp takes their place
    whatsapp_on(user_client, proved=True)
    book(user_client, make_session)
    with app.app_context():
        whatsapp_reply(PHONE.removeprefix("+"), NUMBER.phone_number_id, "STOP")
    whatsapp_lane()
    whatsapp_lane()
    assert sent_messages(whatsapp_api) == []
    [row] = rows(app)
    fallback = news.fallback_id(row.id)
    with app.app_context():
        texts = select(OutboxMessage.id).where(OutboxMessage.channel == CHANNEL_SMS)
        # The reminders are written again as texts by the STOP itself; the confirmation, queued, falls back.
        assert db.session.scalars(texts.where(OutboxMessage.type == "booking_confirmed")).all() == [fallback]
    assert said_of(app, row.id) == [
        "not sent: WhatsApp is off for this number",
        f"WhatsApp was turned off for this number before it went; fell back to SMS ({fallback})",
    ]


def said_of(app, outbox_id: str) -> list[str]:
    """The attempt log's words of one message, in order."""
    with app.app_context():
        query = select(DeliveryAttempt).where(DeliveryAttempt.message_id == outbox_id).order_by(DeliveryAttempt.id)
        return [attempt.response_excerpt for attempt in db.session.scalars(query)]


def test_a_template_meta_refuses_is_dead_with_its_code_and_the_next_message_goes(
    app, people, make_session, whatsapp_on, whatsapp_api, whatsapp_lane
):
    [(_first, marathi), (_second, english)] = people(2)
    del whatsapp_api.templates[NUMBER.waba_id][("booking_confirmed", "mr")]  # never approved in Marathi
    whatsapp_on(marathi, "+919812345671", language="mr")
    whatsapp_on(english, "+919812345672", language="en")
    book(marathi, make_session)
    book(english, make_session)
    whatsapp_lane()
    by_phone = {row.payload["snapshot"]["to"]["phone"]: row for row in rows(app)}
    refused, sent = by_phone["+919812345671"], by_phone["+919812345672"]
    assert (refused.status, refused.failure_kind, refused.attempts) == ("dead", "permanent", 1)
    assert "code 132001" in refused.last_error and "404" in refused.last_error
    assert NUMBER.access_token not in refused.last_error and "9812345671" not in refused.last_error
    assert sent.status == "delivered"
    assert [r.body["template"]["language"]["code"] for r in sent_messages(whatsapp_api)] == ["mr", "en"]


class Flaky:
    """In front of the stand-in: answers its first `failures` message posts with Meta's 503, then passes them on."""

    def __init__(self, fake, failures: int):
        self.fake, self.failures, self.refused = fake, failures, 0
        self.served = ServedApp(self.wsgi)

    def wsgi(self, environ, start_response):
        request = Request(environ)
        if self.refused < self.failures:
            self.refused += 1
            error = {"error": {"message": "Service temporarily unavailable", "code": 2, "type": "OAuthException"}}
            return Response(json.dumps(error), 503, content_type="application/json")(environ, start_response)
        answer = requests.post(
            self.fake.url + request.path, data=request.get_data(), headers=dict(request.headers), timeout=10
        )
        return Response(answer.content, answer.status_code, content_type="application/json")(environ, start_response)


def test_a_5xx_is_tried_again_and_then_goes(app, make_app, user_client, make_session, whatsapp_on, whatsapp_api):
    """app: the templates approved at the stand-in; the lane runs on an app of its own that reaches it through Flaky."""
    flaky = Flaky(whatsapp_api, failures=1)
    try:
        app = make_app(**settings(f"{flaky.served.url}/{wa.GRAPH_VERSION}"))  # the test's own app: the stand-in's
        whatsapp_on(user_client)
        book(user_client, make_session)
        drain(app)  # refused with 503: due again at once (the schedule's 0 s)
        [row] = rows(app)
        assert (row.status, row.failure_kind) == ("pending", "transient") and "503" in row.last_error
        drain(app)
        [row] = rows(app)
    finally:
        flaky.served.stop()
    assert (row.status, row.attempts) == ("delivered", 2)
    with app.app_context():
        tries = db.session.scalars(select(DeliveryAttempt).where(DeliveryAttempt.message_id == row.id)).all()
        assert [t.status_code for t in tries] == [503, 202] and "code 2" in tries[0].error
    assert len(sent_messages(whatsapp_api)) == 1


def test_with_no_number_for_the_studio_the_message_is_dead_as_a_settings_error(
    app, make_app, user_client, make_session, whatsapp_on
):
    alone = make_app(WHATSAPP_PHONE_NUMBER_ID="", WHATSAPP_API_BASE="http://127.0.0.1:9")  # no number at all
    whatsapp_on(user_client)
    book(user_client, make_session)
    drain(alone)
    [row] = rows(app)
    assert (row.status, row.failure_kind) == ("dead", "configuration")
    assert "no WhatsApp number for this studio" in row.last_error


@pytest.mark.parametrize(
    "payload",
    [
        {"kind": "booking_confirmed"},
        {"kind": "booking_confirmed", "snapshot": {"to": PHONE, "booking": {"id": [1]}}},
        {"kind": "booking_confirmed", "snapshot": {"to": {"user_id": "7", "phone": None}}},
        ["not", "a", "mapping"],
    ],
    ids=["no snapshot", "to not a mapping", "user id not a number", "a list"],
)
def test_a_message_the_lane_cannot_read_is_dead_and_the_next_goes(
    app, user_client, make_session, whatsapp_on, whatsapp_api, whatsapp_lane, payload
):
    broken = outbox_row(CHANNEL_WHATSAPP, "booking_confirmed", payload)
    broken["created_at"] = broken["next_attempt_at"] = utcnow() - timedelta(minutes=1)
    with app.app_context(), unit_of_work():
        insert_rows([broken])
    whatsapp_on(user_client)
    book(user_client, make_session)
    whatsapp_lane()
    statuses = {row.id: row.status for row in rows(app)}
    assert statuses.pop(broken["id"]) == "dead"
    assert list(statuses.values()) == ["delivered"] and len(sent_messages(whatsapp_api)) == 1


def test_a_reply_goes_as_text_through_the_number_it_answers(app, whatsapp_api, whatsapp_lane):
    """The webhook's answer to a STOP (its row's shape: kind whatsapp_reply, to, text, business_number_id) goes as
    free-form text, whatever the number's consent: it is the confirmation of the stop itself."""
    whatsapp_api.reply(NUMBER.phone_number_id, PHONE, "STOP")  # the person wrote: their window is open
    with app.app_context():  # and as its webhook would have told us
        whatsapp_reply(PHONE.removeprefix("+"), NUMBER.phone_number_id, "STOP")
    payload = {"kind": "whatsapp_reply", "to": PHONE.removeprefix("+"), "text": "You're unsubscribed.",
               "business_number_id": NUMBER.phone_number_id}  # fmt: skip
    stray = {**payload, "business_number_id": "999999999999"}  # a number not ours: nothing to send it through
    rows = [outbox_row(CHANNEL_WHATSAPP, "whatsapp_reply", body) for body in (payload, stray)]
    with app.app_context(), unit_of_work():
        insert_rows(rows)
    whatsapp_lane()
    [request] = sent_messages(whatsapp_api)
    assert request.path == f"/{wa.GRAPH_VERSION}/{NUMBER.phone_number_id}/messages"
    assert (request.body["type"], request.body["text"]["body"]) == ("text", "You're unsubscribed.")
    assert request.body["biz_opaque_callback_data"] == rows[0]["id"]
    [_stop, line] = whatsapp_api.conversation(NUMBER.phone_number_id, PHONE.removeprefix("+"))
    assert (line["direction"], line["text"], line["statuses"][0]) == ("out", "You're unsubscribed.", "sent")
    with app.app_context():
        dead = db.session.get(OutboxMessage, rows[1]["id"])
        assert (dead.status, dead.failure_kind) == ("dead", "configuration")


def test_a_staff_members_message_to_those_booked_reaches_whatsapp_with_their_words_bounded(
    app, user_client, make_session, priya, priya_client, whatsapp_on, whatsapp_api, whatsapp_lane
):
    whatsapp_on(user_client, language="mr")
    session = make_session(starts_in=3 * DAY, title="Morning Flow", facilitator_id=priya.id)
    assert user_client.post("/book", json={"session_id": session.id}).status_code == 201
    words = {"subject": "Bring a warm layer", "text": "The hall is cold.\n\nThe heater is broken. " * 20}
    assert (
        priya_client.post(f"/api/facilitator/{priya.id}/sessions/{session.id}/message", json=words).status_code == 202
    )
    [row] = rows(app, "facilitator_message")
    whatsapp_lane()
    [request] = [r for r in sent_messages(whatsapp_api) if r.body["template"]["name"] == "session_message"]
    template = request.body["template"]
    assert template["language"]["code"] == "mr" and request.body["biz_opaque_callback_data"] == row.id
    *_, subject, text = [parameter["text"] for parameter in template["components"][0]["parameters"]]
    assert subject == "Bring a warm layer" and len(text) == 300 and "\n" not in text and text.endswith("…")
    conversation = whatsapp_api.conversation(NUMBER.phone_number_id, PHONE.removeprefix("+"))
    [line] = [line for line in conversation if line["template"]["name"] == "session_message"]
    assert line["text"] == said(template_with(template)) and "विषय: Bring a warm layer." in line["text"]

"""The WhatsApp Cloud API stand-in held to Meta's documented behaviour, over HTTP on a free port: the messages
endpoint's answers and refusals (codes and statuses), template registration's rules, the 24-hour window, the
webhooks and their signatures, the control endpoints, the handshake helper, and the stand-in run alone."""

import dataclasses
import hashlib
import hmac
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests
import whatsapp_shapes as wa
from main_fake_crm import ServedApp
from main_fake_whatsapp import FakeWhatsApp, arguments
from werkzeug.wrappers import Request, Response

PERSON = "919812345678"
DAY = 24 * 3600


class Catcher:
    """Our side of the webhooks in these tests: keeps each POST's raw body and headers, answers Meta's handshake."""

    def __init__(self, verify_token: str):
        self.verify_token, self.received = verify_token, []
        self.served = ServedApp(self._wsgi)
        self.url = f"{self.served.url}/whatsapp/webhook"

    def _wsgi(self, environ, start_response):
        request = Request(environ)
        if request.method == "GET":
            query = request.args
            subscribing = query.get("hub.mode") == "subscribe" and query.get("hub.verify_token") == self.verify_token
            answer = Response(query.get("hub.challenge", ""), 200) if subscribing else Response("", 403)
            return answer(environ, start_response)
        self.received.append((request.get_data(), dict(request.headers)))
        return Response("", 200)(environ, start_response)

    def values(self) -> list[dict]:
        """Each webhook's entry[0].changes[0].value, in the order received."""
        return [json.loads(body)["entry"][0]["changes"][0]["value"] for body, _ in self.received]

    def statuses(self) -> list[dict]:
        return [status for value in self.values() for status in value.get("statuses", [])]


@pytest.fixture
def catcher():
    caught = Catcher(wa.STUDIO_A.verify_token)
    yield caught
    caught.served.stop()


@pytest.fixture
def fake(whatsapp_api, catcher):
    """The stand-in with both test studios' webhooks coming to the catcher."""
    for number in wa.TEST_NUMBERS:
        whatsapp_api.set_webhook(number.phone_number_id, catcher.url)
    return whatsapp_api


def graph(fake, method: str, path: str, body: dict | None = None, *, number=wa.STUDIO_A) -> requests.Response:
    headers = {"Authorization": f"Bearer {number.access_token}"}
    url = f"{fake.url}/{wa.GRAPH_VERSION}/{path}"
    return requests.request(method, url, json=body, headers=headers, timeout=10)


def register(fake, name="booking_confirmed", text="Hi {{1}}, {{2}} is booked.", language="en", category="UTILITY"):
    examples = [[f"example {n}" for n in sorted(set(wa.placeholders(text)))]]
    body = {"name": name, "language": language, "category": category}
    body["components"] = [{"type": "BODY", "text": text, "example": {"body_text": examples}}]
    return graph(fake, "POST", f"{wa.STUDIO_A.waba_id}/message_templates", body)


def template_message(name="booking_confirmed", language="en", parameters=("Asha", "Yoga at 7"), to=PERSON) -> dict:
    template = {"name": name, "language": {"code": language}}
    template["components"] = [{"type": "body", "parameters": [{"type": "text", "text": p} for p in parameters]}]
    message = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to, "type": "template"}
    return message | {"template": template}


def text_message(body="See you at 7", to=PERSON) -> dict:
    return {"messaging_product": "whatsapp", "to": to, "type": "text", "text": {"body": body}}


def send(fake, body: dict, number=wa.STUDIO_A) -> requests.Response:
    return graph(fake, "POST", f"{number.phone_number_id}/messages", body, number=number)


def assert_refused(answer, status: int, code: int, *, error_data: bool = True) -> dict:
    """Meta's error body: message, type, code, fbtrace_id, and error_data {messaging_product, details} for the Cloud
    API's own codes."""
    assert answer.status_code == status, answer.text
    error = answer.json()["error"]
    assert error["code"] == code and error["type"] == "OAuthException" and error["fbtrace_id"]
    assert error["message"].startswith(f"(#{code}) ") or code in (100, 190)
    if error_data:
        assert error["error_data"]["messaging_product"] == "whatsapp" and error["error_data"]["details"]
    return error


def test_a_template_message_is_taken_with_metas_answer(fake):
    assert register(fake).json()["status"] == "APPROVED"

    answer = send(fake, template_message(to="+" + PERSON))

    assert answer.status_code == 200
    body = answer.json()
    assert body["messaging_product"] == "whatsapp"
    assert body["contacts"] == [{"input": "+" + PERSON, "wa_id": PERSON}]
    assert body["messages"][0]["id"].startswith("wamid.") and body["messages"][0]["message_status"] == "accepted"


def test_sent_and_delivered_come_signed_over_the_raw_body_with_the_numbers_app_secret(fake, catcher):
    register(fake)
    wamid = send(fake, template_message()).json()["messages"][0]["id"]
    assert fake.wait_for_webhooks()

    assert [s["status"] for s in catcher.statuses()] == ["sent", "delivered"]
    for raw, headers in catcher.received:
        expected = "sha256=" + hmac.new(wa.STUDIO_A.app_secret.encode(), raw, hashlib.sha256).hexdigest()
        assert hmac.compare_digest(headers["X-Hub-Signature-256"].encode(), expected.encode())
        assert not wa.signature_matches(raw, headers["X-Hub-Signature-256"], wa.STUDIO_B.app_secret)
        webhook = json.loads(raw)
        assert webhook["object"] == "whatsapp_business_account" and webhook["entry"][0]["id"] == wa.STUDIO_A.waba_id
        assert webhook["entry"][0]["changes"][0]["field"] == "messages"
    value = catcher.values()[0]
    assert value["metadata"] == {"display_phone_number": "919000011111", "phone_number_id": "106540352242922"}
    status = value["statuses"][0]
    assert (status["id"], status["recipient_id"], status["timestamp"].isdigit()) == (wamid, PERSON, True)
    assert status["pricing"] == {"billable": True, "pricing_model": "PMP", "category": "utility", "type": "regular"}
    assert [w.answer for w in fake.webhooks] == [200, 200]


def test_read_follows_delivered_when_asked_and_our_id_comes_back(fake, catcher):
    register(fake)
    requests.post(f"{fake.url}/_standin/settings", json={"send_read": True})

    send(fake, template_message() | {"biz_opaque_callback_data": "news-row-42"})
    assert fake.wait_for_webhooks()

    assert [s["status"] for s in catcher.statuses()] == ["sent", "delivered", "read"]
    assert {s["biz_opaque_callback_data"] for s in catcher.statuses()} == {"news-row-42"}


def test_a_number_answers_only_its_own_businesss_token(fake):
    register(fake)

    other = graph(fake, "POST", f"{wa.STUDIO_A.phone_number_id}/messages", template_message(), number=wa.STUDIO_B)
    unknown = requests.post(
        f"{fake.url}/{wa.GRAPH_VERSION}/{wa.STUDIO_A.phone_number_id}/messages",
        json=template_message(),
        headers={"Authorization": "Bearer EAAnotissued"},
    )
    missing = requests.post(f"{fake.url}/{wa.GRAPH_VERSION}/{wa.STUDIO_A.phone_number_id}/messages", json={})

    assert other.status_code == 400
    assert (other.json()["error"]["code"], other.json()["error"]["error_subcode"]) == (100, 33)
    assert other.json()["error"]["type"] == "GraphMethodException"
    assert_refused(unknown, 401, 190, error_data=False)
    assert_refused(missing, 401, 190, error_data=False)


REFUSALS = {  # → (a change to a good template message, HTTP status, Meta's code, whether error_data comes)
    "no messaging_product": (lambda m: m.pop("messaging_product"), 400, 100, False),
    "messaging_product not whatsapp": (lambda m: m.update(messaging_product="sms"), 400, 100, False),
    "recipient_type not individual": (lambda m: m.update(recipient_type="group"), 400, 100, False),
    "to not a phone number": (lambda m: m.update(to="98-123 NOT"), 400, 100, True),
    "type neither text nor template": (lambda m: m.update(type="fax"), 400, 100, False),
    "template without a name": (lambda m: m["template"].pop("name"), 400, 131008, True),
    "template unknown": (lambda m: m["template"].update(name="booking_moved"), 404, 132001, True),
    "template not in that language": (lambda m: m["template"].update(language={"code": "mr"}), 404, 132001, True),
    "one parameter short": (lambda m: m["template"]["components"][0]["parameters"].pop(), 400, 132000, True),
    "no parameters at all": (lambda m: m["template"].pop("components"), 400, 132000, True),
    "a text parameter without text": (
        lambda m: m["template"]["components"][0]["parameters"][0].pop("text"),
        400,
        131008,
        True,
    ),
    "a parameter with a new line": (
        lambda m: m["template"]["components"][0]["parameters"][0].update(text="Asha\nand friend"),
        400,
        132018,
        True,
    ),
}


@pytest.mark.parametrize("change", sorted(REFUSALS))
def test_the_messages_endpoint_refuses_as_meta_does(fake, change):
    register(fake)
    message = template_message()
    alter, status, code, error_data = REFUSALS[change]
    alter(message)

    assert_refused(send(fake, message), status, code, error_data=error_data)
    assert fake.conversation(wa.STUDIO_A.phone_number_id, PERSON) == []


def test_the_refusals_say_what_meta_says(fake):
    register(fake)
    short = template_message(parameters=("Asha",))
    unknown = template_message(language="hi")

    mismatch = assert_refused(send(fake, short), 400, 132000)
    missing = assert_refused(send(fake, unknown), 404, 132001)

    assert mismatch["message"] == "(#132000) Number of parameters does not match the expected number of params"
    assert mismatch["error_data"]["details"] == (
        "body: number of localizable_params (1) does not match the expected number of params (2)"
    )
    assert missing["message"] == "(#132001) Template name does not exist in the translation"
    assert missing["error_data"]["details"] == "template name (booking_confirmed) does not exist in hi"


def test_a_text_body_is_4096_characters_at_most(fake):
    fake.reply(wa.STUDIO_A.phone_number_id, PERSON, "hello")

    taken = send(fake, text_message("x" * 4096))
    refused = assert_refused(send(fake, text_message("x" * 4097)), 400, 100)

    assert taken.status_code == 200
    assert refused["message"] == "(#100) Param text['body'] must be at most 4096 characters long."


def test_free_form_text_goes_only_within_24_hours_of_the_persons_last_message(fake, catcher):
    register(fake)
    number = wa.STUDIO_A.phone_number_id

    never_wrote = send(fake, text_message("Hello?"))
    fake.reply(number, PERSON, "कल आ रही हूँ")
    replied = send(fake, text_message("See you tomorrow"))
    requests.post(f"{fake.url}/_standin/clock", json={"advance_seconds": DAY + 1})
    a_day_later = send(fake, text_message("Still coming?"))
    template_a_day_later = send(fake, template_message())
    assert fake.wait_for_webhooks()

    assert {a.status_code for a in (never_wrote, replied, a_day_later, template_a_day_later)} == {200}
    by_message = {}
    for status in catcher.statuses():
        by_message.setdefault(status["id"], []).append(status)
    closed = [by_message[a.json()["messages"][0]["id"]] for a in (never_wrote, a_day_later)]
    for statuses in closed:
        assert [s["status"] for s in statuses] == ["failed"]
        error = statuses[0]["errors"][0]
        assert (error["code"], error["title"]) == (131047, "Re-engagement message")
        assert "24 hours" in error["error_data"]["details"]
    open_window = by_message[replied.json()["messages"][0]["id"]]
    assert [s["status"] for s in open_window] == ["sent", "delivered"]
    assert open_window[0]["pricing"]["type"] == "free_customer_service"
    assert [s["status"] for s in by_message[template_a_day_later.json()["messages"][0]["id"]]] == ["sent", "delivered"]


def test_a_reply_opens_the_window_of_that_business_number_only(fake, catcher):
    fake.reply(wa.STUDIO_B.phone_number_id, PERSON, "hello B")

    to_a = send(fake, text_message()).json()["messages"][0]["id"]
    to_b = send(fake, text_message(), number=wa.STUDIO_B).json()["messages"][0]["id"]
    assert fake.wait_for_webhooks()

    statuses = {s["id"]: s["status"] for s in catcher.statuses()}
    assert (statuses[to_a], statuses[to_b]) == ("failed", "delivered")


def test_an_undeliverable_number_fails_with_131026(fake, catcher):
    register(fake)
    requests.post(f"{fake.url}/_standin/undeliverable", json={"number": "+" + PERSON})

    answer = send(fake, template_message())
    assert fake.wait_for_webhooks()

    assert answer.status_code == 200
    [failed] = catcher.statuses()
    assert failed["status"] == "failed" and failed["errors"][0]["code"] == 131026
    assert "pricing" not in failed


def test_a_reply_comes_as_metas_messages_webhook(fake, catcher):
    answer = requests.post(
        f"{fake.url}/_standin/{wa.STUDIO_A.phone_number_id}/reply",
        json={"from": PERSON, "text": "कल आ रही हूँ", "name": "Asha"},
    )
    assert fake.wait_for_webhooks()

    [(raw, headers)] = catcher.received
    value = catcher.values()[0]
    assert value["contacts"] == [{"profile": {"name": "Asha"}, "wa_id": PERSON}]
    [message] = value["messages"]
    assert (message["from"], message["id"], message["type"]) == (PERSON, answer.json()["id"], "text")
    assert message["text"] == {"body": "कल आ रही हूँ"} and message["timestamp"].isdigit()
    assert wa.signature_matches(raw, headers["X-Hub-Signature-256"], wa.STUDIO_A.app_secret)
    reencoded = json.dumps(json.loads(raw), ensure_ascii=False).encode()  # what a handler must not verify
    assert not wa.signature_matches(reencoded, headers["X-Hub-Signature-256"], wa.STUDIO_A.app_secret)


def test_the_conversation_lists_both_directions_in_order(fake):
    register(fake)
    number = wa.STUDIO_A.phone_number_id
    send(fake, template_message())
    fake.reply(number, PERSON, "Can I bring a friend?")
    send(fake, text_message("Of course"))

    listed = requests.get(f"{fake.url}/_standin/{number}/conversations/{PERSON}").json()["messages"]
    people = requests.get(f"{fake.url}/_standin/{number}/conversations").json()

    assert [(m["direction"], m["text"]) for m in listed] == [
        ("out", "Hi Asha, Yoga at 7 is booked."),
        ("in", "Can I bring a friend?"),
        ("out", "Of course"),
    ]
    assert listed[0]["template"]["name"] == "booking_confirmed" and listed[0]["statuses"] == ["sent", "delivered"]
    assert people == {"wa_ids": [PERSON]}


def test_the_stand_in_counts_each_of_our_ids_and_the_answers_to_its_webhooks(fake, catcher):
    register(fake)
    for opaque in ("outbox-1", "outbox-2", "outbox-1"):
        assert send(fake, template_message() | {"biz_opaque_callback_data": opaque}).status_code == 200
    send(fake, text_message())  # outside the window: taken, then failed by webhook; no id of ours
    assert fake.wait_for_webhooks()

    sent = requests.get(f"{fake.url}/_standin/callback_data", timeout=10).json()
    answers = requests.get(f"{fake.url}/_standin/webhooks", timeout=10).json()

    assert sent == {"callback_data": ["outbox-1", "outbox-2", "outbox-1", None]}
    assert answers == {"answers": {"200": 7}} and len(catcher.received) == 7  # sent and delivered thrice, failed once


def test_with_no_status_webhooks_a_message_is_taken_and_counted_but_only_replies_come(catcher):
    assert arguments([]).statuses
    options = arguments(["--port", "0", "--no-status-webhooks"])
    numbers = [dataclasses.replace(n, webhook_url=catcher.url) for n in wa.TEST_NUMBERS]
    quiet = FakeWhatsApp(options.port, numbers=numbers, statuses=options.statuses)
    try:
        register(quiet)
        assert send(quiet, template_message() | {"biz_opaque_callback_data": "outbox-1"}).status_code == 200
        send(quiet, text_message())  # outside the window: failed, and no webhook says so either
        quiet.reply(wa.STUDIO_A.phone_number_id, PERSON, "Thanks")
        assert quiet.wait_for_webhooks()
        lines = quiet.conversation(wa.STUDIO_A.phone_number_id, PERSON)
    finally:
        quiet.close()

    assert quiet.callback_data() == ["outbox-1", None]
    assert [line["statuses"] for line in lines] == [["sent", "delivered"], ["failed"], []]
    assert [value.get("statuses") for value in catcher.values()] == [None]
    assert catcher.values()[0]["messages"][0]["text"]["body"] == "Thanks"


def test_templates_are_registered_and_listed_as_meta_does(fake):
    created = register(fake)
    register(fake, name="booking_cancelled", text="{{1}} is cancelled, sorry.")
    register(fake, language="hi", text="नमस्ते {{1}}, {{2}} बुक है।")

    assert created.status_code == 200
    assert set(created.json()) == {"id", "status", "category"} and created.json()["category"] == "UTILITY"
    listed = graph(fake, "GET", f"{wa.STUDIO_A.waba_id}/message_templates").json()
    assert sorted((t["name"], t["language"], t["status"]) for t in listed["data"]) == [
        ("booking_cancelled", "en", "APPROVED"),
        ("booking_confirmed", "en", "APPROVED"),
        ("booking_confirmed", "hi", "APPROVED"),
    ]
    assert "cursors" in listed["paging"]
    named = requests.get(
        f"{fake.url}/{wa.GRAPH_VERSION}/{wa.STUDIO_A.waba_id}/message_templates",
        params={"name": "cancelled"},
        headers={"Authorization": f"Bearer {wa.STUDIO_A.access_token}"},
    ).json()
    assert [t["name"] for t in named["data"]] == ["booking_cancelled"]


def test_template_registration_refuses_what_meta_refuses(fake):
    register(fake)

    bad_name = register(fake, name="Booking-Confirmed")
    no_example = graph(
        fake,
        "POST",
        f"{wa.STUDIO_A.waba_id}/message_templates",
        {
            "name": "reminder",
            "language": "en",
            "category": "UTILITY",
            "components": [{"type": "BODY", "text": "See you at {{1}}"}],
        },
    )
    twice = register(fake)
    gap = register(fake, name="offer", text="{{1}} and {{3}}")
    promotion = register(fake, name="offer", category="PROMOTION")
    other_account = graph(fake, "POST", f"{wa.STUDIO_A.waba_id}/message_templates", {"name": "x"}, number=wa.STUDIO_B)

    for refused in (bad_name, no_example, twice, gap, promotion):
        assert refused.status_code == 400 and refused.json()["error"]["code"] == 100
    assert no_example.json()["error"]["error_subcode"] == 2388043
    assert twice.json()["error"]["error_subcode"] == 2388024
    assert twice.json()["error"]["error_user_title"] == "Content in This Language Already Exists"
    assert other_account.json()["error"]["error_subcode"] == 33
    assert register(fake, language="mr", text="{{1}}, {{2}} बुक झाले.").status_code == 200


def test_a_template_belongs_to_its_business_account(fake):
    register(fake)

    assert_refused(send(fake, template_message(), number=wa.STUDIO_B), 404, 132001)


def test_the_handshake_helper_checks_the_echoed_challenge(fake, catcher):
    assert wa.verify_subscription(catcher.url, wa.STUDIO_A.verify_token, challenge="1158201444")
    assert not wa.verify_subscription(catcher.url, "not-the-token")
    verified = requests.post(f"{fake.url}/_standin/{wa.STUDIO_A.phone_number_id}/verify", json={}).json()
    assert verified == {"verified": True}


def test_the_stand_in_runs_alone_and_signs_with_the_given_secret(catcher):
    here = Path(__file__).parent
    argv = [sys.executable, "-m", "main_fake_whatsapp", "--port", "0", "--webhook", catcher.url]
    process = subprocess.Popen([*argv, "--app-secret", "given-secret"], cwd=here, stdout=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().split()[3]
        alone = SimpleNamespace(url=url)
        register(alone)
        send(alone, template_message())
        drained = requests.post(f"{url}/_standin/wait", json={"timeout": 10}, timeout=15).json()
        conversation = requests.get(f"{url}/_standin/{wa.STUDIO_A.phone_number_id}/conversations/{PERSON}")
    finally:
        process.terminate()
        process.wait(timeout=10)

    assert drained == {"drained": True}
    assert conversation.json()["messages"][0]["statuses"] == ["sent", "delivered"]
    assert catcher.received and all(
        wa.signature_matches(raw, headers["X-Hub-Signature-256"], "given-secret") for raw, headers in catcher.received
    )

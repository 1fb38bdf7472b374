"""The development mailbox's WhatsApp: the stand-in's conversations through the main API (GET /dev/whatsapp), with
our template messages in the person's language, and a person's message as if from their phone (POST
/dev/whatsapp/<number>/reply), which reaches us as Meta's signed webhook; whatsapp_stand_in_down when none is set
(409) or none answers (503), 400 for bad input, and none of it in production."""

import threading

import pytest
import requests
import whatsapp_shapes as wa
from plugins.main_api import closed_port
from werkzeug.serving import make_server

from main_app.services import chats, whatsapp
from main_app.services.whatsapp.compose import body

INSTALL = wa.STUDIO_A
PERSON = "+919812345678"
WEB_URL = "http://localhost:5173"


def install_number(stand_in_url: str, **more) -> dict:
    """The settings `python3 dev.py run` gives the main API: the install's number is the stand-in's first."""
    return {
        "WHATSAPP_PHONE_NUMBER_ID": INSTALL.phone_number_id,
        "WHATSAPP_BUSINESS_ACCOUNT_ID": INSTALL.waba_id,
        "WHATSAPP_ACCESS_TOKEN": INSTALL.access_token,
        "WHATSAPP_APP_SECRET": INSTALL.app_secret,
        "WHATSAPP_VERIFY_TOKEN": INSTALL.verify_token,
        "WHATSAPP_API_BASE": f"{stand_in_url}/{wa.GRAPH_VERSION}",
        "WHATSAPP_STAND_IN_URL": stand_in_url,
        **more,
    }


@pytest.fixture
def app(make_app, whatsapp_api):
    return make_app(**install_number(whatsapp_api.url))


@pytest.fixture
def served(app, whatsapp_api):
    """The app on a free port of 127.0.0.1, the install's number's webhooks sent to it."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    whatsapp_api.set_webhook(INSTALL.phone_number_id, f"http://127.0.0.1:{server.port}{chats.WEBHOOK_PATH}")
    yield
    server.shutdown()
    server.server_close()


def reply(client, text: str, number: str = PERSON, **more):
    return client.post(f"/dev/whatsapp/{number}/reply", json={"text": text, **more})


def test_a_message_written_on_the_mailbox_reaches_us_as_metas_signed_webhook_and_is_listed(
    app, client, served, whatsapp_api
):
    answer = reply(client, "कल आ रही हूँ")
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["business_number_id"] == INSTALL.phone_number_id
    assert whatsapp_api.wait_for_webhooks()
    assert [webhook.answer for webhook in whatsapp_api.webhooks] == [200]
    with app.app_context():
        assert chats.window_open(PERSON, INSTALL.phone_number_id)
        assert not chats.stopped(PERSON)

    listed = client.get("/dev/whatsapp").get_json()
    assert listed["business_number_id"] == INSTALL.phone_number_id
    [conversation] = listed["conversations"]
    assert (conversation["phone_number_id"], conversation["wa_id"]) == (INSTALL.phone_number_id, PERSON[1:])
    [line] = conversation["messages"]
    assert (line["direction"], line["text"], line["id"]) == ("in", "कल आ रही हूँ", answer.get_json()["id"])


def test_stop_written_on_the_mailbox_stops_the_number(app, client, served, whatsapp_api):
    assert reply(client, "STOP", PERSON[1:]).status_code == 200  # a wa_id as the stand-in lists it: no "+"
    assert whatsapp_api.wait_for_webhooks()
    with app.app_context():
        assert chats.stopped(PERSON)


def test_our_template_messages_are_listed_with_their_name_language_and_words_in_it(app, client, whatsapp_api):
    with app.app_context():
        whatsapp_api.approve_templates(whatsapp.submissions(WEB_URL))  # what dev.py run gives the stand-in
        hindi = body("booking_confirmed", "hi")
    values = ["आशा", "Morning Flow", "Lotus Yoga", "बुध 25 नव॰ 2026, 07:00"]
    template = {
        "name": "booking_confirmed",
        "language": {"code": "hi"},
        "components": [{"type": "body", "parameters": [{"type": "text", "text": value} for value in values]}],
    }
    sent = requests.post(
        f"{whatsapp_api.url}/{wa.GRAPH_VERSION}/{INSTALL.phone_number_id}/messages",
        json={"messaging_product": "whatsapp", "to": PERSON, "type": "template", "template": template},
        headers={"Authorization": f"Bearer {INSTALL.access_token}"},
        timeout=5,
    )
    assert sent.status_code == 200, sent.text
    [line] = client.get("/dev/whatsapp").get_json()["conversations"][0]["messages"]
    assert line["template"] == {"name": "booking_confirmed", "language": "hi", "parameters": {"body": values}}
    assert line["text"] == hindi.replace("{{1}}", values[0]).replace("{{2}}", values[1]).replace(
        "{{3}}", values[2]
    ).replace("{{4}}", values[3])
    assert hindi != body("booking_confirmed", "en")  # the catalogue's Hindi, not the English source
    assert (line["direction"], line["statuses"]) == ("out", ["sent", "delivered"])


def send_offer(whatsapp_api, *buttons: dict):
    """A waitlist_offer template message (five body parameters) with these button components."""
    values = ["Asha", "Morning Flow", "Lotus Yoga", "Wed 25 Nov 2026, 07:00", "Tue 24 Nov 2026, 18:30"]
    body_component = {"type": "body", "parameters": [{"type": "text", "text": value} for value in values]}
    template = {"name": "waitlist_offer", "language": {"code": "en"}, "components": [body_component, *buttons]}
    return requests.post(
        f"{whatsapp_api.url}/{wa.GRAPH_VERSION}/{INSTALL.phone_number_id}/messages",
        json={"messaging_product": "whatsapp", "to": PERSON, "type": "template", "template": template},
        headers={"Authorization": f"Bearer {INSTALL.access_token}"},
        timeout=5,
    )


def test_a_template_whose_button_opens_the_persons_own_link_is_taken_with_its_suffix_alone(app, whatsapp_api):
    with app.app_context():
        whatsapp_api.approve_templates(whatsapp.submissions(WEB_URL))
    suffix = {"type": "text", "text": "offers/eyJvIjoxMjN9~qTq2vJmYhK0u"}
    button = {"type": "button", "sub_type": "url", "index": "0", "parameters": [suffix]}
    assert send_offer(whatsapp_api, button).status_code == 200
    for refused in (send_offer(whatsapp_api), send_offer(whatsapp_api, button | {"index": "1"})):
        assert (refused.status_code, refused.json()["error"]["code"]) == (400, 132000), refused.text
    refused = send_offer(whatsapp_api, button | {"sub_type": ""})
    assert (refused.status_code, refused.json()["error"]["code"]) == (400, 131008), refused.text


@pytest.mark.parametrize(("stand_in", "status"), [("not running", 503), ("not set", 409)])
def test_without_a_stand_in_the_mailbox_is_told_so(make_app, assert_error, stand_in, status):
    # Not set is how tests and the contract run see it: a conflict with the set-up, never a server error.
    url = f"http://127.0.0.1:{closed_port()}" if stand_in == "not running" else ""
    client = make_app(**install_number(url)).test_client()
    assert_error(client.get("/dev/whatsapp"), status, "whatsapp_stand_in_down")
    assert_error(reply(client, "STOP"), status, "whatsapp_stand_in_down")


def test_bad_input_is_refused_before_the_stand_in_hears_of_it(client, whatsapp_api, assert_error):
    assert_error(reply(client, "hello", "not-a-number"), 400, "validation_error", "number")
    assert_error(reply(client, ""), 400, "validation_error", "text")
    assert_error(reply(client, "x" * 4097), 400, "validation_error", "text")
    assert_error(reply(client, "hello", business_number_id="12ab"), 400, "validation_error", "business_number_id")
    assert_error(client.post(f"/dev/whatsapp/{PERSON}/reply", json={}), 400, "validation_error", "text")
    assert whatsapp_api.conversations == {}
    # A number the stand-in does not have: its refusal, passed on.
    assert_error(reply(client, "hello", business_number_id="123456789"), 400, "whatsapp_stand_in_refused")


def test_the_mailbox_whatsapp_is_not_there_in_production(make_app, production_settings, whatsapp_api):
    client = make_app(**production_settings, WHATSAPP_STAND_IN_URL=whatsapp_api.url).test_client()
    assert client.get("/dev/whatsapp").status_code == 404
    assert reply(client, "STOP").status_code == 404
    assert whatsapp_api.conversations == {}

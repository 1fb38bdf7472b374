"""flask --app main_app whatsapp-templates: Meta's template-creation requests, one per template and language, in the
shape Meta takes (name, language, category, a BODY with its text and an example per parameter, a URL button); and a
booking's real outbox snapshot composes into each language's message."""

import json
import re
from datetime import timedelta

from sqlalchemy import select

from main_app.extensions import db
from main_app.models import OutboxMessage
from main_app.services.languages import SUPPORTED
from main_app.services.whatsapp import LANGUAGE_CODES, TEMPLATES, said, template_message

PLACEHOLDER = re.compile(r"\{\{(\d+)\}\}")


def _printed(app, *args: str) -> list[dict]:
    run = app.test_cli_runner().invoke(args=["whatsapp-templates", *args])
    assert run.exit_code == 0, run.output
    return json.loads(run.stdout)


def _check_shape(request: dict) -> None:
    """One template-creation request as Meta's POST /{waba-id}/message_templates takes it."""
    assert set(request) == {"name", "language", "category", "parameter_format", "components"}
    assert re.fullmatch(r"[a-z0-9_]+", request["name"]) and request["parameter_format"] == "POSITIONAL"
    assert request["category"] in ("UTILITY", "MARKETING")
    body, *buttons = request["components"]
    assert body["type"] == "BODY" and 0 < len(body["text"]) <= 1024
    [examples] = body["example"]["body_text"]
    assert len(examples) == len(set(PLACEHOLDER.findall(body["text"]))) and all(examples)
    for component in buttons:
        assert component["type"] == "BUTTONS"
        for button in component["buttons"]:
            assert button["type"] == "URL" and 0 < len(button["text"]) <= 25
            assert button["url"].startswith("https://")
            if "{{1}}" in button["url"]:
                assert button["url"].endswith("/{{1}}") and button["url"].count("{{") == 1
                [example] = button["example"]
                assert example.startswith(button["url"].removesuffix("{{1}}")) and "{{" not in example
            else:
                assert "example" not in button


def test_the_command_prints_every_template_in_every_language_as_meta_takes_it(make_app):
    app = make_app(PUBLIC_WEB_URL="https://book.lotus.example")
    printed = _printed(app)
    assert [(r["name"], r["language"]) for r in printed] == [
        (name, LANGUAGE_CODES[language]) for name in TEMPLATES for language in SUPPORTED
    ]
    for request in printed:
        _check_shape(request)
        english = next(r for r in printed if r["name"] == request["name"] and r["language"] == "en")
        ours = english["components"][0]["text"]
        assert sorted(PLACEHOLDER.findall(request["components"][0]["text"])) == sorted(PLACEHOLDER.findall(ours))
        assert request["category"] == TEMPLATES[request["name"]]["category"]
    offer = next(r for r in printed if r["name"] == "waitlist_offer" and r["language"] == "hi")
    assert offer["components"][0]["text"].startswith("नमस्ते {{1}}, ")
    [button] = offer["components"][1]["buttons"]
    assert button == {
        "type": "URL",
        "text": "सीट लें",
        "url": "https://book.lotus.example/{{1}}",
        "example": ["https://book.lotus.example/offers/eyJvIjoxMjN9~qTq2vJmYhK0u"],
    }
    [marketing] = {r["category"] for r in printed if r["name"] == "studio_offer"}
    assert marketing == "MARKETING"


def test_the_buttons_open_the_web_address_given(app):
    printed = _printed(app, "--web-url", "https://other.example/app/")
    reminder = next(r for r in printed if r["name"] == "session_reminder" and r["language"] == "mr")
    assert reminder["components"][1]["buttons"] == [
        {"type": "URL", "text": "तुमची बुकिंग पाहा", "url": "https://other.example/app/bookings"}
    ]


def test_a_real_bookings_snapshot_composes_in_each_language(app, make_session, user_client):
    session = make_session(starts_in=timedelta(days=2), title="Morning Flow", timezone="Asia/Kolkata")
    assert user_client.post("/book", json={"session_id": session.id}).status_code == 201
    with app.app_context():
        rows = db.session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "email")).all()
        payloads = {row.type: row.payload for row in rows}
    assert {"booking_confirmed", "reminder_24h"} <= set(payloads)
    for kind in ("booking_confirmed", "reminder_24h"):
        snapshot = payloads[kind]["snapshot"]
        for language in SUPPORTED:
            with app.app_context():
                message = template_message(kind, snapshot, language, web_url=app.config["PUBLIC_WEB_URL"])
                text = said(message)
            assert "Morning Flow" in text and "IST" in text and snapshot["to"]["name"] in text, text
            assert message["language"] == {"code": language}

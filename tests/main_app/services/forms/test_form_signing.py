"""A person signs the version of a studio's form they read: its hash, their typed name, drawn signature and answers
kept with when and from where; a version no longer current is refused, answers are checked against its questions
and the drawn signature must be a real PNG of sane size."""

import base64
import io

import pytest
from PIL import Image
from signed_forms import HEALTH, drawn, signing

from main_app.extensions import db
from main_app.models import FormSignature


def _sign(client, form: dict, body: dict, **headers):
    return client.post(f"/me/forms/{form['id']}/signatures", json=body, headers=headers)


def test_signing_keeps_the_version_hash_answers_image_address_and_agent(app, studio, published, user, user_client):
    form = published()
    version = form["current_version"]
    answer = _sign(user_client, form, signing(version["id"]), **{"User-Agent": "Agent/" + "x" * 400})
    assert answer.status_code == 201, answer.get_json()
    signed = answer.get_json()
    assert (signed["version_id"], signed["version_sha256"]) == (version["id"], version["sha256"])
    assert signed["answers"] == {"q1": False, "q2": "A knee, years ago."}
    with app.app_context():
        row = db.session.get(FormSignature, signed["id"])
        assert row.signature_png.startswith(b"\x89PNG") and row.user_id == user.id
        assert row.ip_address == "127.0.0.1" and len(row.user_agent) == 300


def test_my_forms_say_current_missing_or_outdated(studio, published, user_client, assert_error):
    health, waiver = published(), published({"kind": "waiver", "title": "Waiver", "body": "At my own risk."})
    assert _sign(user_client, health, signing(health["current_version"]["id"])).status_code == 201
    mine = user_client.get("/me/forms", query_string={"studio": studio.slug}).get_json()["items"]
    assert [(f["id"], f["status"]) for f in mine] == [(health["id"], "current"), (waiver["id"], "missing")]
    studio.owner.patch(f"{studio.base}/forms/{health['id']}", json={"body": "Answer each question."})
    newer = studio.owner.post(f"{studio.base}/forms/{health['id']}/versions").get_json()
    mine = user_client.get("/me/forms", query_string={"studio": studio.slug}).get_json()["items"]
    assert mine[0]["status"] == "outdated" and mine[0]["current_version"]["id"] == newer["current_version"]["id"]
    stale = _sign(user_client, health, signing(health["current_version"]["id"]))
    assert assert_error(stale, 409, "form_version_outdated")["details"] == {
        "current_version_id": newer["current_version"]["id"]
    }
    assert len(user_client.get("/me/form-signatures").get_json()["items"]) == 1
    assert_error(user_client.get("/me/forms", query_string={"studio": "no-such"}), 404, "studio_not_found")


@pytest.mark.parametrize(
    "answers",
    [{"q2": "Only this."}, {"q1": False, "q9": True}, {"q1": "no"}, {"q1": True, "q2": " "}],
    ids=["required-missing", "unknown-question", "wrong-kind", "blank-text"],
)
def test_answers_are_checked_against_the_versions_questions(published, user_client, assert_error, answers):
    form = published()
    refused = _sign(user_client, form, signing(form["current_version"]["id"], answers=answers))
    assert "answers" in assert_error(refused, 400, "validation_error")["details"]


def _png_bytes(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("L", (width, height)).save(out, format="PNG")
    return out.getvalue()


def _url(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode()


@pytest.mark.parametrize(
    "signature",
    [
        "Asha Rao",
        "data:image/jpeg;base64,/9j/4AAQ",
        _url(b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
        _url(_png_bytes(4000, 20)),
        "data:image/png;base64," + "A" * 300_000,
        "data:image/png;base64,not*base64",
    ],
    ids=["text", "jpeg", "png-signature-only", "too-wide", "too-large", "not-base64"],
)
def test_the_drawn_signature_must_be_a_real_png_of_sane_size(published, user_client, assert_error, signature):
    form = published()
    refused = _sign(user_client, form, signing(form["current_version"]["id"], signature=signature))
    assert "signature" in assert_error(refused, 400, "validation_error")["details"]


def test_an_unpublished_form_and_another_persons_copy_are_refused(
    studio, published, user_client, make_user, client_for, assert_error
):
    draft = studio.owner.post(f"{studio.base}/forms", json=HEALTH).get_json()
    assert_error(_sign(user_client, draft, signing(1)), 404, "form_not_found")
    form = published()
    signed = _sign(user_client, form, signing(form["current_version"]["id"], signature=drawn(300, 90))).get_json()
    other = client_for(make_user(name="Someone Else"))
    assert_error(other.get(f"/me/form-signatures/{signed['id']}.pdf"), 404, "form_signature_not_found")


def test_no_signature_name_or_answer_reaches_the_logs(published, user_client, caplog):
    form = published()
    body = signing(form["current_version"]["id"], answers={"q1": True, "q2": "Asthma since 2019."})
    with caplog.at_level("DEBUG"):
        assert _sign(user_client, form, body).status_code == 201
        user_client.get("/me/form-signatures")
    logged = caplog.text
    assert "Asthma since 2019" not in logged and "Asha Rao" not in logged and body["signature"][30:60] not in logged

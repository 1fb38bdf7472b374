"""A studio's forms: a draft its managers edit, versions frozen with their SHA-256 when published, never edited and
never gone, and the studio's rule of which are required before a first booking."""

import hashlib
import json

from signed_forms import HEALTH

from main_app.extensions import db
from main_app.models import FormVersion


def _hash(body: dict, questions: list) -> str:
    words = {"kind": body["kind"], "title": body["title"], "body": body["body"], "questions": questions}
    return hashlib.sha256(
        json.dumps(words, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    ).hexdigest()


def test_publishing_freezes_the_words_with_their_hash_and_keeps_each_version(app, studio, assert_error):
    made = studio.owner.post(f"{studio.base}/forms", json=HEALTH).get_json()
    assert made["current_version"] is None and made["required_before_first_booking"] is True
    assert [q["id"] for q in made["questions"]] == ["q1", "q2"]
    first = studio.owner.post(f"{studio.base}/forms/{made['id']}/versions").get_json()["current_version"]
    assert (first["number"], first["sha256"]) == (1, _hash(HEALTH, made["questions"]))
    assert_error(studio.owner.post(f"{studio.base}/forms/{made['id']}/versions"), 409, "form_unchanged")
    edited = studio.owner.patch(f"{studio.base}/forms/{made['id']}", json={"title": "PAR-Q (2026)"}).get_json()
    assert edited["title"] == "PAR-Q (2026)" and edited["current_version"] == first  # the draft alone changed
    assert edited["required_before_first_booking"] is True
    second = studio.owner.post(f"{studio.base}/forms/{made['id']}/versions").get_json()["current_version"]
    assert second["number"] == 2 and second["id"] > first["id"] and second["sha256"] != first["sha256"]
    with app.app_context():
        kept = db.session.get(FormVersion, first["id"])
        assert (kept.title, kept.sha256) == ("PAR-Q", first["sha256"])
    listed = studio.desk.get(f"{studio.base}/forms").get_json()["items"]
    assert [(form["id"], form["current_version"]["number"]) for form in listed] == [(made["id"], 2)]


def test_only_managers_write_forms_and_the_desk_reads_them(studio, assert_error):
    body = {"kind": "waiver", "title": "Waiver", "body": "At my own risk."}
    answer = assert_error(studio.desk.post(f"{studio.base}/forms", json=body), 403, "forbidden")
    assert answer["details"]["permission"] == "forms.manage"
    assert studio.instructor.get(f"{studio.base}/forms").status_code == 403
    assert studio.desk.get(f"{studio.base}/forms").status_code == 200


def test_a_draft_is_checked_field_by_field(studio, assert_error):
    bad = {**HEALTH, "kind": "tattoo", "questions": [{"label": "Why?", "kind": "essay"}]}
    answer = assert_error(studio.owner.post(f"{studio.base}/forms", json=bad), 400, "validation_error")
    assert {"kind", "questions"} <= set(answer["details"])
    assert_error(studio.owner.patch(f"{studio.base}/forms/999999", json={"title": "X"}), 404, "form_not_found")

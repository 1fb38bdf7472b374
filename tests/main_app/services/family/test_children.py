"""A guardian adds children with their consent (the words' version and hash, when and from where kept), changes and
erases them; another family's child is a 404, never a 403."""

import hashlib

from main_app.extensions import db
from main_app.models import Dependent

CHILD = {"name": "Asha", "date_of_birth": "2018-04-02", "notes_for_teacher": "Shy at first.", "consent": True}


def _add(client, **changes):
    return client.post("/me/family/children", json={**CHILD, **changes}, headers={"User-Agent": "Agent/" + "x" * 400})


def test_adding_a_child_keeps_the_consent_its_guardian_gave(app, user_client, user):
    terms = user_client.get("/me/family/children").get_json()
    assert terms["items"] == []
    consent = terms["consent"]
    assert consent["sha256"] == hashlib.sha256(consent["wording"].encode()).hexdigest()
    added = _add(user_client, name="A\u0301sha")  # typed with its accent apart: kept in NFC
    assert added.status_code == 201, added.get_json()
    child = added.get_json()
    assert child["name"] == "\u00c1sha" and child["date_of_birth"] == "2018-04-02"
    assert child["consent"]["version"] == consent["version"] and child["consent"]["sha256"] == consent["sha256"]
    with app.app_context():
        row = db.session.get(Dependent, child["id"])
        assert (row.consented_by, row.consent_ip, len(row.consent_user_agent)) == (user.id, "127.0.0.1", 300)
    assert [c["id"] for c in user_client.get("/me/family/children").get_json()["items"]] == [child["id"]]


def test_the_consent_is_given_in_the_guardians_language(user_client):
    english = user_client.get("/me/family/children").get_json()["consent"]
    hindi = user_client.get("/me/family/children", headers={"Accept-Language": "hi"}).get_json()["consent"]
    assert hindi["version"] == english["version"] and hindi["wording"] != english["wording"]
    added = user_client.post("/me/family/children", json=CHILD, headers={"Accept-Language": "hi"}).get_json()
    assert added["consent"]["sha256"] == hindi["sha256"]


def test_a_child_is_not_added_without_consent(user_client, assert_error):
    for consent in (False, None):
        body = {**CHILD, "consent": consent} if consent is not None else {**CHILD, "consent": None}
        assert "consent" in assert_error(_add(user_client, **body), 400, "validation_error")["details"]
    without = {key: value for key, value in CHILD.items() if key != "consent"}
    refused = user_client.post("/me/family/children", json=without)
    assert "consent" in assert_error(refused, 400, "validation_error")["details"]
    assert user_client.get("/me/family/children").get_json()["items"] == []


def test_a_guardian_changes_and_erases_their_child(app, user_client, assert_error):
    child = _add(user_client).get_json()
    changed = user_client.patch(f"/me/family/children/{child['id']}", json={"notes_for_teacher": None, "name": "Ashu"})
    assert changed.status_code == 200 and (changed.get_json()["name"], changed.get_json()["notes_for_teacher"]) == (
        "Ashu",
        None,
    )
    assert user_client.delete(f"/me/family/children/{child['id']}").status_code == 204
    assert user_client.get("/me/family/children").get_json()["items"] == []
    with app.app_context():
        row = db.session.get(Dependent, child["id"])
        assert row.erased_at is not None and (row.name, row.date_of_birth, row.consent_ip) == (
            "Deleted child",
            None,
            None,
        )
    assert_error(user_client.delete(f"/me/family/children/{child['id']}"), 404, "dependent_not_found")


def test_another_familys_child_is_not_found(make_user, client_for, user_client, assert_error):
    theirs = _add(client_for(make_user(name="Other parent"))).get_json()
    assert_error(
        user_client.patch(f"/me/family/children/{theirs['id']}", json={"name": "X"}), 404, "dependent_not_found"
    )
    assert_error(user_client.delete(f"/me/family/children/{theirs['id']}"), 404, "dependent_not_found")
    assert user_client.get("/me/family/children").get_json()["items"] == []

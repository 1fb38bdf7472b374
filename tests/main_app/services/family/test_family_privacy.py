"""A guardian's data export holds their family's children with the consent recorded for each; erasing the account
takes the guardian out of the family, and the last guardian out erases the children's data."""

import pytest

from main_app.extensions import db
from main_app.models import Dependent, FamilyGuardian


@pytest.fixture(autouse=True)
def _no_crm(monkeypatch):
    monkeypatch.setattr("main_app.services.accounts.export.crm_data", lambda _user_id, _children=(): {"clients": []})


def test_the_export_holds_the_children_and_their_consent(user_client, add_child):
    asha = add_child(user_client, notes_for_teacher="Asthma: inhaler in her bag.")
    family = user_client.get("/me/export").get_json()["family"]
    assert family["role"] == "primary"
    [child] = family["children"]
    assert (child["id"], child["name"], child["date_of_birth"]) == (asha["id"], "Asha", "2018-04-02")
    assert child["notes_for_teacher"] == "Asthma: inhaler in her bag."
    assert child["consent_wording_sha256"] == asha["consent"]["sha256"] and child["consent_ip"] == "127.0.0.1"


def test_a_person_without_a_family_exports_none(user_client):
    assert user_client.get("/me/export").get_json()["family"] is None


def test_erasing_the_last_guardian_erases_the_children(
    app, user, user_client, make_user, client_for, add_child, join_family
):
    asha = add_child(user_client)
    second = make_user(name="Second guardian")
    join_family(user, second)
    assert user_client.delete("/me", json={"password": user.password}).status_code == 204
    assert [c["name"] for c in client_for(second).get("/me/family/children").get_json()["items"]] == ["Asha"]
    assert client_for(second).delete("/me", json={"password": second.password}).status_code == 204
    with app.app_context():
        child = db.session.get(Dependent, asha["id"])
        assert child.erased_at is not None and (child.name, child.date_of_birth) == ("Deleted child", None)
        assert db.session.query(FamilyGuardian).count() == 0

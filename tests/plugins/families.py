"""Families of the main API's tests: children added through the API, and a second guardian joined to a family
(the family tests', and the shareable passes')."""

import pytest

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import GUARDIAN_SECOND, FamilyGuardian


@pytest.fixture
def add_child():
    """add_child(client, **fields): a child added with consent by the client's account: the child as answered."""

    def add(client, **fields) -> dict:
        body = {"name": "Asha", "date_of_birth": "2018-04-02", "consent": True, **fields}
        answer = client.post("/me/family/children", json=body)
        assert answer.status_code == 201, answer.get_json()
        return answer.get_json()

    return add


@pytest.fixture
def join_family(app):
    """join_family(guardian, account): the account becomes the second guardian of guardian's family."""

    def join(guardian, account) -> None:
        with app.app_context(), unit_of_work():
            family_id = db.session.scalar(db.select(FamilyGuardian.family_id).filter_by(user_id=guardian.id))
            db.session.add(FamilyGuardian(family_id=family_id, user_id=account.id, role=GUARDIAN_SECOND))

    return join

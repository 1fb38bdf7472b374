"""A studio with an owner, a front desk and an instructor, its forms made through the API, and drawn signatures."""

from types import SimpleNamespace

import pytest
from signed_forms import HEALTH


@pytest.fixture
def studio(make_user, client_for, add_member):
    """A studio made by its owner, with a front desk and an instructor: their clients and the forms' base path."""
    owner, desk, instructor = (make_user(name=f"Forms {role}") for role in ("Owner", "Desk", "Instructor"))
    made = client_for(owner).post(
        "/api/studios", json={"name": "Forms Studio", "timezone": "Asia/Kolkata", "currency": "INR", "country": "IN"}
    )
    assert made.status_code == 201, made.get_json()
    found = made.get_json()
    add_member(found["id"], desk, "front_desk")
    add_member(found["id"], instructor, "instructor")
    return SimpleNamespace(
        id=found["id"], slug=found["slug"], base=f"/api/studios/{found['slug']}", owner=client_for(owner),
        desk=client_for(desk), instructor=client_for(instructor), owner_account=owner, desk_account=desk,
    )  # fmt: skip


@pytest.fixture
def published(studio):
    """publish(body): a form of the studio's, written and published by its owner: the form as answered."""

    def publish(body: dict | None = None) -> dict:
        made = studio.owner.post(f"{studio.base}/forms", json=body or HEALTH)
        assert made.status_code == 201, made.get_json()
        answer = studio.owner.post(f"{studio.base}/forms/{made.get_json()['id']}/versions")
        assert answer.status_code == 201, answer.get_json()
        return answer.get_json()

    return publish

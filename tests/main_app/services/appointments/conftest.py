"""A studio with a member in each role (the studio tests' make_team), and a paid-up pack, for its private sessions."""

import pytest

from tests.main_app.services.studios.conftest import make_team  # noqa: F401  (a fixture, used by name)

PACK = {"name": "5-class pack", "kind": "pack", "credits": 5, "valid_days": 90, "price": 250_000, "currency": "INR"}


@pytest.fixture
def paid_pack(client, facilitator, facilitator_client):
    """paid_pack(person_client, credits=5): a pack of the facilitator's studio, bought and paid: the pass's document."""

    def buy(person_client, credits: int = 5) -> dict:
        made = facilitator_client.post(f"/api/facilitator/{facilitator.id}/passes", json={**PACK, "credits": credits})
        assert made.status_code == 201, made.get_json()
        bought = person_client.post(f"/passes/{made.get_json()['id']}/buy", json={})
        assert bought.status_code == 201, bought.get_json()
        reference = bought.get_json()["checkout_url"].rsplit("/", 1)[1]
        paid = client.post(f"/payments/test/checkout/{reference}", data={"action": "pay"})
        assert paid.status_code == 303
        return next(
            p for p in person_client.get("/me/passes").get_json()["items"] if p["product_id"] == made.get_json()["id"]
        )

    return buy

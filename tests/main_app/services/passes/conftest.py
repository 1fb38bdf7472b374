"""Fixtures of the passes tests: products on sale, and buying them on the test checkout."""

import pytest
from pass_shop import PACK, reference_of

from main_app.services.payments import records


@pytest.fixture
def put_on_sale(facilitator_client, facilitator):
    """Factory: a product of the facilitator's on sale, e.g. put_on_sale(PACK, price=0)."""

    def make(terms: dict = PACK, **changes) -> dict:
        made = facilitator_client.post(f"/api/facilitator/{facilitator.id}/passes", json={**terms, **changes})
        assert made.status_code == 201, made.get_json()
        return made.get_json()

    return make


@pytest.fixture
def buy(client):
    """Factory: buy a product as a person (their client); action "pay" or "decline" answers the checkout too."""

    def run(person_client, product_id: int, action: str | None = "pay") -> dict:
        bought = person_client.post(f"/passes/{product_id}/buy", json={})
        assert bought.status_code == 201, bought.get_json()
        purchase = bought.get_json()
        if action and purchase["checkout_url"]:
            answer = client.post(f"/payments/test/checkout/{reference_of(purchase)}", data={"action": action})
            assert answer.status_code == 303
        return purchase

    return run


@pytest.fixture
def signed(app):
    """A test-provider webhook for a checkout: (body, headers)."""

    def sign(kind: str, reference: str, amount: int, currency: str = "INR"):
        with app.app_context():
            return records.provider("test").signed_event(kind, reference, amount, currency)

    return sign

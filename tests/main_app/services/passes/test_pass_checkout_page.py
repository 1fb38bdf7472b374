"""A pass's test checkout holds no seat, so it says none is held."""

from pass_shop import PACK, reference_of


def test_a_pass_checkout_holds_no_seat(client, user_client, put_on_sale, buy):
    purchase = buy(user_client, put_on_sale(PACK)["id"], action=None)
    page = client.get(f"/payments/test/checkout/{reference_of(purchase)}").get_data(as_text=True)
    assert "held" not in page and "This checkout is open until" in page

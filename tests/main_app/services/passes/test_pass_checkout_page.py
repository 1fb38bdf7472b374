"""A pass's test checkout holds no seat, so it says none is held; its time is on the studio's clock."""

from pass_shop import PACK, reference_of

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import PassProduct, Studio


def test_a_pass_checkout_holds_no_seat(client, user_client, put_on_sale, buy):
    purchase = buy(user_client, put_on_sale(PACK)["id"], action=None)
    page = client.get(f"/payments/test/checkout/{reference_of(purchase)}").get_data(as_text=True)
    assert "held" not in page and "This checkout is open until" in page


def test_a_pass_checkout_says_until_when_on_the_studios_clock(app, client, user_client, put_on_sale, buy):
    product = put_on_sale(PACK)
    with app.app_context(), unit_of_work():
        studio_id = db.session.get(PassProduct, product["id"]).studio_id
        db.session.get(Studio, studio_id).timezone = "Asia/Kolkata"
    purchase = buy(user_client, product["id"], action=None)
    page = client.get(f"/payments/test/checkout/{reference_of(purchase)}").get_data(as_text=True)
    assert " IST." in page and " UTC." not in page

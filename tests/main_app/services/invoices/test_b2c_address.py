"""GST's rule 46(e): an invoice of a taxable value of ₹50,000 or more names an unregistered buyer's address and
state, so a checkout that crosses that line asks for them first (the seat or pass is not kept without them)."""

from datetime import timedelta

from invoice_checks import GST_SETTINGS, book_and_pay, pdf_text

AT_THE_LINE = 5_900_000  # ₹59,000 with 18 % GST in it: ₹50,000 taxable
HOME = {"name": "Asha Rao", "address_lines": ["14 Koregaon Park"], "city": "Pune", "state_code": "27", "country": "IN"}


def test_a_checkout_of_50000_taxable_asks_the_buyers_address_and_state_first(
    client, user_client, shop, make_session, priya, seats
):
    assert shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS).status_code == 200
    retreat = make_session(starts_in=timedelta(days=9), price=AT_THE_LINE, currency="INR", facilitator_id=priya.id)
    refused = user_client.post("/book", json={"session_id": retreat.id})
    assert refused.status_code == 409, refused.get_json()
    error = refused.get_json()["error"]
    assert error["code"] == "billing_address_required" and "₹50,000" in error["message"], error
    assert seats(retreat.id)[1] == 0  # the held seat went back
    assert user_client.put("/me/billing", json=HOME | {"address_lines": []}).status_code == 200
    assert user_client.post("/book", json={"session_id": retreat.id}).status_code == 409  # no street: still asked
    assert user_client.put("/me/billing", json=HOME).status_code == 200
    book_and_pay(client, user_client, retreat.id)
    [invoice] = user_client.get("/me/invoices").get_json()["items"]
    assert (invoice["taxable"], invoice["total"]) == (5_000_000, AT_THE_LINE)
    text = pdf_text(user_client.get(f"/me/invoices/{invoice['id']}.pdf").data)
    assert "14 Koregaon Park" in text and "Maharashtra (27)" in text, text


def test_below_the_line_or_without_gst_nobody_is_asked(client, user_client, shop, make_session, priya):
    below = make_session(starts_in=timedelta(days=9), price=AT_THE_LINE - 100, currency="INR", facilitator_id=priya.id)
    book_and_pay(client, user_client, below.id)  # no tax settings: a plain receipt
    assert shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS).status_code == 200
    other = make_session(starts_in=timedelta(days=8), price=AT_THE_LINE - 100, currency="INR", facilitator_id=priya.id)
    book_and_pay(client, user_client, other.id)  # ₹49,999.15 taxable
    assert len(user_client.get("/me/invoices").get_json()["items"]) == 2


def test_a_pass_of_50000_taxable_asks_too_and_is_not_kept_without_the_address(user_client, shop):
    assert shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS).status_code == 200
    product = {"name": "Year of yoga", "kind": "pack", "credits": 200, "valid_days": 365, "price": AT_THE_LINE}
    made = shop.owner.post(f"{shop.base}/passes", json=product).get_json()
    refused = user_client.post(f"/passes/{made['id']}/buy", json={})
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "billing_address_required"
    assert user_client.put("/me/billing", json=HOME).status_code == 200
    bought = user_client.post(f"/passes/{made['id']}/buy", json={})
    assert bought.status_code in (200, 201) and bought.get_json()["checkout_url"], bought.get_json()


def test_the_desk_asks_the_same_before_it_sells_or_books_for_a_client(
    shop, make_session, make_user, client_for, priya, seats
):
    assert shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS).status_code == 200
    asha = client_for(make_user(name="Asha Rao", email="asha@example.com"))
    pack = {"name": "Teacher training", "kind": "pack", "credits": 40, "valid_days": 365, "price": AT_THE_LINE}
    product = shop.owner.post(f"{shop.base}/passes", json=pack).get_json()
    sale = {"product_id": product["id"], "name": "Asha Rao", "email": "asha@example.com", "method": "cash"}
    retreat = make_session(starts_in=timedelta(days=9), price=AT_THE_LINE, currency="INR", facilitator_id=priya.id)
    booking = {"session_id": retreat.id, "email": "asha@example.com", "use": "door", "method": "cash"}
    for path, body in (("desk/passes", sale), ("desk/bookings", booking)):
        refused = shop.owner.post(f"{shop.base}/{path}", json=body)
        assert refused.status_code == 409, refused.get_json()
        error = refused.get_json()["error"]
        assert error["code"] == "billing_address_required" and "₹50,000" in error["message"], error
        assert "the client adds them to the billing details" in error["message"], error
    assert seats(retreat.id)[1] == 0 and asha.get("/me/passes").get_json()["items"] == []  # nothing kept
    assert asha.put("/me/billing", json=HOME).status_code == 200
    assert shop.owner.post(f"{shop.base}/desk/passes", json=sale).status_code == 201
    assert shop.owner.post(f"{shop.base}/desk/bookings", json=booking).status_code == 201
    invoices = asha.get("/me/invoices").get_json()["items"]
    assert [(item["taxable"], item["total"]) for item in invoices] == [(5_000_000, AT_THE_LINE)] * 2

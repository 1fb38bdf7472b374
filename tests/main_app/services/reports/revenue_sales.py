"""What the revenue tests sell: seats paid online (one refunded), a pack, a seat paid at the desk."""

from invoice_checks import book_and_pay

PACK = {"name": "5 Class Pack", "kind": "pack", "credits": 5, "valid_days": 60, "price": 250_000}


def sell(client, make_user, client_for, shop, payments_lane) -> None:
    """Three seats paid online (one cancelled and refunded), a pack bought online, a seat paid at the desk."""
    people = [client_for(make_user(name=f"Payer {n}")) for n in range(3)]
    paid = [book_and_pay(client, person, shop.session.id) for person in people]
    assert people[0].post(f"/bookings/{paid[0]['id']}/cancel", json={}).status_code == 200
    payments_lane()
    product = shop.owner.post(f"{shop.base}/passes", json=PACK).get_json()
    bought = people[1].post(f"/passes/{product['id']}/buy", json={}).get_json()
    reference = bought["checkout_url"].rsplit("/", 1)[1]
    assert client.post(f"/payments/test/checkout/{reference}", data={"action": "pay"}).status_code == 303
    desk = {"session_id": shop.session.id, "email": "walkin@example.com", "use": "door", "method": "cash"}
    assert shop.owner.post(f"{shop.base}/desk/bookings", json=desk).status_code == 201

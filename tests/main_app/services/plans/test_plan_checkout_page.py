"""The test checkout says what it holds: a seat while a booking's first payment is awaited, nothing for an instalment
of a seat already booked."""

import pytest
from plan_terms import reference

pytestmark = pytest.mark.both_databases


def page(client, url: str) -> str:
    return client.get(f"/payments/test/checkout/{reference(url)}").get_data(as_text=True)


def test_a_deposit_holds_the_seat_and_an_instalment_holds_nothing(client, user_client, retreat):
    booked = user_client.post("/book", json={"session_id": retreat().id}).get_json()
    assert "The seat is held until" in page(client, booked["payment"]["checkout_url"])
    client.post(f"/payments/test/checkout/{reference(booked['payment']['checkout_url'])}", data={"action": "pay"})
    opened = user_client.post(f"/bookings/{booked['id']}/instalments/1/pay").get_json()
    instalment = page(client, opened["checkout_url"])
    assert "held" not in instalment and "This checkout is open until" in instalment
    # Paid, it sends the person back to that instalment's return page, as a real provider's success_url does.
    answer = client.post(f"/payments/test/checkout/{reference(opened['checkout_url'])}", data={"action": "pay"})
    assert answer.headers["Location"].endswith(f"/bookings/{booked['id']}/payment?instalment=1&result=success")

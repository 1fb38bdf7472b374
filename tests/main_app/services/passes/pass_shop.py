"""What the passes tests sell, and how they find a purchase's checkout."""

PACK = {"name": "5-class pack", "kind": "pack", "credits": 5, "valid_days": 90, "price": 250_000, "currency": "INR"}
MEMBERSHIP = {"name": "Unlimited monthly", "kind": "membership", "period": "month", "price": 450_000}


def reference_of(purchase: dict) -> str:
    """The test checkout's reference in a purchase's checkout_url."""
    return purchase["checkout_url"].rsplit("/", 1)[1]


def bought_pass(put_on_sale, buy, person_client, terms: dict = PACK, **changes) -> dict:
    """A paid-up pass of the facilitator's (a 5-class pack unless terms say otherwise)."""
    buy(person_client, put_on_sale(terms, **changes)["id"])
    return person_client.get("/me/passes").get_json()["items"][0]


def book(person_client, session_id: int, pass_id: int, **more):
    """Book a session's seats with a pass."""
    return person_client.post("/book", json={"session_id": session_id, "pass_id": pass_id, **more})

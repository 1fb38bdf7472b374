"""What the passes tests sell, and how they find a purchase's checkout."""

PACK = {"name": "5-class pack", "kind": "pack", "credits": 5, "valid_days": 90, "price": 250_000, "currency": "INR"}
MEMBERSHIP = {"name": "Unlimited monthly", "kind": "membership", "period": "month", "price": 450_000}


def reference_of(purchase: dict) -> str:
    """The test checkout's reference in a purchase's checkout_url."""
    return purchase["checkout_url"].rsplit("/", 1)[1]

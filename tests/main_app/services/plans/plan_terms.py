"""What the payment-plan tests share: the retreat's price, its plan, and a checkout url's reference."""

PRICE = 4_500_000  # ₹45,000.00
PLAN = {"deposit": {"percent": 20}, "deposit_refundable": False, "balance_due_days": 30, "instalments": 3}


def reference(url: str) -> str:
    return url.rsplit("/", 1)[1]

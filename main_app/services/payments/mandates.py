"""Memberships renewed through mandates (Razorpay's subscriptions on UPI AutoPay and card mandates): above a
period's limit a mandate charges only when the person approves each renewal, so staff are told when they make one."""

from main_app.services.studios import with_tax

from .records import checkout_account

# The most a mandate charges a period without the person approving it (RBI's e-mandate rules), in minor units.
MANDATE_LIMITS = {"razorpay": {"INR": 1_500_000}}
APPROVAL = (
    "{provider} renews a membership above {limit} a period only when its member approves each renewal (UPI AutoPay "
    "and card mandates): they are emailed a link to approve it, and without their approval it lapses after the "
    "grace period."
)


def renewal_approval(studio_id: int, price: int, currency: str) -> str | None:
    """What staff should know of a membership at this price (before the studio's tax) in this studio: that each
    renewal waits for its member's approval; None when its provider renews it without asking."""
    name, _account = checkout_account(studio_id)
    limit = MANDATE_LIMITS.get(name, {}).get(currency.upper())
    if limit is None or with_tax(studio_id, price) <= limit:
        return None
    return APPROVAL.format(provider=name.capitalize(), limit=f"₹{limit // 100:,}")

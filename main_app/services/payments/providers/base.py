"""What every payment provider does for us, in provider-neutral terms: open a hosted checkout for an amount, read
the provider's webhooks (verified) as payment events, refund a payment. A provider never touches our database;
services.payments decides what each event means for a booking. A new gateway (Razorpay) is one module more."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from main_app.delivery import DeliveryError

# Payment events a webhook can carry (PaymentEvent.kind).
PAYMENT_SUCCEEDED = "payment_succeeded"
PAYMENT_FAILED = "payment_failed"
PAYMENT_AUTHORIZED = "payment_authorized"  # the money is held for us, to be captured (Razorpay): ours to capture
REFUND_PROCESSED = "refund_processed"
REFUND_FAILED = "refund_failed"
RENEWAL_PAID = "renewal_paid"  # a subscription charged a membership's next period
RENEWAL_FAILED = "renewal_failed"  # ... or could not
SUBSCRIPTION_ENDED = "subscription_ended"  # the provider ended a membership's subscription (no more charges)
IGNORED = "ignored"  # a verified event we have no use for (answered 200, so the provider stops resending it)


@dataclass(frozen=True)
class CheckoutRequest:
    """What to charge for one booking or one pass. The amount is ours (the price), never the client's."""

    booking_id: int | None
    amount: int  # minor units (paise, cents)
    currency: str  # ISO 4217, upper case
    description: str  # what the person sees on the checkout page, e.g. "Himalayan Silence Retreat, Tue 22 Dec"
    customer_email: str
    success_url: str  # where the checkout sends the person back after paying
    cancel_url: str  # ... or after giving up
    expires_at: datetime  # the seat hold's end: the checkout should not take money later
    idempotency_key: str  # the same key for a retried call: one checkout, never two
    pass_id: int | None = None  # a pass's purchase (booking_id None)
    # a membership the provider renews itself: its period ("month", "year") and the price of each later period
    # (amount, less a code's discount, is the first period's)
    renews_every: str | None = None
    renewal_amount: int | None = None
    studio_id: int | None = None  # whose money it is: its own provider account takes it, if it has one


@dataclass(frozen=True)
class Checkout:
    """An open checkout: its provider reference (the webhooks name it), the page to send the person to, its end."""

    reference: str
    url: str
    expires_at: datetime
    provider: str = ""  # which provider and account opened it (set by services.payments, not the provider)
    account: int | None = None


@dataclass(frozen=True)
class PaymentEvent:
    """A verified webhook, in our terms.

    event_id: the provider's id of this notification (a resend has the same one: webhooks are applied once).
    reference: the checkout it is about (Checkout.reference); payment_id: the provider's payment (what refunds
    name); amount and currency: what was actually paid; refund_id for refund events; subscription_id and pass_id
    for a membership the provider renews (its subscription, and the pass it was made for)."""

    event_id: str
    kind: str
    reference: str | None = None
    payment_id: str | None = None
    amount: int | None = None
    currency: str | None = None
    refund_id: str | None = None
    failure: str | None = None
    subscription_id: str | None = None
    pass_id: int | None = None
    approve_url: str | None = None  # a renewal waiting for the person's approval: where they give it


@dataclass(frozen=True)
class Refund:
    """A refund the provider took: processed at once (the test provider), or initiated (a webhook says when done)."""

    refund_id: str
    status: str  # "processed" or "initiated"


@dataclass(frozen=True)
class Charge:
    """A charge of a saved card (a membership's renewal): succeeded with its payment id, or declined."""

    status: str  # "succeeded" or "declined"
    payment_id: str | None = None
    failure: str | None = None
    approve_url: str | None = None  # declined until the person approves it there (a mandate above its limit)


class PaymentError(DeliveryError):
    """A provider call failed. transient: worth retrying (network, 5xx, 429); otherwise dead (a refused refund)."""

    def __init__(self, message: str, *, transient: bool = True, configuration: bool = False, unreachable=False):
        super().__init__(message)
        self.transient = transient and not configuration
        self.configuration = configuration
        self.unreachable = unreachable


class InvalidWebhook(Exception):
    """A webhook that is not the provider's (bad or missing signature), too old, or unreadable: answered 400."""


class UnknownProvider(Exception):
    """No provider by that name."""


class PaymentProvider(Protocol):
    """The interface services.payments uses; see providers/test_provider.py for a complete one."""

    name: str
    closes_checkouts: bool  # its hosted checkout stays open unless told to close (close_checkout)
    minimum_amount: int  # the least a checkout may ask, in minor units (never asked for less)

    def create_checkout(self, request: CheckoutRequest) -> Checkout:
        """Open a hosted checkout; PaymentError when the provider refuses or cannot be reached."""

    def close_checkout(self, reference: str) -> str:
        """Close an open checkout so it takes no payment; a note for the attempt log (closed, or already over)."""

    def parse_webhook(self, body: bytes, headers: dict[str, str]) -> PaymentEvent:
        """Verify (signature, age) and read one webhook; InvalidWebhook otherwise."""

    def refund(self, payment_id: str, amount: int, currency: str, *, idempotency_key: str) -> Refund:
        """Refund amount of a payment in full or part; the same key again returns the same refund."""

    def capture(self, payment_id: str, amount: int, currency: str) -> str:
        """Capture an authorised payment for its whole amount (a note for the attempt log; one captured already is
        no error). Only for providers whose webhooks say PAYMENT_AUTHORIZED."""

    def end_subscription(self, subscription_id: str, *, at_period_end: bool) -> str:
        """Stop a membership's subscription (now, or at its period's end); a note for the attempt log. Only for
        providers that renew memberships themselves (PaymentEvent.subscription_id)."""

    def test_connection(self) -> bool:
        """True when the provider answers (the dispatcher probes with it after an outage)."""

    def check_keys(self) -> None:
        """Whether the provider takes the configured keys (a studio connecting its account): a PaymentError,
        configuration when refused, otherwise (unreachable, 5xx) one that says try again."""

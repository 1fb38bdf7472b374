"""The payments lane's kind table: each kind (a row's type) gives its job class the row is read back into, the
provider call that sends it, the rows its outcome changes (locked before its message, in the lock order), and what
its answer or its death means for our rows (nothing for a capture or a close: their webhooks tell)."""

from collections.abc import Callable
from dataclasses import dataclass

from main_app.delivery import DeliveryError

from . import refunds, renewals, seat_refunds, staff_refunds
from .jobs import Capture, CloseCheckout, EndSubscription, PaymentJob, RefundRequest, RenewalCharge
from .providers.base import Charge, PaymentProvider, Refund

# The job's provider (with its studio account's keys), made when the call first asks for it.
ProviderOf = Callable[[], PaymentProvider]


class UnreadablePayment(DeliveryError):
    """A payments message of a kind no entry handles (a timed job written here by mistake, or a typo), or a row its
    kind cannot read (a payload without a key it needs): dead with this error."""

    transient = False


@dataclass(frozen=True)
class Sent:
    """What one provider call gave: the result after_delivery gets, the attempt log's note and status (None: the
    provider was not asked)."""

    result: object
    note: str
    status_code: int | None = 200


def _none(_job: PaymentJob) -> int | None:
    return None


@dataclass(frozen=True)
class Kind:
    """One kind of payments message: its class, its provider call, what its outcome changes and how."""

    job: type[PaymentJob]
    send: Callable[..., Sent]  # send(job, provider, outbox_id), on the sending thread without the database
    sent: Callable[..., None] | None = None  # sent(job, result), in the dispatcher's unit of work
    dead: Callable[..., None] | None = None  # dead(job, error), in the commit that records it dead
    payment: Callable[..., int | None] = _none  # the payment its outcome changes
    guest: Callable[..., int | None] = _none  # the guest whose seat's refund it is
    pass_: Callable[..., int | None] = _none  # the pass it renews


def _capture(job: Capture, provider: ProviderOf, _outbox_id: str) -> Sent:
    """Capture an authorised payment: its provider's captured webhook then confirms what it pays for."""
    note = provider().capture(job.payment_id, job.amount, job.currency)
    return Sent(note, note)


def _close(job: CloseCheckout, provider: ProviderOf, _outbox_id: str) -> Sent:
    note = provider().close_checkout(job.reference)
    return Sent(note, note)


def _end_subscription(job: EndSubscription, provider: ProviderOf, _outbox_id: str) -> Sent:
    """Stop a membership's subscription at its provider; cancelling twice is harmless, so no key is needed."""
    note = provider().end_subscription(job.subscription_id, at_period_end=job.at_period_end)
    return Sent(note, note)


def _renew(job: RenewalCharge, provider: ProviderOf, outbox_id: str) -> Sent:
    """Charge a membership's next period (nothing to charge for a free one); the outbox id keys it once."""
    if not job.charges:
        return Sent(Charge("succeeded"), "nothing to charge", status_code=None)
    charge = provider().charge_renewal(job.payment_id, job.amount, job.currency, idempotency_key=f"renewal-{outbox_id}")
    return Sent(charge, f"renewal: {charge.status}")


def _refund(job: RefundRequest, provider: ProviderOf, outbox_id: str) -> Sent:
    """Ask for the money back; the outbox id keys it, so a retry never refunds twice."""
    refund = provider().refund(job.payment_id, job.amount, job.currency, idempotency_key=f"refund-{outbox_id}")
    return Sent(refund, f"refund {refund.refund_id}: {refund.status}")


def _refund_sent(job: RefundRequest, refund: Refund) -> None:
    if job.guest is not None:
        seat_refunds.seat_refund_sent(job.guest, refund)
    elif job.staff_refund is not None:
        staff_refunds.staff_refund_sent(job.staff_refund, refund)
    else:
        refunds.refund_sent(job.payment, refund)


def _refund_dead(job: RefundRequest, error: str) -> None:
    if job.guest is not None:
        seat_refunds.seat_refund_dead(job.guest, error)
    elif job.staff_refund is not None:
        staff_refunds.staff_refund_dead(job.staff_refund, error)
    else:
        refunds.refund_dead(job.payment, error)


def _refunded_payment(job: RefundRequest) -> int | None:
    """A guest's seat's refund changes its guest; any other refund, its payment."""
    return job.payment if job.guest is None else None


KINDS: dict[str, Kind] = {
    Capture.KIND: Kind(Capture, send=_capture),
    CloseCheckout.KIND: Kind(CloseCheckout, send=_close),
    EndSubscription.KIND: Kind(EndSubscription, send=_end_subscription),
    RenewalCharge.KIND: Kind(
        RenewalCharge, send=_renew, sent=renewals.charged, dead=renewals.dead, pass_=lambda job: job.pass_id
    ),
    RefundRequest.KIND: Kind(
        RefundRequest,
        send=_refund,
        sent=_refund_sent,
        dead=_refund_dead,
        payment=_refunded_payment,
        guest=lambda job: job.guest,
    ),
}

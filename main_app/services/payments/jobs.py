"""The payments lane's jobs, one frozen class per kind: what each asks of a provider, typed, and the outbox row it is
written as (its type, payload, the booking it names, its due time and, for a job written once, the key its row's id
is made of). A row read back is its job again (from_payload), so the lane and its handlers never probe a payload's
keys; queue(job) writes one."""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar, Self

from main_app.delivery import outbox_row

from ...extensions import db
from ...models import CHANNEL_PAYMENTS, OutboxMessage


@dataclass(frozen=True, kw_only=True)
class PaymentJob:
    """One payments-lane job: the provider (and studio account, None for the install's keys: a row older than studio
    accounts has none) it goes to. booking_id: the booking its row names, a column and not part of its payload (a job
    read back does not know it)."""

    KIND: ClassVar[str]
    provider: str | None
    account: int | None = None
    booking_id: int | None = field(default=None, compare=False)

    @property
    def kind(self) -> str:
        """The row's type: the payments lane's kind."""
        return self.KIND

    def payload(self) -> dict:
        raise NotImplementedError

    @classmethod
    def from_payload(cls, payload: dict) -> Self:
        """The job a row of this kind holds (a KeyError for a payload without a key it needs)."""
        raise NotImplementedError

    def due(self) -> datetime | None:
        """When its row is due (None: at once)."""
        return None

    def key(self) -> str | None:
        """What makes the job one of its kind (its row's id is made of it), or None."""
        return None

    def row_id(self) -> str | None:
        key = self.key()
        return _hashed(key) if key else None


@dataclass(frozen=True, kw_only=True)
class Capture(PaymentJob):
    """An authorised payment through one of our checkouts, captured (payments.captures); its webhook tells the rest."""

    KIND: ClassVar[str] = "capture"
    payment_id: str  # the provider's
    amount: int
    currency: str

    def payload(self) -> dict:
        return {
            "capture": self.payment_id,
            "provider": self.provider,
            "account": self.account,
            "amount": self.amount,
            "currency": self.currency,
        }

    @classmethod
    def from_payload(cls, payload: dict) -> Self:
        return cls(
            payment_id=payload["capture"],
            provider=payload["provider"],
            account=payload.get("account"),
            amount=payload["amount"],
            currency=payload["currency"],
        )


@dataclass(frozen=True, kw_only=True)
class RefundRequest(PaymentJob):
    """Money of one of our payments asked back (payments.refunds): the rest of the payment, or a guest's seat
    (guest), or what staff gave back (staff_refund)."""

    KIND: ClassVar[str] = "refund"
    payment: int  # our payment's id
    payment_id: str | None  # the provider's
    amount: int
    currency: str
    guest: int | None = None
    staff_refund: int | None = None

    def payload(self) -> dict:
        payload = {
            "payment": self.payment,
            "provider": self.provider,
            "account": self.account,
            "payment_id": self.payment_id,
            "amount": self.amount,
            "currency": self.currency,
        }
        payload |= {"guest": self.guest} if self.guest is not None else {}
        return payload | ({"staff_refund": self.staff_refund} if self.staff_refund is not None else {})

    @classmethod
    def from_payload(cls, payload: dict) -> Self:
        return cls(
            payment=payload["payment"],
            provider=payload["provider"],
            account=payload.get("account"),
            payment_id=payload["payment_id"],
            amount=payload["amount"],
            currency=payload["currency"],
            guest=payload.get("guest"),
            staff_refund=payload.get("staff_refund"),
        )


@dataclass(frozen=True, kw_only=True)
class CloseCheckout(PaymentJob):
    """A provider's hosted checkout closed, its hold over (payments.checkout)."""

    KIND: ClassVar[str] = "close_checkout"
    reference: str

    def payload(self) -> dict:
        return {"close_checkout": self.reference, "provider": self.provider, "account": self.account}

    @classmethod
    def from_payload(cls, payload: dict) -> Self:
        return cls(reference=payload["close_checkout"], provider=payload["provider"], account=payload.get("account"))


@dataclass(frozen=True, kw_only=True)
class EndSubscription(PaymentJob):
    """A membership's subscription stopped at its provider, now or from its period's end (payments.renewals)."""

    KIND: ClassVar[str] = "subscription_end"
    subscription_id: str
    at_period_end: bool

    def payload(self) -> dict:
        return {
            "end_subscription": self.subscription_id,
            "provider": self.provider,
            "account": self.account,
            "at_period_end": self.at_period_end,
        }

    @classmethod
    def from_payload(cls, payload: dict) -> Self:
        return cls(
            subscription_id=payload["end_subscription"],
            provider=payload["provider"],
            account=payload.get("account"),
            at_period_end=payload["at_period_end"],
        )


@dataclass(frozen=True, kw_only=True)
class RenewalCharge(PaymentJob):
    """A membership's next period charged at its period's end (payments.renewals): one per pass and period. A
    provider's own renewal (a subscription's webhook) is applied as one too, with its account and reference."""

    KIND: ClassVar[str] = "pass_renewal"
    pass_id: int
    period_end: datetime
    amount: int | None
    tax: dict[str, object] | None
    currency: str | None
    payment_id: str | None  # the provider's saved payment the charge is made on
    reference: str | None = None

    @property
    def charges(self) -> bool:
        """Whether there is anything to charge (a free membership, or one with no saved payment, has not)."""
        return bool(self.amount and self.payment_id)

    def payload(self) -> dict:
        payload = {
            "renew_pass": self.pass_id,
            "period_end": self.period_end.isoformat(),
            "amount": self.amount,
            "tax": self.tax,
            "currency": self.currency,
            "provider": self.provider,
            "payment_id": self.payment_id,
        }
        payload |= {"account": self.account} if self.account is not None else {}
        return payload | ({"reference": self.reference} if self.reference is not None else {})

    @classmethod
    def from_payload(cls, payload: dict) -> Self:
        return cls(
            pass_id=payload["renew_pass"],
            period_end=datetime.fromisoformat(payload["period_end"]),
            amount=payload["amount"],
            tax=payload.get("tax"),
            currency=payload["currency"],
            provider=payload["provider"],
            payment_id=payload["payment_id"],
            account=payload.get("account"),
            reference=payload.get("reference"),
        )

    def due(self) -> datetime | None:
        return self.period_end

    def key(self) -> str | None:
        return self.key_of(self.pass_id, self.period_end)

    @classmethod
    def key_of(cls, pass_id: int, period_end: datetime) -> str:
        """One row per pass and period: stopping renewal finds it, and a period is never charged twice."""
        return f"{cls.KIND}:{pass_id}:{period_end.isoformat()}"

    @classmethod
    def row_id_of(cls, pass_id: int, period_end: datetime) -> str:
        """The id of a pass's charge row for a period."""
        return _hashed(cls.key_of(pass_id, period_end))


def _hashed(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def queue(job: PaymentJob) -> None:
    """Add the job's pending row on the payments channel to the caller's transaction (never committed here)."""
    row = outbox_row(
        CHANNEL_PAYMENTS, job.kind, job.payload(), message_id=job.row_id(), booking_id=job.booking_id, send_at=job.due()
    )
    db.session.add(OutboxMessage(**row))  # flushed with the caller's rows; its flush wakes the lane

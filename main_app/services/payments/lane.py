"""The payments channel's client for the dispatcher: money only. Refunds, renewal charges and captures of authorised
payments sent to the provider (with quick retries, then the growing schedule and a dead letter operators can retry),
and the provider's checkouts and subscriptions to close. Timed jobs run in the timers lane (services.timers).

deliver() runs on a sending thread without the database; what a delivery means for a booking is applied by
after_delivery / after_dead inside the dispatcher's own unit of work, with the outcome."""

import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from sqlalchemy import select

from main_app.delivery import AttemptResult, Claimed, Lane, quick_retrying

from ...extensions import db
from ...models import Studio
from . import accounts, records, refunds, renewals, seat_refunds, staff_refunds
from .providers.base import Charge, PaymentError, Refund


class PaymentsDelivery(Lane):
    """Talks to the payment providers for the outbox; one provider object per name, made on first use."""

    def __init__(self, config: Mapping, *, quick_retries: int = 2):
        self.config = config
        self.quick_retries = max(1, quick_retries)
        self._providers: dict = {}
        self._sealed: dict[int, dict[str, str]] = {}  # a studio account's sealed keys by provider, read by prepare

    @classmethod
    def from_config(cls, config: Mapping) -> "PaymentsDelivery":
        return cls(config, quick_retries=config.get("CRM_QUICK_RETRIES", 2))

    def _provider(self, name: str, account: int | None = None):
        """The provider with the install's keys, or with the keys of the studio account prepare() read."""
        sealed = None
        if account is not None:
            sealed = self._sealed.get(account, {}).get(name)
            if sealed is None:
                raise PaymentError(f"The studio's {name} account is no longer set up.", configuration=True)
        key = accounts.cache_key(name, account, sealed)
        if key not in self._providers:
            self._providers[key] = accounts.build(name, self.config, sealed)
        return self._providers[key]

    def _provider_of(self, payload: dict):
        return self._provider(payload["provider"], payload.get("account"))

    def prepare(self, batch: list[Claimed]) -> list[Claimed]:
        """Read the sealed keys of the studio accounts the batch's messages go through (deliver has no database)."""
        wanted = {message.payload.get("account") for message in batch} - {None}
        self._sealed = {account: {} for account in wanted}
        if wanted:
            rows = db.session.execute(
                select(Studio.id, Studio.payment_provider, Studio.payment_keys).where(Studio.id.in_(wanted))
            )
            for account, name, sealed in rows:
                if name and sealed:
                    self._sealed[account][name] = sealed
        return batch

    @property
    def base_url(self) -> str:
        """What the dispatcher's start-up line and the integration panel show."""
        return f"{self.config['PAYMENT_PROVIDER']} payments"

    def connection(self) -> dict:
        return {"provider": self.config["PAYMENT_PROVIDER"], "reachable": self.test_connection()}

    def test_connection(self) -> bool:
        try:
            return self._provider(self.config["PAYMENT_PROVIDER"]).test_connection()
        except PaymentError:
            return False

    def close(self) -> None:
        """Nothing pooled here: the providers' libraries keep their own connections."""

    def deliver(self, payload: dict, outbox_id: str, on_attempt: Callable[[AttemptResult], None] | None = None):
        """A refund or a renewal's charge (the outbox id is its idempotency key: a retry never pays twice), or a
        checkout or subscription to close."""
        on_attempt = on_attempt or (lambda _result: None)
        if "close_checkout" in payload:
            return self._retrying(self._close_once, payload, on_attempt)
        if "end_subscription" in payload:
            return self._retrying(self._end_subscription_once, payload, on_attempt)
        if "renew_pass" in payload:
            return self._retrying(self._renew_once, payload, outbox_id, on_attempt)
        if "capture" in payload:
            return self._retrying(self._capture_once, payload, on_attempt)
        if "payment" not in payload:  # a timed job written here by mistake: the timers lane runs those
            error = PaymentError("not a payment message (timed jobs go on the timers channel)", transient=False)
            on_attempt(AttemptResult(None, 0.0, str(error), None, datetime.now(UTC)))
            raise error
        return self._retrying(self._refund_once, payload, outbox_id, on_attempt)

    def _retrying(self, call, *args):
        """A few quick tries of one provider call while its failure is transient; then the outbox's schedule."""
        return quick_retrying(self.quick_retries, PaymentError)(call, *args)

    def _close_once(self, payload: dict, on_attempt) -> str:
        sent_at, started = datetime.now(UTC), time.perf_counter()
        try:
            note = self._provider_of(payload).close_checkout(payload["close_checkout"])
        except PaymentError as exc:
            on_attempt(AttemptResult(None, _elapsed_ms(started), str(exc)[:500], None, sent_at))
            raise
        on_attempt(AttemptResult(200, _elapsed_ms(started), None, note[:500], sent_at))
        return note

    def _end_subscription_once(self, payload: dict, on_attempt) -> str:
        """Stop a membership's subscription at its provider; cancelling twice is harmless, so no key is needed."""
        sent_at, started = datetime.now(UTC), time.perf_counter()
        try:
            note = self._provider_of(payload).end_subscription(
                payload["end_subscription"], at_period_end=payload["at_period_end"]
            )
        except PaymentError as exc:
            on_attempt(AttemptResult(None, _elapsed_ms(started), str(exc)[:500], None, sent_at))
            raise
        on_attempt(AttemptResult(200, _elapsed_ms(started), None, note[:500], sent_at))
        return note

    def _capture_once(self, payload: dict, on_attempt) -> str:
        """Capture an authorised payment: its provider's captured webhook then confirms what it pays for."""
        sent_at, started = datetime.now(UTC), time.perf_counter()
        try:
            note = self._provider_of(payload).capture(payload["capture"], payload["amount"], payload["currency"])
        except PaymentError as exc:
            on_attempt(AttemptResult(None, _elapsed_ms(started), str(exc)[:500], None, sent_at))
            raise
        on_attempt(AttemptResult(200, _elapsed_ms(started), None, note[:500], sent_at))
        return note

    def _renew_once(self, payload: dict, outbox_id: str, on_attempt) -> Charge:
        """Charge a membership's next period (nothing to charge for a free one); the outbox id keys it once."""
        sent_at, started = datetime.now(UTC), time.perf_counter()
        if not payload["amount"] or not payload["payment_id"]:
            on_attempt(AttemptResult(None, 0.0, None, "nothing to charge", sent_at))
            return Charge("succeeded")
        try:
            charge = self._provider_of(payload).charge_renewal(
                payload["payment_id"], payload["amount"], payload["currency"], idempotency_key=f"renewal-{outbox_id}"
            )
        except PaymentError as exc:
            on_attempt(AttemptResult(None, _elapsed_ms(started), str(exc)[:500], None, sent_at))
            raise
        on_attempt(AttemptResult(200, _elapsed_ms(started), None, f"renewal: {charge.status}", sent_at))
        return charge

    def _refund_once(self, payload: dict, outbox_id: str, on_attempt) -> Refund:
        sent_at, started = datetime.now(UTC), time.perf_counter()
        try:
            refund = self._provider_of(payload).refund(
                payload["payment_id"], payload["amount"], payload["currency"], idempotency_key=f"refund-{outbox_id}"
            )
        except PaymentError as exc:
            on_attempt(AttemptResult(None, _elapsed_ms(started), str(exc)[:500], None, sent_at))
            raise
        on_attempt(
            AttemptResult(200, _elapsed_ms(started), None, f"refund {refund.refund_id}: {refund.status}", sent_at)
        )
        return refund

    def lock_first(self, messages: list[Claimed]) -> None:
        """In the dispatcher's unit of work, before it locks the messages: what refunds and renewals change."""
        payloads = [message.payload for message in messages]
        records.lock_outcomes_rows(
            [payload["payment"] for payload in payloads if "payment" in payload and "guest" not in payload],
            [payload["guest"] for payload in payloads if "guest" in payload],
            [payload["renew_pass"] for payload in payloads if "renew_pass" in payload],
        )

    def after_delivery(self, message: Claimed, result) -> None:
        """In the dispatcher's unit of work: the refund's id and state, or the renewal's charge."""
        payload = message.payload
        if "guest" in payload:
            seat_refunds.seat_refund_sent(payload["guest"], result)
        elif "staff_refund" in payload:
            staff_refunds.staff_refund_sent(payload["staff_refund"], result)
        elif "payment" in payload:
            refunds.refund_sent(payload["payment"], result)
        elif "renew_pass" in payload:
            renewals.charged(payload, result)
        # a checkout or subscription closed, or a payment captured, changes nothing of ours here: its webhook tells

    def after_dead(self, message: Claimed, error: str) -> None:
        """In the dispatcher's unit of work: a refund the provider would not take is marked failed and reported."""
        payload = message.payload
        if "renew_pass" in payload:
            renewals.dead(payload, error)
        elif "guest" in payload:
            seat_refunds.seat_refund_dead(payload["guest"], error)
        elif "staff_refund" in payload:
            staff_refunds.staff_refund_dead(payload["staff_refund"], error)
        elif "payment" in payload:
            refunds.refund_dead(payload["payment"], error)


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)

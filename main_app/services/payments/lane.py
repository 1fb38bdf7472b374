"""The payments channel's client for the dispatcher: money only. Refunds, renewal charges and captures of authorised
payments sent to the provider (with quick retries, then the growing schedule and a dead letter operators can retry),
and the provider's checkouts and subscriptions to close. Timed jobs run in the timers lane (services.timers).

Each row is read back into its typed job (payments.jobs) by the kind table (payments.kinds: kind -> job class ->
handlers), never by probing its payload. hand_over() runs on a sending thread without the database; what a delivery
means for a booking is applied by after_delivery / after_dead inside the dispatcher's own unit of work, with the
outcome."""

import time
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import partial

from sqlalchemy import select

from main_app.delivery import AttemptResult, Claimed, Lane, OnAttempt, quick_retrying

from ...extensions import db
from ...models import Studio
from . import accounts, records
from .jobs import PaymentJob
from .kinds import KINDS, Kind, UnreadablePayment
from .providers.base import PaymentError


class PaymentsDelivery(Lane):
    """Talks to the payment providers for the outbox; one provider object per name, made on first use."""

    def __init__(self, config: Mapping, *, kinds: Mapping[str, Kind] = KINDS, quick_retries: int = 2):
        self.config = config
        self.kinds = dict(kinds)
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

    def prepare(self, batch: list[Claimed]) -> list[Claimed]:
        """Read the sealed keys of the studio accounts the batch's messages go through (hand_over has no database)."""
        wanted = {job.account for message in batch if (job := self._readable(message))} - {None}
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

    def deliver(self, payload: dict, outbox_id: str, on_attempt: OnAttempt | None = None) -> object:
        """A payload alone names no kind: only hand_over() can send a payments message."""
        raise UnreadablePayment("a payments message needs its kind")

    def job_of(self, message: Claimed) -> PaymentJob:
        """The message's typed job, by its kind; UnreadablePayment for a kind no entry handles (a timed job written
        here by mistake: the timers lane runs those) or a payload its kind cannot read."""
        kind = self.kinds.get(message.type)
        if kind is None:
            raise UnreadablePayment(
                f"not a payment message: no payments kind {message.type!r} (timed jobs go on the timers channel)"
            )
        try:
            return kind.job.from_payload(message.payload)
        except (KeyError, TypeError, ValueError) as exc:
            raise UnreadablePayment(f"a {message.type} message without {exc}") from exc

    def _readable(self, message: Claimed) -> PaymentJob | None:
        try:
            return self.job_of(message)
        except UnreadablePayment:
            return None

    def hand_over(self, message: Claimed, on_attempt: OnAttempt) -> object:
        """A refund or a renewal's charge (the outbox id is its idempotency key: a retry never pays twice), a capture,
        or a checkout or subscription to close; a message no kind can read is dead at once."""
        try:
            job = self.job_of(message)
        except UnreadablePayment as error:
            on_attempt(AttemptResult(None, 0.0, str(error), None, datetime.now(UTC)))
            raise
        return quick_retrying(self.quick_retries, PaymentError)(
            self._send_once, self.kinds[message.type], job, message.id, on_attempt
        )

    def _send_once(self, kind: Kind, job: PaymentJob, outbox_id: str, on_attempt: OnAttempt) -> object:
        """One provider call of the job's kind, recorded as an attempt."""
        sent_at, started = datetime.now(UTC), time.perf_counter()
        try:
            sent = kind.send(job, partial(self._provider, job.provider, job.account), outbox_id)
        except PaymentError as exc:
            on_attempt(AttemptResult(None, _elapsed_ms(started), str(exc)[:500], None, sent_at))
            raise
        on_attempt(AttemptResult(sent.status_code, _elapsed_ms(started), None, sent.note[:500], sent_at))
        return sent.result

    def lock_first(self, messages: list[Claimed]) -> None:
        """In the dispatcher's unit of work, before it locks the messages: what refunds and renewals change."""
        read = [(self.kinds[message.type], job) for message in messages if (job := self._readable(message))]
        records.lock_outcomes_rows(
            [found for kind, job in read if (found := kind.payment(job)) is not None],
            [found for kind, job in read if (found := kind.guest(job)) is not None],
            [found for kind, job in read if (found := kind.pass_(job)) is not None],
        )

    def after_delivery(self, message: Claimed, result: object) -> None:
        """In the dispatcher's unit of work: the refund's id and state, or the renewal's charge (a checkout or
        subscription closed, or a payment captured, changes nothing of ours here: its webhook tells)."""
        kind = self.kinds[message.type]
        if kind.sent is not None:
            kind.sent(self.job_of(message), result)

    def after_dead(self, message: Claimed, error: str) -> None:
        """In the dispatcher's unit of work: a refund the provider would not take is marked failed and reported, a
        renewal it would not charge is declined; a message no kind can read changes nothing."""
        kind, job = self.kinds.get(message.type), self._readable(message)
        if kind is not None and kind.dead is not None and job is not None:
            kind.dead(job, error)


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)

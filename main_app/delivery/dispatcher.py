"""Outbox dispatcher: claims one channel's due messages (CRM notifications, emails, payments), hands them to its
lane, reschedules or buries failures. crm-dispatch runs one per channel, each on its own thread, so a CRM outage never
holds up an email and an SMTP outage never holds up the CRM."""

import contextlib
import logging
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import select

from main_app.plumbing import lock_leased

from ..database import unit_of_work
from ..extensions import db
from ..models import CHANNEL_CRM, OUTBOX_DEAD, utcnow
from . import ledger
from .ledger import OUTBOX, claim_statement
from .outcomes import Claimed, DeliveryError, Lane, Outcome, describe, failed
from .sending import send_side_by_side
from .thread_names import name_os_thread
from .wakeup import WOKEN, SleepWaiter

log = logging.getLogger(__name__)


class Dispatcher:
    """Delivers one channel of the outbox at least once; the CRM's idempotency key makes it exactly once, an email's
    Message-ID (its outbox id) makes a repeat recognisable."""

    def __init__(
        self,
        client: Lane,
        *,
        schedule: list[float],
        channel: str = CHANNEL_CRM,
        batch_size: int = 50,
        lease_seconds: float = 60.0,
        poll_interval: float = 0.2,
        gather: float = 0.0,
        max_probe_interval: float = 5.0,
        concurrency: int = 8,
        waiter=None,
        when_idle: Callable[[], int] | None = None,
    ):
        self.client = client
        self.channel = channel
        self.schedule = schedule
        self.batch_size = batch_size
        self.lease = timedelta(seconds=lease_seconds)
        self.poll_interval = poll_interval
        self.gather = gather  # seconds a lane lets messages gather before a claim, once woken or caught up
        self.max_probe_interval = max_probe_interval
        self.worker_id = uuid.uuid4().hex
        # The other side failed the last round (down), without ever answering (unreachable).
        self.down = self.unreachable = False
        self.stop = threading.Event()
        self.waiter = waiter or SleepWaiter()
        self.when_idle = when_idle or (lambda: 0)  # housekeeping between rounds (retention), never during one
        # Deliveries wait on the network, not the CPU: a few in flight multiply the drain rate.
        self.concurrency = max(1, concurrency)
        named = {"thread_name_prefix": f"{channel}-send", "initializer": name_os_thread}  # top -H shows the lane
        self.pool = ThreadPoolExecutor(max_workers=self.concurrency, **named)
        ordered = getattr(client, "ordered", False)  # a lane whose messages of one key go in order (webhooks)
        self._claim = claim_statement(channel, batch_size, ordered=ordered)
        self._any_due = claim_statement(channel, 1, read_only=True, ordered=ordered)

    @property
    def batching(self) -> bool:
        """Many messages per request: the lane can (the CRM's /notify/batch), is set to, and has not stopped."""
        return self.client.batch_size > 1

    def request_stop(self) -> None:
        """Finish the delivery under way, then stop; ends a wait for new messages at once (signal-safe)."""
        self.stop.set()
        self.waiter.wake()

    def close(self) -> None:
        """Stop the sending threads, release the client's connections and the wake-up channel."""
        self.pool.shutdown(wait=True)
        self.client.close()
        self.waiter.close()

    # -- claiming ---------------------------------------------------------------------------------

    def claim(self) -> list[Claimed]:
        """Atomically lease up to batch_size due messages to this worker.

        One UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) ... RETURNING on PostgreSQL, so several
        dispatchers never take the same row; SQLite serialises writers, which gives the same.
        An expired lease (a crashed dispatcher) makes a message claimable again.
        """
        claim_token, claimed = ledger.claim_due(self._any_due, self._claim, self.lease)
        if claimed:
            self._claim_token, self._claimed_at = claim_token, time.monotonic()
        return claimed

    def record(self, outcomes: list[Outcome], *, apply: bool = True) -> None:
        """Write every attempt and each message's outcome in one transaction (apply=False: without what the channel
        does with an outcome, for a message whose outcome cannot be applied).

        A delivery is a fact: it marks a still-pending message delivered whoever holds it now, so two
        dispatchers whose leases ran out can never keep re-sending the same messages. A failure is
        written only while this worker still holds the lease; otherwise the new holder decides.
        """
        with unit_of_work():
            # A channel whose deliveries change our own data (payments: the end of a hold) locks that data first,
            # in the order a request ending the same hold takes it (the booking, then its outbox rows); locking the
            # messages first deadlocked with such a request on PostgreSQL once a lease had run out.
            if apply:
                self.client.lock_first([outcome.message for outcome in outcomes])
            # A message its change took back while it was out (a reminder of a booking just cancelled, the end of a
            # hold just paid) is gone: nothing of it is recorded, and the rest of the batch is.
            present = set(  # and stays locked: nothing deletes it before this commit
                lock_leased(select(OUTBOX.c.id).where(OUTBOX.c.id.in_([o.message.id for o in outcomes]))).scalars()
            )
            outcomes = [outcome for outcome in outcomes if outcome.message.id in present]
            self._record(outcomes, apply)

    def _record(self, outcomes: list[Outcome], apply: bool = True) -> None:
        """record()'s writes, inside its unit of work."""
        ledger.write_attempts(outcomes, self.worker_id)
        ledger.mark_delivered([outcome.message.id for outcome in outcomes if outcome.error is None])
        dead = []
        # Failures sharing their new columns (a batch the CRM refused whole: attempts, error, next time) take one
        # UPDATE per group, not one per message.
        now, groups = utcnow(), {}
        for outcome in outcomes:
            if outcome.error is not None:
                values = ledger.failure_values(outcome, self.schedule, now)
                groups.setdefault(tuple(values.items()), []).append(outcome)
        for key, members in groups.items():
            values = dict(key)
            ledger.log_failure(self.channel, members, values)
            written = ledger.mark_failed([outcome.message.id for outcome in members], self._claim_token, values)
            if values.get("status") == OUTBOX_DEAD:
                dead += [outcome for outcome in members if outcome.message.id in written]
        # A channel whose deliveries change our own data (payments) applies them in this same commit.
        if apply:
            self.client.after_deliveries([(o.message, o.result) for o in outcomes if o.error is None])
            for outcome in dead:
                self.client.after_dead(outcome.message, f"{type(outcome.error).__name__}: {outcome.error}")

    def _release(self, message_ids: list[str]) -> None:
        """Give back claimed messages untouched, for a later round."""
        if message_ids:
            with unit_of_work():
                ledger.release(message_ids, self._claim_token)

    # -- delivering -------------------------------------------------------------------------------

    def send(self, message: Claimed) -> Outcome:
        """Send one message (no database access: runs on the sending threads)."""
        outcome = Outcome(message)
        try:
            outcome.result = self.client.hand_over(message, outcome.http_attempts.append)
        except DeliveryError as exc:
            if exc.accepted:  # e.g. a 2xx is acceptance; an unreadable body does not undo it
                log.warning("outbox %s delivered, but %s", message.id, exc)
            else:
                outcome.error = exc
        except Exception as exc:  # a message the client cannot handle at all is dead with its error, not the lane
            outcome.error = failed(outcome, exc)
        return outcome

    def _units(self, batch: list[Claimed]) -> list[list[Claimed]]:
        """What goes in one request: a chunk of up to batch_size messages (a batching client), else one message."""
        size = self.client.batch_size if self.batching else 1
        return [batch[start : start + size] for start in range(0, len(batch), size)]

    def send_unit(self, unit: list[Claimed]) -> list[Outcome]:
        """Send one request's worth: a single message, or a chunk as one batch (no database access)."""
        return self.client.send_batch(unit, self.send) if self.batching else [self.send(unit[0])]

    def _send_rest(self, units: list[list[Claimed]]) -> tuple[list[Outcome], list[Claimed]]:
        """Send concurrently, recording what went as it comes back; after the first transient failure (or once a
        send could outlive the lease), leave the unsent alone."""
        # A send starts only if it ends within the lease, however slow (the lane's longest send), and within half
        # of it at most: the rest waits for the next round rather than outlive the claim and go twice.
        lease, keep = self.lease.total_seconds(), self._keep
        deadline = self._claimed_at + min(lease / 2, lease - self.client.longest_send)
        return send_side_by_side(self.pool, units, self.send_unit, deadline=deadline, keep=keep, gather=self.gather)

    def run_once(self) -> int:
        """Claim one batch and deliver it; returns the number claimed.

        The first request goes alone, as a probe (one message, or one chunk of a batching client): a CRM or SMTP
        server that is down costs one request, not a round of them. The rest go concurrently; outcomes are written
        as they come back (those back at the same moment in one commit).
        """
        batch = self.claim()
        if not batch:
            return 0
        try:
            batch = self.client.prepare(batch)  # a lane may complete messages from the database before they go
            db.session.rollback()  # its reads end here: no transaction stays open while they are handed over
            units = self._units(batch)
            outcomes = self.send_unit(units[0])
        except Exception as exc:  # a fault of the sending itself: the batch is tried again on the schedule
            self._settle([Outcome(m) for m in batch], exc, transient=True)
            return len(batch)
        self._keep(outcomes)
        unsent = [message for unit in units[1:] for message in unit]
        if not any(outcome.transient_failure for outcome in outcomes):
            try:
                sent, unsent = self._send_rest(units[1:])
                outcomes += sent
            except Exception as exc:  # a fault of the sending itself: what was not recorded is tried again
                kept = {outcome.message.id for outcome in outcomes}
                self._settle([Outcome(m) for unit in units[1:] for m in unit if m.id not in kept], exc, transient=True)
                return len(batch)
        self._release([m.id for m in unsent])
        failures = [o.error for o in outcomes if o.transient_failure]
        if failures:
            self.down = True
            self.unreachable = all(e.unreachable for e in failures)
        return len(batch)

    def _keep(self, outcomes: list[Outcome]) -> None:
        """Record these outcomes in one commit; when that fails, each alone, so one message cannot hold the others."""
        if not outcomes:
            return
        try:
            self.record(outcomes)
        except Exception as exc:
            self._abandon(f"recording {len(outcomes)} outcomes failed ({describe(exc)}); recording each alone")
            for outcome in outcomes:
                try:
                    self.record([outcome])
                except Exception as one:
                    self._abandon(f"recording outbox {outcome.message.id} failed")
                    # Our own database failing the write says nothing against a message that went: it is tried
                    # again on the schedule; one that failed for good is dead with the error.
                    went = outcome.error is None or outcome.error.transient
                    self._settle([Outcome(outcome.message, http_attempts=outcome.http_attempts)], one, transient=went)

    def _settle(self, outcomes: list[Outcome], exc: Exception, *, transient: bool = False) -> None:
        """Record these messages as failed with exc: dead, or rescheduled when transient. When what the channel does
        with that fails too (a payment hook that fails alike every time), the outcome is written without it, so a
        poisoned message goes dead rather than coming back with every lease; when even that cannot be written, they
        stay claimed until their lease runs out, then any dispatcher takes them again."""
        for outcome in outcomes:
            outcome.error = failed(outcome, exc, transient=transient)
        try:
            self.record(outcomes)
            return
        except Exception as again:
            self._abandon(f"recording {len(outcomes)} failures failed ({describe(again)}); recording them bare")
        try:
            self.record(outcomes, apply=False)
        except Exception as again:
            self._abandon(f"{len(outcomes)} messages left for their lease to run out ({describe(again)})")

    def _abandon(self, what: str) -> None:
        """Log what went wrong and end the unit of work it spoilt (no stack, no message contents)."""
        log.error("%s lane: %s", self.channel, what)
        with contextlib.suppress(Exception):  # a connection already gone has nothing to roll back
            db.session.rollback()

    def release_backlog(self) -> int:
        """After an outage, this channel's messages that waited for the other side, due now (see ledger)."""
        with unit_of_work():
            return ledger.release_backlog(self.channel)

    def _next_round(self) -> None:
        """One round; idle, wait for a wake-up (or the poll). Woken, or caught up (a partial batch), let messages
        gather for `gather` seconds, so a busy moment's share one claim and commit rather than take one each."""
        claimed = self.run_once()
        idle = claimed == 0 and not self.stop.is_set() and self.when_idle() == 0
        woken = self.waiter.wait(self.poll_interval) == WOKEN if idle else 0 < claimed < self.batch_size
        if woken and self.gather:
            self.stop.wait(self.gather)

    def run(self) -> None:
        """Deliver until self.stop is set; idle, wait for a wake-up; the other side down, probe it with growing
        pauses."""
        stop = self.stop
        probe_interval = pause = self.poll_interval
        while not stop.is_set():
            try:
                if self.down:
                    if not self.client.test_connection():
                        stop.wait(probe_interval)
                        probe_interval = min(probe_interval * 2, self.max_probe_interval)
                        continue
                    released = self.release_backlog() if self.unreachable else 0
                    log.info("%s reachable again; %d waiting messages released", self.channel, released)
                    self.down = self.unreachable = False
                    probe_interval = self.poll_interval
                self._next_round()
                pause = self.poll_interval
            except Exception as exc:  # the database or the wake-up channel failing: the lane waits, then goes on
                self._abandon(f"a round failed ({describe(exc)}); trying again in {pause:g} s")
                stop.wait(pause)
                pause = min(pause * 2, self.max_probe_interval)

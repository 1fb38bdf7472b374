"""The measurements made outside wrk (latency to the CRM, backlog drain) and the printed report."""

import math
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

import requests
from data import delivered_window, due_pending, insert_backlog, outbox_counts
from stack import SERVICE_TOKEN

MAX_PAGES = 2000  # bound on CRM pagination (200,000 notifications)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of values (p in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def wait_drained(app, timeout: float) -> tuple[float, int]:
    """Poll the main database until no outbox message is pending; returns (seconds waited, pending left)."""
    started = time.monotonic()
    pending = outbox_counts(app).get("pending", 0)
    while pending and time.monotonic() - started < timeout:
        time.sleep(0.1)
        pending = outbox_counts(app).get("pending", 0)
    return time.monotonic() - started, pending


def crm_page(crm_url: str, **params) -> dict:
    """One page of GET /notifications, read with the service token."""
    response = requests.get(
        f"{crm_url}/notifications", params=params, timeout=30, headers={"Authorization": f"Bearer {SERVICE_TOKEN}"}
    )
    response.raise_for_status()
    return response.json()


def crm_notifications(crm_url: str, since: datetime, **filters) -> list[dict]:
    """Every notification received since a time, all pages (newest first)."""
    items = []
    for page in range(1, MAX_PAGES + 1):
        body = crm_page(crm_url, since=since.isoformat(), per_page=100, page=page, **filters)
        items += body["items"]
        if page >= body["pages"]:
            break
    return items


@dataclass
class Latency:
    """Booking -> stored in the CRM."""

    bookings: int
    booked: int
    bad_statuses: dict
    stored: int
    drain_left: int
    millis: list[float] = field(default_factory=list)


def measure_latency(stack, pairs: list[tuple[str, int]], rate: float) -> Latency:
    """Book each pair at rate per second, wait for delivery, then compare the CRM's received_at with occurred_at."""
    since = datetime.now(UTC)
    booking_ids, bad = set(), Counter()
    started = time.monotonic()
    with requests.Session() as http:
        for i, (token, session_id) in enumerate(pairs):
            pause = started + i / rate - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            response = http.post(
                f"{stack.main_url}/bookings/book",
                json={"session_id": session_id},
                headers={"Authorization": f"Bearer {token}"},
                timeout=30,
            )
            if response.status_code == 201:
                booking_ids.add(response.json()["id"])
            else:
                bad[response.status_code] += 1
    _, left = wait_drained(stack.app, 60)
    mine = [
        n for n in crm_notifications(stack.crm_url, since, type="booking_created") if n["booking_id"] in booking_ids
    ]
    millis = [
        (datetime.fromisoformat(n["received_at"]) - datetime.fromisoformat(n["occurred_at"])).total_seconds() * 1000
        for n in mine
    ]
    return Latency(len(pairs), len(booking_ids), dict(bad), len({n["notification_id"] for n in mine}), left, millis)


@dataclass
class Backlog:
    """A pre-filled outbox delivered by a freshly started dispatcher."""

    messages: int
    seconds: float
    left: int
    crm_added: int
    delivered: int
    first_to_last: float | None


def measure_backlog(stack, count: int) -> Backlog:
    """Stop the dispatcher, insert count pending messages, start it and time until none is pending."""
    stack.dispatcher.stop()
    crm_before = crm_page(stack.crm_url, per_page=1)["total"]
    created_since = insert_backlog(stack.app, count)
    stack.dispatcher.start()
    seconds, left = wait_drained(stack.app, max(300.0, count / 10))
    # The CRM stores before it answers, so its total is final once nothing is pending.
    crm_added = crm_page(stack.crm_url, per_page=1)["total"] - crm_before
    delivered, first, last = delivered_window(stack.app, created_since)
    span = (last - first).total_seconds() if first and last else None
    return Backlog(count, seconds, left, crm_added, delivered, span)


def _ms(value: float) -> str:
    """Milliseconds in a table column."""
    return f"{value:9.1f}"


class Report:
    """Collects results and prints them as one table."""

    def __init__(self, args, stack, load, command: str):
        self.args, self.stack, self.load, self.command = args, stack, load, command
        self.lines: list[str] = []
        self.phases: dict[str, object] = {}
        self.recoveries: list[str] = []
        self.latency: Latency | None = None
        self.backlog: Backlog | None = None
        self.dead = 0

    def machine(self, machine: str, python, database) -> None:
        """The header: machine, software, settings, command lines."""
        self.lines = [
            f"machine   {machine}",
            f"python    {python} ({self.command.split()[0]})",
            f"database  {database}",
            "services  CRM and main API on gunicorn (gthread, 2 workers x 4 threads each), 1 dispatcher process",
            f"settings  {self.stack.settings()} (defaults unless the environment or .env says otherwise)",
            f"load      wrk -t{self.args.threads} -c{self.args.connections}, {self.args.seconds:g} s per phase; "
            "every booking a "
            f"fresh (user, session) pair of {self.args.users} users x {self.args.sessions} sessions",
            f"command   (in {os.getcwd()}) {self.command}",
            f"wrk line  {self.load.describe(self.args.seconds)}",
        ]

    def phase(self, name: str, result, expected: int) -> None:
        """One wrk run and the status every response should have had."""
        self.phases[name] = (result, expected)

    def recovery(self, kind: str, backlog: int, seconds: float, left: int, note: str) -> None:
        """How the outbox caught up after a phase."""
        state = (
            f"all delivered {seconds:.1f} s later"
            if not left
            else f"NOT drained after {seconds:.0f} s ({left} pending)"
        )
        self.recoveries.append(f"  after CRM {kind:<28} {backlog:6d} pending, {state}{note}")

    def _throughput(self) -> list[str]:
        rows = [
            f"{'phase':<24}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'requests':>10}{'unexpected':>11}"
            f"  {'CPU cores main/crm/disp/wrk':<28}statuses"
        ]
        for name, (r, expected) in self.phases.items():
            statuses = " ".join(f"{s}:{n}" for s, n in sorted(r.statuses.items()))
            extra = f" socket-errors:{r.socket_errors}" if r.socket_errors else ""
            extra += f" OUT-OF-PAIRS:{r.exhausted}" if r.exhausted else ""
            cores = "/".join(f"{r.cores.get(n, 0.0):.2f}" for n in ("main-api", "crm", "dispatcher", "wrk"))
            rows.append(
                f"{name:<24}{r.rps:9.1f}{_ms(r.p50_ms)}{_ms(r.p99_ms)}{_ms(r.max_ms)}{r.requests:10d}"
                f"{r.unexpected(expected):11d}  {cores:<28}{statuses}{extra}"
            )
        up = self.phases.get("book, CRM up", (None,))[0]
        for name in ("down", "hanging"):
            other = self.phases.get(f"book, CRM {name}", (None,))[0]
            if up and other and up.rps:
                ratio = other.rps / up.rps
                verdict = "meets" if ratio >= 0.9 else "BELOW"
                rows.append(f"ratio {name}/up{'':<{8 - len(name)}} {ratio:5.2f}   ({verdict} the 0.9 target)")
        health = self.phases.get("GET /health (ceiling)", (None,))[0]
        if up and health and health.rps:
            rows.append(f"ratio up/health   {up.rps / health.rps:5.2f}   (booking vs the GET /health ceiling)")
        return rows

    def _latency(self) -> list[str]:
        lat = self.latency
        if lat is None:
            return []
        bad = f", non-201: {lat.bad_statuses}" if lat.bad_statuses else ", non-201: 0"
        left = f", {lat.drain_left} still pending" if lat.drain_left else ""
        return [
            "Booking -> stored in CRM (received_at - occurred_at): "
            f"{lat.bookings} bookings at {self.args.latency_rate:g}/s, "
            f"CRM up, otherwise idle",
            f"  booked {lat.booked}/{lat.bookings}{bad}; stored in CRM {lat.stored}/{lat.booked}{left}",
            f"  p50 {percentile(lat.millis, 50):.1f} ms   p99 {percentile(lat.millis, 99):.1f} ms   "
            f"max {max(lat.millis, default=float('nan')):.1f} ms{self._load_share()}",
        ]

    def _load_share(self) -> str:
        """The latency step's rate as a share of the drain rate measured below: queueing shows in the latency."""
        b = self.backlog
        if b is None or not b.seconds:
            return ""
        share = self.args.latency_rate * b.seconds / b.messages
        return f"   ({self.args.latency_rate:g}/s = {share:.0%} of the drain rate below)"

    def _backlog(self) -> list[str]:
        b = self.backlog
        if b is None:
            return []
        state = "" if not b.left else f" (NOT drained: {b.left} pending)"
        span = (
            f"; first to last delivery {b.first_to_last:.1f} s = {b.delivered / b.first_to_last:.0f} msg/s"
            if b.first_to_last
            else ""
        )
        return [
            f"Backlog drain: dispatcher stopped, {b.messages} pending booking_created messages inserted, "
            "dispatcher started",
            f"  {b.messages} delivered in {b.seconds:.1f} s from dispatcher start = {b.messages / b.seconds:.0f} msg/s"
            f"{span}{state}",
            f"  CRM stored +{b.crm_added} (expected +{b.messages}); dead messages in the outbox: {self.dead}",
        ]

    def print(self, total_seconds: float) -> None:
        rule = "=" * 100
        out = [
            rule,
            "Delivery benchmark (one run: compare the ratios, not absolute numbers across runs)",
            rule,
            *self.lines,
            "",
            *self._throughput(),
            "",
            "Outbox after each phase (after an outage: from the restarted CRM answering /health to nothing pending):",
            *self.recoveries,
            "",
            *self._latency(),
            "",
            *self._backlog(),
            "",
            f"run took {total_seconds:.0f} s; load average now {os.getloadavg()[0]:.2f} (this run's own load included)",
            rule,
        ]
        print("\n".join(out), flush=True)


def wait_settled(app, timeout: float) -> tuple[float, int]:
    """Poll until no CRM message or email is due and pending (each was handed over or failed); (seconds, left)."""
    started = time.monotonic()
    left = due_pending(app)
    while left and time.monotonic() - started < timeout:
        time.sleep(0.05)
        left = due_pending(app)
    return time.monotonic() - started, left

#!/usr/bin/env python3
"""Retention benchmark: the dispatcher pruning delivered outbox rows past OUTBOX_RETENTION_DAYS while people book,
beside the same booking load with nothing to prune.

Run from the project root with the project's interpreter:
    .venv/bin/python bench/retention.py [--database-url postgresql://user@host:5432/db] [--rows N] [--quick]
For each backend (SQLite always; PostgreSQL too when a URL is given) it starts the whole system on gunicorn over
fresh databases, stops the dispatcher and seeds 1,000,000 delivered outbox rows, each with its delivery attempt,
over every channel, delivered a day to a year before the cut-off, and beside them rows pruning must leave
(pending, leased, dead, delivered within the period). Then it starts the dispatcher and books fresh
(user, session) pairs with wrk until the last old row is gone, then books as long again with nothing to prune.
It prints how long the pruning took, both phases' req/s, p50 and p99, and whether every row that had to stay is
still there. It asserts nothing.
"""

import argparse
import json
import math
import platform
import shlex
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # main_app and start_services live in the project root; bench/ is already on the path

from data import create_load_data  # noqa: E402
from measure import wait_settled  # noqa: E402
from retention_data import Census, OutboxWatch, Seeded, census, seed  # noqa: E402
from runner import add_load_options, machine, run_bench  # noqa: E402
from stack import Databases, Stack  # noqa: E402
from wrkload import BookingPairs, LoadResult, Wrk, ensure_wrk  # noqa: E402

from main_app.lanes import CHANNELS  # noqa: E402

DAYS = 30  # the retention period the dispatcher runs with (OUTBOX_RETENTION_DAYS' default)
BENCH_ENV = {"OUTBOX_RETENTION_DAYS": str(DAYS)}
KEPT = 250  # rows of each kind pruning must leave, per channel
SESSIONS, CAPACITY = 200, 1_000_000  # roomy sessions: every booking of a fresh pair is a 201
RATE_BOUND = 500  # bookings a second the request files leave room for (well above what 2 cores reach)
SAMPLE_EVERY = 5.0  # seconds between counts of the old rows left
WIDTH = 118


def parse_args(argv=None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="also run on this PostgreSQL server (fresh schemas, dropped afterwards)")
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL even when a URL is given")
    parser.add_argument("--rows", type=int, help="old delivered rows to prune (default 1,000,000; --quick 100,000)")
    parser.add_argument("--quick", action="store_true", help="100,000 rows unless --rows says otherwise")
    parser.add_argument(
        "--max-seconds",
        type=int,
        default=300,
        help="longest the booking load runs while pruning (300); pruning then goes on without it, and is timed",
    )
    add_load_options(parser)
    args = parser.parse_args(argv)
    args.rows = args.rows or (100_000 if args.quick else 1_000_000)
    # --seconds: the phase with nothing to prune; by default as long as the pruning took.
    return args


@dataclass
class Pruning:
    """The pruning as watched from outside: when each channel's last old row went, and counts now and then."""

    watch: OutboxWatch
    started: float
    finished: dict[str, float] = field(default_factory=dict)  # channel -> seconds from the dispatcher's start
    samples: list[tuple[float, dict[str, int]]] = field(default_factory=list)  # (seconds, old rows left per channel)
    load_seconds: float = 0.0  # how long the booking load ran beside it
    left_at_load_end: int = 0

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def done(self) -> bool:
        """True once no channel has an old row left (the booking load's until())."""
        now, left = self.elapsed(), self.watch.channels_left()
        for channel in set(CHANNELS) - left - set(self.finished):
            self.finished[channel] = now
        if (
            not self.samples
            or now - self.samples[-1][0] >= SAMPLE_EVERY
            or (not left and any(self.samples[-1][1].values()))
        ):
            self.samples.append((now, self.watch.per_channel() if left else dict.fromkeys(CHANNELS, 0)))
        return not left

    @property
    def seconds(self) -> float:
        return max(self.finished.values(), default=0.0)


@dataclass
class BackendResult:
    """One backend's figures."""

    database: str
    seeded: Seeded
    before: Census
    after: Census
    pruning: Pruning
    with_pruning: LoadResult
    without: LoadResult
    settled: list[str]


def run_backend(args, cleanup, workdir: Path, url: str | None, wrk: Wrk) -> BackendResult:
    """Start a stack over one backend, seed its outbox, and measure booking with and without pruning."""
    databases = Databases(workdir, url)
    cleanup.callback(databases.drop)
    stack = Stack(workdir, databases, BENCH_ENV)
    cleanup.callback(stack.stop)
    name = databases.backend
    print(f"[{name}] starting CRM, main API and dispatcher on gunicorn (work dir {workdir})...", flush=True)
    stack.start()
    pairs_needed = 2 * RATE_BOUND * args.max_seconds
    users = max(100, math.ceil(pairs_needed / SESSIONS))
    tokens, session_ids = create_load_data(stack.app, users, SESSIONS, CAPACITY)
    pairs = BookingPairs(tokens, session_ids)
    book_file = workdir / "book.txt"
    print(f"[{name}] warming up...", flush=True)
    pairs.run(wrk, stack.main_url, book_file, 2, RATE_BOUND, stack.services)
    wait_settled(stack.app, 300)

    stack.dispatcher.stop()
    print(f"[{name}] dispatcher stopped; seeding {args.rows:,} delivered rows past {DAYS} days...", flush=True)
    seeded = seed(stack.app, args.rows, DAYS, KEPT)
    before = census(stack.app, seeded.stamp)
    pairs.prepare(book_file, args.max_seconds, RATE_BOUND)
    print(f"[{name}] seeded in {seeded.seconds:.0f} s; starting the dispatcher and booking until pruned...", flush=True)
    pruning = Pruning(OutboxWatch(stack.app, DAYS), time.monotonic())
    stack.dispatcher.start()
    with_pruning = pairs.run_prepared(
        wrk, stack.main_url, book_file, args.max_seconds, stack.services, until=pruning.done
    )
    pruning.load_seconds = pruning.elapsed()
    pruning.left_at_load_end = 0 if pruning.done() else sum(pruning.watch.per_channel().values())
    if pruning.left_at_load_end:
        print(f"[{name}] {pruning.left_at_load_end:,} old rows left as the load ended; waiting for them...", flush=True)
        while not pruning.done() and pruning.elapsed() < args.max_seconds + 3600:
            time.sleep(0.5)
    settled = [f"after pruning: {_settled(pruning.watch)}"]

    seconds = args.seconds or max(3, round(pruning.load_seconds))
    print(f"[{name}] booking for {seconds} s with nothing to prune...", flush=True)
    without = pairs.run(wrk, stack.main_url, book_file, seconds, RATE_BOUND, stack.services)
    settled.append(f"after booking with nothing to prune: {_settled(pruning.watch)}")
    after = census(stack.app, seeded.stamp)
    result = BackendResult(databases.describe(), seeded, before, after, pruning, with_pruning, without, settled)
    stack.stop()
    databases.drop()
    return result


def _settled(watch: OutboxWatch, timeout: float = 300) -> str:
    """Wait until everything the bookings set off is delivered; says how long that took."""
    started = time.monotonic()
    while (left := watch.due()) and time.monotonic() - started < timeout:
        time.sleep(0.1)
    seconds = time.monotonic() - started
    return f"every CRM message and email due delivered {seconds:.1f} s later" + (f", {left} LEFT" if left else "")


def _phase(title: str, r: LoadResult) -> str:
    cores = "/".join(f"{r.cores.get(n, 0.0):.2f}" for n in ("main-api", "crm", "dispatcher"))
    api_ms = r.cores.get("main-api", 0.0) / r.rps * 1000 if r.rps else 0.0
    statuses = " ".join(f"{s}:{n}" for s, n in sorted(r.statuses.items()))
    statuses += f" socket-errors:{r.socket_errors}" if r.socket_errors else ""
    statuses += f" OUT-OF-REQUESTS:{r.exhausted}" if r.exhausted else ""
    return (
        f"{title:<30}{r.seconds:8.1f}{r.rps:9.1f}{r.p50_ms:9.1f}{r.p99_ms:9.1f}{r.requests:10d}"
        f"{r.unexpected(201):6d}  {cores:<20}{api_ms:9.2f}  {statuses}"
    )


def _tail(p: Pruning) -> str:
    """The pruning left when the booking load had run its longest, done without load."""
    tail = p.seconds - p.load_seconds
    rate = f" = {p.left_at_load_end / tail:,.0f} rows/s" if tail > 0 else ""
    return f"; the other {p.left_at_load_end:,} took {tail:.1f} s more without load{rate}"


def lines(r: BackendResult) -> list[str]:
    """One backend's block of the printed table."""
    p, s, before, after = r.pruning, r.seeded, r.before, r.after
    pruned = before.old - after.old
    channels = ", ".join(f"{c} {n:,}" for c, n in s.per_channel.items())
    finished = ", ".join(f"{c} {p.finished[c]:.1f} s" if c in p.finished else f"{c} NOT done" for c in CHANNELS)
    under_load = before.old - p.left_at_load_end
    step = max(1, math.ceil(len(p.samples) / 12))
    shown = p.samples[::step] + ([p.samples[-1]] if (len(p.samples) - 1) % step else [])
    progress = [
        f"  {channel:<10}" + ", ".join(f"{t:.0f} s {left[channel]:,}" for t, left in shown) for channel in CHANNELS
    ]
    kept = ", ".join(
        f"{kind} {after.kept[kind]:,}/{before.kept[kind]:,} ({after.kept_attempts[kind]:,}/"
        f"{before.kept_attempts[kind]:,} attempts)"
        for kind in before.kept
    )
    intact = after.kept == before.kept and after.kept_attempts == before.kept_attempts
    w, o = r.with_pruning, r.without
    out = [
        f"database  {r.database}",
        f"seeded    {s.rows:,} delivered rows ({channels}), each with its attempt, delivered 1 to 366 days before "
        f"the {DAYS}-day cut-off, in {s.seconds:.0f} s; and {s.kept_per_kind} rows of each kind that must stay per "
        "channel (pending, leased, dead, delivered a day inside the period)",
        "",
        f"{'phase':<30}{'seconds':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'requests':>10}{'bad':>6}"
        f"  {'cores main/crm/disp':<20}{'API ms/bk':>9}  statuses",
        _phase("POST /bookings/book, pruning", w),
        _phase("POST /bookings/book, nothing", o),
        *(f"  {line}" for line in r.settled),
        "",
        f"pruning   {pruned:,} rows and {before.old_attempts - after.old_attempts:,} attempts in {p.seconds:.1f} s "
        f"from the dispatcher's start = {pruned / p.seconds if p.seconds else 0:,.0f} rows/s; "
        f"each channel's last old row gone after: {finished}",
        f"  under load  the booking load ran {p.load_seconds:.1f} s; {under_load:,} rows pruned meanwhile = "
        f"{under_load / p.load_seconds:,.0f} rows/s" + (_tail(p) if p.left_at_load_end else " (all of them)"),
        "  old rows left after so many seconds, per channel:",
        *progress,
        f"booking   p99 {w.p99_ms:.0f} ms while pruning vs {o.p99_ms:.0f} ms with nothing to prune "
        f"(x{w.p99_ms / o.p99_ms if o.p99_ms else 0:.2f}); p50 {w.p50_ms:.1f} vs {o.p50_ms:.1f} ms; "
        f"req/s {w.rps:.0f} vs {o.rps:.0f} (x{w.rps / o.rps if o.rps else 0:.2f})",
        f"kept      present after / before: {kept}: {'all there' if intact else 'SOME DELETED'}; "
        f"old rows left {after.old:,}, their attempts left {after.old_attempts:,}",
    ]
    return out


def main(argv=None) -> int:
    """Run every backend and print one block each; every process started is stopped on the way out."""
    args = parse_args(argv)
    command = shlex.join([sys.executable, *sys.argv])
    urls = [None] + ([args.database_url] if args.database_url and not args.sqlite_only else [])

    def work(cleanup, workdir):
        wrk = Wrk(ensure_wrk(), threads=args.threads, connections=args.connections)
        header = [
            f"machine   {machine()}",
            f"python    {platform.python_version()} ({sys.executable})",
            "services  CRM and main API on gunicorn (gthread, 2 workers x 4 threads each), 1 dispatcher process "
            f"(one lane per channel, each pruning a batch when it finds nothing due); settings {json.dumps(BENCH_ENV)}",
            f"load      wrk -t{args.threads} -c{args.connections}, fresh (user, session) pairs; with pruning from the "
            f"dispatcher's start until no old row is left (at most {args.max_seconds} s), then as long again",
            f"command   (in {Path.cwd()}) {command}",
        ]
        results = []
        for url in urls:
            backend_dir = workdir / ("postgresql" if url else "sqlite")
            backend_dir.mkdir()
            results.append(run_backend(args, cleanup, backend_dir, url, wrk))

        def report(seconds: float) -> None:
            rule = "=" * WIDTH
            out = [rule, "Retention benchmark (compare the figures of one run, not across runs)", rule, *header]
            for result in results:
                out += ["", "-" * WIDTH, *lines(result)]
            out += ["", f"run took {seconds:.0f} s", rule]
            print("\n".join(out), flush=True)

        return report

    return run_bench("bench-retention-", args.keep, work)


if __name__ == "__main__":
    sys.exit(main())

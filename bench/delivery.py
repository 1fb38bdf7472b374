#!/usr/bin/env python3
"""Delivery benchmark: booking throughput with the CRM up, down and hanging; booking-to-CRM latency; backlog drain.

Run from the project root with the project's interpreter:
    .venv/bin/python bench/delivery.py [--database-url postgresql://user@host:5432/db] [--quick]
It starts the whole system on gunicorn on free loopback ports over fresh databases (SQLite files in a temp
directory, or new schemas on the given PostgreSQL server, dropped afterwards), measures everything in one
run and prints a table. It asserts nothing: compare the ratios, which are measured in the same run.

Load generator: wrk, the reference here. Its Lua script (requests.lua) sends a file of prepared requests,
each booking a distinct (user token, session) pair once, so every booking is a real 201 with no Python in
the load path.
"""

import argparse
import platform
import shlex
import sys
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # main_app and start_services live in the project root; bench/ is already on the path

from data import create_load_data, outbox_counts  # noqa: E402
from measure import Report, measure_backlog, measure_latency, wait_drained  # noqa: E402
from runner import add_load_options, machine, run_bench  # noqa: E402
from stack import Databases, HangingServer, Stack  # noqa: E402
from wrkload import BookingPairs, LoadResult, Request, Wrk, ensure_wrk, write_requests  # noqa: E402

CAPACITY = 100_000
RATE_BOUND = 1500  # bookings a second the request files leave room for (well above what 2 cores reach)


def parse_args(argv=None) -> argparse.Namespace:
    """Command-line options; --quick shortens every part."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", help="PostgreSQL server to use (a fresh schema per service); SQLite when omitted"
    )
    parser.add_argument("--quick", action="store_true", help="3 s phases, 100 latency bookings, 2,000 backlog messages")
    parser.add_argument("--users", type=int, default=400, help="accounts; users x sessions fresh pairs (default 400)")
    parser.add_argument("--sessions", type=int, default=200, help="sessions with 100,000 seats each (default 200)")
    parser.add_argument(
        "--latency-rate", type=float, default=50.0, help="bookings per second for the latency step (default 50)"
    )
    add_load_options(parser)
    args = parser.parse_args(argv)
    args.seconds = args.seconds or (3 if args.quick else 10)
    args.latency_bookings = 100 if args.quick else 300
    args.backlog = 2_000 if args.quick else 10_000
    return args


class Load:
    """wrk aimed at the main API: GET /health in a loop, or fresh bookings."""

    def __init__(self, wrk: Wrk, stack: Stack, pairs: BookingPairs, workdir: Path):
        self.wrk, self.stack, self.pairs, self.workdir = wrk, stack, pairs, workdir
        self.health_file = write_requests(workdir / "health.txt", [Request("GET", "/health")])
        self.book_file = workdir / "book.txt"

    def run(self, mode: str, seconds: float) -> LoadResult:
        """One wrk run ('health' or 'book'), with the CPU cores each service used meanwhile."""
        if mode == "health":
            return self.wrk.run(self.stack.main_url, self.health_file, seconds, services=self.stack.services)
        return self.pairs.run(self.wrk, self.stack.main_url, self.book_file, seconds, RATE_BOUND, self.stack.services)

    def describe(self, seconds: float) -> str:
        """The booking phase's wrk command line."""
        return self.wrk.describe(self.stack.main_url, self.book_file, seconds, once=True)


def outage_phase(stack: Stack, load: Wrk, report: Report, seconds: float, kind: str, cleanup: ExitStack) -> None:
    """Stop the CRM (or replace it by a server that never answers), measure bookings, restart it and drain."""
    stack.crm.stop()
    hanging = None
    if kind == "hanging":
        hanging = HangingServer(stack.crm_port).start()
        cleanup.callback(hanging.stop)
    print(f"  booking for {seconds:g} s with the CRM {kind}...", flush=True)
    report.phase(f"book, CRM {kind}", load.run("book", seconds), 201)
    backlog = outbox_counts(stack.app).get("pending", 0)
    note = f"; the hanging server accepted {hanging.stop()} connections" if hanging else ""
    stack.crm.start().wait_healthy(60)
    seconds_to_drain, left = wait_drained(stack.app, 300)
    report.recovery(kind, backlog, seconds_to_drain, left, note)


def run(args, cleanup: ExitStack, workdir: Path, command: str) -> Report:
    """Everything, in order; the caller's ExitStack stops whatever was started."""
    wrk_path = ensure_wrk()
    databases = Databases(workdir, args.database_url)
    cleanup.callback(databases.drop)
    stack = Stack(workdir, databases)
    cleanup.callback(stack.stop)
    print(
        f"Starting CRM, main API and dispatcher on gunicorn over {databases.backend} (work dir {workdir})...",
        flush=True,
    )
    stack.start()
    print(f"Creating {args.users} users with tokens and {args.sessions} sessions of {CAPACITY} seats...", flush=True)
    tokens, session_ids = create_load_data(stack.app, args.users, args.sessions, CAPACITY)
    pairs = BookingPairs(tokens, session_ids)
    load = Load(Wrk(wrk_path, threads=args.threads, connections=args.connections), stack, pairs, workdir)
    report = Report(args, stack, load, command)
    report.machine(machine(), platform.python_version(), databases.describe())

    seconds = args.seconds
    print("Warming up...", flush=True)
    load.run("health", 1)
    load.run("book", max(1, seconds // 3))
    wait_drained(stack.app, 300)
    print(f"  GET /health for {seconds:g} s (ceiling)...", flush=True)
    report.phase("GET /health (ceiling)", load.run("health", seconds), 200)
    print(f"  booking for {seconds:g} s with the CRM up...", flush=True)
    report.phase("book, CRM up", load.run("book", seconds), 201)
    backlog = outbox_counts(stack.app).get("pending", 0)
    seconds_to_drain, left = wait_drained(stack.app, 300)
    report.recovery("up (dispatcher catching up)", backlog, seconds_to_drain, left, "")
    outage_phase(stack, load, report, seconds, "down", cleanup)
    outage_phase(stack, load, report, seconds, "hanging", cleanup)

    print(
        f"  {args.latency_bookings} bookings at {args.latency_rate:g}/s, CRM up, for booking -> stored latency...",
        flush=True,
    )
    report.latency = measure_latency(stack, pairs.take(args.latency_bookings), args.latency_rate)
    print(f"  backlog drain of {args.backlog} messages...", flush=True)
    report.backlog = measure_backlog(stack, args.backlog)
    report.dead = outbox_counts(stack.app).get("dead", 0)
    return report


def main(argv=None) -> int:
    """Run the benchmark and print the table; every process started is stopped on the way out."""
    args = parse_args(argv)
    command = shlex.join([sys.executable, *sys.argv])
    return run_bench("bench-delivery-", args.keep, lambda cleanup, workdir: run(args, cleanup, workdir, command).print)


if __name__ == "__main__":
    sys.exit(main())

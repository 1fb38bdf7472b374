#!/usr/bin/env python3
"""Delivery benchmark: booking throughput with the CRM up, down and hanging; booking-to-CRM latency; backlog drain.

Run from the project root with the project's interpreter:
    .venv/bin/python bench/delivery.py [--database-url postgresql://user@host:5432/db] [--quick]
It starts the whole system on gunicorn on free loopback ports over fresh databases (SQLite files in a temp
directory, or new schemas on the given PostgreSQL server, dropped afterwards), measures everything in one
run and prints a table. It asserts nothing: compare the ratios, which are measured in the same run.

Load generator: wrk, the reference here. Its Lua script (booking.lua) maps a request counter to a
distinct (user token, session) pair, so every booking is a real 201 with no Python in the load path.
"""
import argparse
import os
import platform
import shlex
import shutil
import signal
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # main_app and start_services live in the project root; bench/ is already on the path

from cpu import snapshot  # noqa: E402
from data import create_load_data, outbox_counts  # noqa: E402
from measure import Report, measure_backlog, measure_latency, wait_drained  # noqa: E402
from stack import Databases, HangingServer, Stack  # noqa: E402
from wrkload import LoadResult, Wrk, ensure_wrk  # noqa: E402

CAPACITY = 100_000


def parse_args(argv=None) -> argparse.Namespace:
    """Command-line options; --quick shortens every part."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL server to use (a fresh schema per service); SQLite when omitted")
    parser.add_argument("--quick", action="store_true", help="3 s phases, 100 latency bookings, 2,000 backlog messages")
    parser.add_argument("--seconds", type=int, help="length of each throughput phase (default 10, --quick 3)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1: wrk shares the machine)")
    parser.add_argument("--users", type=int, default=400, help="accounts; users x sessions fresh pairs (default 400)")
    parser.add_argument("--sessions", type=int, default=200, help="sessions with 100,000 seats each (default 200)")
    parser.add_argument("--latency-rate", type=float, default=50.0, help="bookings per second for the latency step (default 50)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs, SQLite files)")
    args = parser.parse_args(argv)
    args.seconds = args.seconds or (3 if args.quick else 10)
    args.latency_bookings = 100 if args.quick else 300
    args.backlog = 2_000 if args.quick else 10_000
    return args


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _terminate(*_):
    raise KeyboardInterrupt  # SIGTERM takes the same clean-up path as Ctrl-C


def measured(stack: Stack, load: Wrk, mode: str, seconds: float) -> LoadResult:
    """One wrk run, with the CPU cores each service used meanwhile."""
    before = snapshot(stack.services)
    result = load.run(mode, seconds)
    after = snapshot(stack.services)
    for name, used in after.items():
        result.cores[name] = max(0.0, used - before.get(name, 0.0)) / result.seconds if result.seconds else 0.0
    return result


def outage_phase(stack: Stack, load: Wrk, report: Report, seconds: float, kind: str, cleanup: ExitStack) -> None:
    """Stop the CRM (or replace it by a server that never answers), measure bookings, restart it and drain."""
    stack.crm.stop()
    hanging = None
    if kind == "hanging":
        hanging = HangingServer(stack.crm_port).start()
        cleanup.callback(hanging.stop)
    print(f"  booking for {seconds:g} s with the CRM {kind}...", flush=True)
    report.phase(f"book, CRM {kind}", measured(stack, load, "book", seconds), 201)
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
    print(f"Starting CRM, main API and dispatcher on gunicorn over {databases.backend} (work dir {workdir})...", flush=True)
    stack.start()
    print(f"Creating {args.users} users with tokens and {args.sessions} sessions of {CAPACITY} seats...", flush=True)
    tokens, session_ids = create_load_data(stack.app, args.users, args.sessions, CAPACITY)
    load = Wrk(wrk_path, stack.main_url, tokens, session_ids, workdir, threads=args.threads, connections=args.connections)
    report = Report(args, stack, load, command)
    report.machine(os.cpu_count(), cpu_model(), platform.python_version(), databases.describe())

    seconds = args.seconds
    print("Warming up...", flush=True)
    load.run("health", 1)
    load.run("book", max(1, seconds // 3))
    wait_drained(stack.app, 300)
    print(f"  GET /health for {seconds:g} s (ceiling)...", flush=True)
    report.phase("GET /health (ceiling)", measured(stack, load, "health", seconds), 200)
    print(f"  booking for {seconds:g} s with the CRM up...", flush=True)
    report.phase("book, CRM up", measured(stack, load, "book", seconds), 201)
    backlog = outbox_counts(stack.app).get("pending", 0)
    seconds_to_drain, left = wait_drained(stack.app, 300)
    report.recovery("up (dispatcher catching up)", backlog, seconds_to_drain, left, "")
    outage_phase(stack, load, report, seconds, "down", cleanup)
    outage_phase(stack, load, report, seconds, "hanging", cleanup)

    print(f"  {args.latency_bookings} bookings at {args.latency_rate:g}/s, CRM up, for booking -> stored latency...", flush=True)
    report.latency = measure_latency(stack, load.take_pairs(args.latency_bookings), args.latency_rate)
    print(f"  backlog drain of {args.backlog} messages...", flush=True)
    report.backlog = measure_backlog(stack, args.backlog)
    report.dead = outbox_counts(stack.app).get("dead", 0)
    return report


def main(argv=None) -> int:
    """Run the benchmark and print the table; every process started is stopped on the way out."""
    args = parse_args(argv)
    started = time.monotonic()
    command = shlex.join([sys.executable, *sys.argv])
    signal.signal(signal.SIGTERM, _terminate)
    workdir = Path(tempfile.mkdtemp(prefix="bench-delivery-"))
    finished = False
    try:
        with ExitStack() as cleanup:
            report = run(args, cleanup, workdir, command)
            print("Stopping services...", flush=True)
        report.print(time.monotonic() - started)
        finished = True
    except KeyboardInterrupt:
        print("\nInterrupted; every service was stopped.", file=sys.stderr)
        return 130
    finally:
        if finished and not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"Logs and data kept in {workdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

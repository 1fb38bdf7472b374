#!/usr/bin/env python3
"""Sustained sales into one session: far more distinct people than seats book one big session over keep-alive
connections, through nginx as the production profile runs it, with one main API instance and then two.

Run from the project root with the project's interpreter:
    .venv/bin/python bench/sustained.py [--database-url postgresql://user@host:5432/db] [--sqlite-only]
For each backend (SQLite always; PostgreSQL too when a URL is given) it starts the whole system on gunicorn over
fresh databases, seeds the people (with a catalogue and ten past bookings each), opens a session of --seats seats
and lets --people people press Book once each over --connections connections. It prints the bookings answered a
minute, every answer, the CPU each process spent per booking sold, and whether every seat was taken exactly once,
every other answer was a 409 and every CRM notification and email was delivered exactly once afterwards. On
PostgreSQL it then starts a second main API instance, puts nginx in front of both and sells a second session the
same way (--instances 1 skips that). With --whatsapp it sells once with email alone, then gives every person a
proved number and a WhatsApp opt-in and sells a second session (the Cloud API stand-in a process of its own, its
webhooks coming back), and prints the CPU per booking of the second over the first. It asserts nothing.
"""

import argparse
import platform
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # main_app and start_services live in the project root; bench/ is already on the path

import whatsapp_sale  # noqa: E402
from dataset import seed  # noqa: E402
from profiling import Recording, py_spy  # noqa: E402
from runner import machine, run_bench  # noqa: E402
from rush import run_rush  # noqa: E402
from sale_cpu import MACHINE, SaleMeter, cpu_lines, per_booking, postmaster_of, wait_quiet  # noqa: E402
from stack import Databases, Stack, free_port  # noqa: E402

# The CRM's per-address limit on /notify guards against token guessing; here one address is the whole load.
BENCH_ENV = {"RATELIMIT_NOTIFY": "1000000/second"}
PER_MINUTE_TARGET = 10_000  # on PostgreSQL: twenty times pretix's documented ceiling with limited quotas
QUIET_TIMEOUT = 900  # seconds the seeding's background work may take before the sale starts anyway
DELIVERY_RATE_FLOOR = 50  # messages a second the wait for delivery allows at least, before giving up


def parse_args(argv=None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="also run on this PostgreSQL server (fresh schemas, dropped afterwards)")
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL even when a URL is given")
    parser.add_argument("--postgresql-only", action="store_true", help="skip SQLite (with a URL)")
    parser.add_argument("--people", type=int, default=12_000, help="distinct people booking (12,000)")
    parser.add_argument("--seats", type=int, default=10_000, help="seats of the session (10,000)")
    parser.add_argument("--connections", type=int, default=64, help="keep-alive connections they book over (64)")
    parser.add_argument(
        "--instances", type=int, choices=(1, 2), default=2, help="on PostgreSQL, also sell with two API instances (2)"
    )
    parser.add_argument(
        "--whatsapp", action="store_true", help="sell again with WhatsApp on for every person; print the CPU ratio"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of each service (2)")
    parser.add_argument("--threads", type=int, default=4, help="threads of each gunicorn worker (4)")
    parser.add_argument(
        "--profile", type=int, metavar="SECONDS", help="sample the services' stacks (py-spy) this long into each sale"
    )
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs, SQLite files)")
    args = parser.parse_args(argv)
    if args.profile and not py_spy():
        parser.error("--profile needs py-spy (a test requirement: python3 dev.py test installs it)")
    if args.people < args.seats:
        parser.error("--people must be at least --seats: the sale is meant to sell out")
    return args


def sell(stack: Stack, tokens: list[str], args, instances: int, meter: SaleMeter, drain=None) -> tuple[list, dict]:
    """One sale through nginx (or straight to gunicorn without it): its block of the report and its CPU (ms) per
    booking by part. drain waits for what else the sale sets off (WhatsApp's webhooks) before the CPU is read."""
    services = [*stack.services, *stack.more_apis]
    stack.start_front()  # before the first read, so nginx's CPU is counted from the sale's start
    recordings = {
        s.name: Recording(py_spy(), s.proc.pid, args.profile, stack.workdir / f"profile-{instances}-{s.name}.txt")
        for s in services
        if args.profile
    }
    before, settled = meter.read(), {}
    result = run_rush(
        stack,
        tokens,
        people=args.people,
        seats=args.seats,
        connections=args.connections,
        settle_timeout=max(120, 3 * args.seats / DELIVERY_RATE_FLOOR),
        # Read once everything is delivered: the counting after it (the CRM's pages, the outbox) is no part of it.
        when_settled=lambda: (drain and drain(), settled.update(meter.read())),
    )
    cpu = per_booking(before, settled, result.statuses.get(201, 0))
    problems = result.problems(latency=False)
    lines = result.lines()[:-1]  # its own verdict speaks of the rush's latency targets
    lines[0] = (
        f"sale      {args.people:,} people book one session of {args.seats:,} seats over {args.connections} "
        f"connections, {instances} main API instance{'s' if instances > 1 else ''}; {result.front}"
    )
    profiles = []
    for name, recording in recordings.items():
        if (profile := recording.finish()) is not None:
            profiles += [f"  profile   {name}, the sale's first {args.profile} s", *profile.summary(12)]
    return [
        *lines,
        f"  rate      {result.per_minute:,.0f} bookings a minute ({result.statuses.get(201, 0):,} answered in "
        f"{result.sold_seconds:.1f} s from the first request)",
        *cpu_lines(cpu),
        f"  verdict   {'; '.join(problems) or 'every seat taken once, every other answer a 409, all delivered once'}",
        *profiles,
    ], cpu


def sell_with_whatsapp(stack: Stack, tokens: list[str], args, meter: SaleMeter, port: int, email_only: dict) -> list:
    """WhatsApp turned on for every person, a second session sold the same way; its block and the CPU ratio."""
    people = whatsapp_sale.whatsapp_on_for_everyone(stack.app)
    print(f"  selling again, WhatsApp on for all {people:,} people...", flush=True)
    before = whatsapp_sale.sent(port)
    block, with_whatsapp = sell(stack, tokens, args, 1, meter, drain=lambda: whatsapp_sale.drain(port))
    ours = [name for name in with_whatsapp if name not in (MACHINE, "load generator")]
    on, off = sum(with_whatsapp[n] for n in ours), sum(email_only.get(n, 0.0) for n in ours)
    return [
        "  (the sale above: email only; the one below: WhatsApp on for every person as well)",
        *block,
        f"  whatsapp  {whatsapp_sale.sent(port) - before:,} messages taken by the stand-in; CPU per booking sold "
        f"(our processes and PostgreSQL) {on:.2f} ms against {off:.2f} ms email only: x{on / max(off, 1e-9):.3f}",
    ]


def run_backend(args, cleanup, workdir: Path, url: str | None) -> list[str]:
    """Start a stack over one backend, seed the people and sell; then, on PostgreSQL, sell again with two APIs."""
    databases = Databases(workdir, url)
    cleanup.callback(databases.drop)
    standin_port = free_port() if args.whatsapp else None
    env = {**BENCH_ENV, **(whatsapp_sale.settings(standin_port) if args.whatsapp else {})}
    stack = Stack(workdir, databases, env, workers=args.workers, threads=args.threads)
    cleanup.callback(stack.stop)
    if args.whatsapp:
        standin = whatsapp_sale.start_standin(standin_port, stack.main_url, workdir)
        cleanup.callback(standin.stop)
    print(f"[{databases.backend}] starting CRM, main API and dispatcher (work dir {workdir})...", flush=True)
    stack.start()
    print(f"[{databases.backend}] seeding {args.people:,} people and a catalogue...", flush=True)
    dataset = seed(stack.app, databases.crm_url, users=args.people, events=max(100, args.people // 10))
    blocks = [f"database  {databases.describe()}"]
    print(f"[{databases.backend}]   waiting for the background work the seeding set off...", flush=True)
    quiet, left = wait_quiet(stack.app, QUIET_TIMEOUT)
    blocks.append(f"quiet     the seeding's background work (tallies, pruning) done in {quiet:.0f} s, {left} left")
    print(f"[{databases.backend}]   selling {args.seats:,} seats to {args.people:,} people...", flush=True)
    meter = SaleMeter(stack, postmaster_of(stack.app))
    block, email_only = sell(stack, dataset.tokens, args, 1, meter)
    blocks += block
    if args.whatsapp:
        blocks += sell_with_whatsapp(stack, dataset.tokens, args, meter, standin_port, email_only)
    elif databases.backend == "postgresql" and args.instances == 2:
        stack.add_api_instance()
        stack.stop_front()
        print(f"[{databases.backend}]   selling again, two main API instances behind nginx...", flush=True)
        blocks += sell(stack, dataset.tokens, args, 2, meter)[0]
    stack.stop()
    databases.drop()
    return blocks


def main(argv=None) -> int:
    """Run every backend and print its block; every process started is stopped on the way out."""
    args = parse_args(argv)
    command = shlex.join([sys.executable, *sys.argv])
    urls = ([] if args.postgresql_only and args.database_url else [None]) + (
        [args.database_url] if args.database_url and not args.sqlite_only else []
    )

    def work(cleanup, workdir):
        blocks = [
            f"machine   {machine()}",
            f"python    {platform.python_version()} ({sys.executable})",
            f"services  CRM and each main API on gunicorn (gthread, {args.workers} workers x {args.threads} threads "
            "each), 1 dispatcher",
            f"target    at least {PER_MINUTE_TARGET:,} bookings a minute on PostgreSQL; SQLite reported",
            f"command   (in {Path.cwd()}) {command}",
        ]
        for url in urls:
            backend_dir = workdir / ("postgresql" if url else "sqlite")
            backend_dir.mkdir()
            blocks += ["-" * 118, *run_backend(args, cleanup, backend_dir, url)]

        def report(seconds: float) -> None:
            print("=" * 118)
            print("\n".join(blocks))
            print(f"run took {seconds:.0f} s")

        return report

    return run_bench("bench-sustained-", args.keep, work)


if __name__ == "__main__":
    sys.exit(main())

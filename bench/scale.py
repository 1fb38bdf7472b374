#!/usr/bin/env python3
"""Scale benchmark: the API's main routes over a large catalogue, as ratios of /health measured in the same run.

Run from the project root with the project's interpreter:
    .venv/bin/python bench/scale.py [--database-url postgresql://user@host:5432/db] [--quick]
For each backend (SQLite always; PostgreSQL too when a URL is given) it starts the whole system on gunicorn on
free loopback ports over fresh databases, seeds 10,000 users, 1,000 events, 5,000 sessions and 100,000
bookings (with their delivered outbox messages and the CRM's 100,000 notifications), and measures with wrk:
GET /health (the ceiling, before and after), GET /events (first page and filtered pages), GET /bookings,
POST /bookings/book with distinct users, and the CRM's POST /notify. It prints req/s, p50, p99 and each
figure's ratio to its own service's /health, against the targets. It asserts nothing.
"""

import argparse
import json
import platform
import shlex
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # main_app and start_services live in the project root; bench/ is already on the path

from cpu import snapshot  # noqa: E402
from dataset import SEARCH_WORD, Dataset, seed  # noqa: E402
from measure import measure_backlog, wait_settled  # noqa: E402
from profiling import Recording, py_spy  # noqa: E402
from reference_app import create_schema  # noqa: E402
from runner import add_load_options, machine, run_bench  # noqa: E402
from rush import run_rush  # noqa: E402
from rush_mix import run_mix  # noqa: E402
from scale_report import Phase, ScaleReport  # noqa: E402
from stack import HOST, SERVICE_TOKEN, Databases, Stack, free_port  # noqa: E402
from wrkload import (  # noqa: E402
    BookingPairs,
    FreshRequests,
    Request,
    Wrk,
    ensure_wrk,
    json_request,
    write_requests,
)

from launcher.processes import ServiceProcess, gunicorn_command  # noqa: E402

RATE_BOUND = 3000  # requests a second the once-only request files leave room for
# The CRM's per-address limit on /notify guards against token guessing; here one address is the whole load.
BENCH_ENV = {"RATELIMIT_NOTIFY": "1000000/second"}
# Throughput over the service's own /health (req/s); the CPU, delivery and rush targets are in scale_report.
TARGETS = {"events": 0.4, "events_filtered": 0.4, "mine": 0.4, "notify": 0.33}


def parse_args(argv=None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="also run on this PostgreSQL server (fresh schemas, dropped afterwards)")
    parser.add_argument("--quick", action="store_true", help="3 s phases instead of 10 s")
    parser.add_argument("--users", type=int, default=10_000, help="user accounts (default 10,000; 10 bookings each)")
    parser.add_argument("--events", type=int, default=1_000, help="events (default 1,000; 5 sessions each)")
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL even when a URL is given")
    parser.add_argument("--rush-people", type=int, default=2000, help="people booking at once in the rush (2,000)")
    parser.add_argument("--rush-seats", type=int, default=100, help="seats of the rush's session (100)")
    parser.add_argument("--rush-connections", type=int, default=100, help="connections they book over (100)")
    parser.add_argument(
        "--no-mix",
        action="store_true",
        help="skip the mixed rush after the plain one (a paid session booked with passes, for groups and by card, "
        "its waiting list joined, cancellations offered down the line and taken: bench/rush_mix.py)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="sample the service under load in each phase with py-spy and print the hottest frames "
        "(adds some overhead: not for the figures)",
    )
    add_load_options(parser)
    args = parser.parse_args(argv)
    args.seconds = args.seconds or (3 if args.quick else 10)
    args.backlog = 2_000 if args.quick else 10_000
    if args.profile and not py_spy():
        parser.error("--profile needs py-spy (a test requirement: python3 dev.py test installs it)")
    return args


def filtered_paths(dataset: Dataset) -> list[str]:
    """Filtered first and later pages a visitor would ask for: search, kind, a date window, combinations."""
    start, end = (moment.strftime("%Y-%m-%dT%H:%M:%SZ") for moment in dataset.window)
    return [
        f"/events?q={SEARCH_WORD}",
        "/events?kind=retreat",
        f"/events?from={start}&to={end}",
        "/events?kind=session&q=meditation&per_page=10",
        "/events?kind=retreat&page=2",
        f"/events?q={SEARCH_WORD}&kind=retreat&from={start}",
    ]


def notify_request(stamp: str, k: int) -> Request:
    """The dispatcher's own request for a booking_created notification, with a fresh id."""
    message_id = f"{stamp}{k:012d}"
    now = datetime.now(UTC)
    payload = {
        "notification_id": message_id,
        "type": "booking_created",
        "occurred_at": now.isoformat(),
        "booking_id": 1_000_000 + k,
        "session_id": 1 + k % 5000,
        "facilitator_id": 1 + k % 50,
        "user": {
            "id": 1 + k % 10_000,
            "name": f"Bench User {k % 10_000}",
            "email": f"user-{k % 10_000}@bench.example.com",
        },
        "event": {
            "id": 1 + k % 1000,
            "title": "Morning Yoga Class",
            "start_date": (now + timedelta(days=30)).isoformat(),
        },
        "message": f"Bench User {k % 10_000} booked a seat in Morning Yoga Class",
        "data": {
            "booking_status": "active",
            "cancel_reason": None,
            "session": {"id": 1 + k % 5000, "starts_at": now.isoformat(), "ends_at": now.isoformat(), "seats_left": 12},
        },
    }
    return json_request(
        "POST",
        "/notify",
        payload,
        SERVICE_TOKEN,
        **{"Idempotency-Key": message_id, "webhook-id": message_id, "webhook-timestamp": str(int(now.timestamp()))},
    )


def reference_service(url: str, workdir: Path) -> ServiceProcess:
    """The bare count-insert-commit app (reference_app.py) on gunicorn, sized like the services."""
    create_schema(url)
    port = free_port()
    return ServiceProcess(
        "reference",
        gunicorn_command("reference_app:create_app()", f"{HOST}:{port}", 2, 4),
        {"REFERENCE_DATABASE_URL": url, "PYTHONPATH": str(ROOT)},  # gunicorn's config is service_kit's
        f"http://{HOST}:{port}/health",
        workdir / "reference.log",
        cwd=Path(__file__).resolve().parent,
    )


def describe_catalogue(stack: Stack, paths: list[str]) -> str:
    """What GET /events answers over the seeded data: totals of the first and filtered pages (a sanity check)."""
    totals = []
    for path in ["/events", *paths]:
        body = requests.get(stack.main_url + path, timeout=30).json()
        if not body.get("items"):
            raise RuntimeError(f"GET {path} found nothing; the seeded catalogue is not what the phases expect")
        totals.append(f"{path} {len(body['items'])} of {body['total']}")
    return "; ".join(totals)


def run_backend(args, cleanup, workdir: Path, url: str | None, wrk: Wrk) -> ScaleReport:
    """Start a stack over one backend, seed it and run every phase."""
    databases = Databases(workdir, url)
    cleanup.callback(databases.drop)
    stack = Stack(workdir, databases, BENCH_ENV)
    cleanup.callback(stack.stop)
    print(
        f"[{databases.backend}] starting CRM, main API and dispatcher on gunicorn (work dir {workdir})...", flush=True
    )
    stack.start()
    print(
        f"[{databases.backend}] seeding {args.users:,} users, {args.events:,} events and "
        f"{args.users * 10:,} bookings...",
        flush=True,
    )
    dataset = seed(stack.app, databases.crm_url, users=args.users, events=args.events)
    reference = reference_service(databases.extra_url("reference", workdir), workdir)
    cleanup.callback(reference.stop)
    reference.start().wait_healthy(60)
    report = ScaleReport(databases.describe(), dataset.counts, stack.settings())
    paths = filtered_paths(dataset)
    report.catalogue = describe_catalogue(stack, paths)

    files = {
        "health": write_requests(workdir / "health.txt", [Request("GET", "/health")]),
        "events": write_requests(workdir / "events.txt", [Request("GET", "/events")]),
        "events_filtered": write_requests(workdir / "filtered.txt", [Request("GET", path) for path in paths]),
        "reference": write_requests(
            workdir / "reference.txt",
            [
                Request("POST", "/book", f'{{"session_id": {k}}}', {"Content-Type": "application/json"})
                for k in range(1000)
            ],
        ),
        "mine": write_requests(
            workdir / "mine.txt",
            [Request("GET", "/bookings", headers={"Authorization": f"Bearer {t}"}) for t in dataset.tokens[:2000]],
        ),
    }
    bookings = BookingPairs(dataset.tokens, dataset.open_session_ids)
    stamp = uuid.uuid4().hex[:16]
    notifications = FreshRequests(lambda k: notify_request(stamp, k), 10**9)
    main, crm, services = stack.main_url, stack.crm_url, [*stack.services, reference]

    phases = [
        Phase(
            "health", "GET /health (main, before)", lambda s: wrk.run(main, files["health"], s, services=services), 200
        ),
        Phase(
            "crm_health", "GET /health (CRM)", lambda s: wrk.run(crm, files["health"], s, services=services), 200, "crm"
        ),
        Phase(
            "events", "GET /events (first page)", lambda s: wrk.run(main, files["events"], s, services=services), 200
        ),
        Phase(
            "events_filtered",
            "GET /events?… (filtered)",
            lambda s: wrk.run(main, files["events_filtered"], s, services=services),
            200,
        ),
        Phase("mine", "GET /bookings (2,000 users)", lambda s: wrk.run(main, files["mine"], s, services=services), 200),
        Phase(
            "book",
            "POST /bookings/book",
            lambda s: bookings.run(wrk, main, workdir / "book.txt", s, RATE_BOUND, services),
            201,
            also=("dispatcher",),
        ),
        Phase(
            "reference",
            "bare count-insert-commit",
            lambda s: wrk.run(reference.health_url.rsplit("/", 1)[0], files["reference"], s, services=services),
            201,
            "reference",
        ),
        Phase(
            "notify",
            "CRM POST /notify",
            lambda s: notifications.run(wrk, crm, workdir / "notify.txt", s, RATE_BOUND, services),
            201,
            "crm",
        ),
        Phase(
            "health_after",
            "GET /health (main, after)",
            lambda s: wrk.run(main, files["health"], s, services=services),
            200,
        ),
    ]
    print(f"[{databases.backend}] warming up...", flush=True)
    for phase in phases:
        phase.run(1)
    wait_settled(stack.app, 300)
    for phase in phases:
        print(f"[{databases.backend}]   {phase.title} for {args.seconds} s...", flush=True)
        recordings = {}
        if args.profile and not phase.key.startswith(("health", "crm_health")):
            for name in (phase.service, *phase.also):
                pid = next(s.proc.pid for s in services if s.name == name)
                recordings[name] = Recording(py_spy(), pid, args.seconds, workdir / f"profile-{phase.key}-{name}.txt")
        before = snapshot(stack.services)
        report.add(phase, phase.run(args.seconds))
        for name, recording in recordings.items():
            if (profile := recording.finish()) is not None:
                title = phase.title if name == phase.service else f"{phase.title}: the {name}"
                report.profiles[title] = profile.summary()
        if phase.key == "book":
            # Everything the bookings set off is delivered before the next phase (so /notify is measured alone),
            # and the whole pipeline's CPU is counted until then: API, dispatcher, CRM, the confirmation emails.
            report.drain_seconds, report.drain_left = wait_settled(stack.app, 300)
            report.pipeline_cpu = {n: used - before[n] for n, used in snapshot(stack.services).items()}
    print(f"[{databases.backend}]   backlog of {args.backlog:,} messages...", flush=True)
    report.backlog = measure_backlog(stack, args.backlog)
    print(f"[{databases.backend}]   rush: {args.rush_people:,} people, {args.rush_seats} seats...", flush=True)
    report.rush = run_rush(
        stack, dataset.tokens, people=args.rush_people, seats=args.rush_seats, connections=args.rush_connections
    )
    if not args.no_mix:
        print(f"[{databases.backend}]   mixed rush: passes, groups, the waiting list...", flush=True)
        report.mix = run_mix(
            stack, dataset.tokens, people=args.rush_people, seats=args.rush_seats, connections=args.rush_connections
        )
    report.wrk_lines = [
        wrk.describe(main, files["events_filtered"], args.seconds),
        wrk.describe(main, workdir / "book.txt", args.seconds, once=True),
    ]
    reference.stop()
    stack.stop()
    databases.drop()
    return report


def main(argv=None) -> int:
    """Run every backend and print one table each; every process started is stopped on the way out."""
    args = parse_args(argv)
    command = shlex.join([sys.executable, *sys.argv])
    urls = [None] + ([args.database_url] if args.database_url and not args.sqlite_only else [])

    def work(cleanup, workdir):
        wrk = Wrk(ensure_wrk(), threads=args.threads, connections=args.connections)
        header = [
            f"machine   {machine()}",
            f"python    {platform.python_version()} ({sys.executable})",
            "services  CRM and main API on gunicorn (gthread, 2 workers x 4 threads each), 1 dispatcher process; "
            f"bench settings {json.dumps(BENCH_ENV)}",
            f"load      wrk -t{args.threads} -c{args.connections}, 1 s warm-up then {args.seconds} s per phase",
            f"command   (in {Path.cwd()}) {command}",
        ]
        reports = []
        for url in urls:
            backend_dir = workdir / ("postgresql" if url else "sqlite")
            backend_dir.mkdir()
            reports.append(run_backend(args, cleanup, backend_dir, url, wrk))
        return lambda seconds: ScaleReport.print_all(header, reports, TARGETS, seconds)

    return run_bench("bench-scale-", args.keep, work)


if __name__ == "__main__":
    sys.exit(main())

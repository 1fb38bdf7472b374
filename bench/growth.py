#!/usr/bin/env python3
"""Growth benchmark: the CPU each request costs as history piles up, at 1x, 10x and 100x data, in one run.

Run from the project root with the project's interpreter:
    .venv/bin/python bench/growth.py [--database-url postgresql://user@host:5432/db] [--quick]
For each backend (SQLite always; PostgreSQL too when a URL is given) it starts the whole system on gunicorn over
fresh databases, writes the present (growth_data.py: people with packs, 500 upcoming sessions, check-in sessions,
a person with 1,000 past bookings) and history up to each level in turn (growth_history.py: at 100x 100,000 past
sessions, 1,000,000 bookings, 1,000,000 pass ledger rows, 1,000,000 delivered outbox messages and the CRM's
1,000,000 notifications), and at each level measures with wrk the CPU milliseconds per request, from the serving
process's own counters, of: a booking, a booking with a pass, GET /events (first page and filtered), GET /timetable
(a week), GET /bookings of the person with 1,000 past bookings, a check-in batch, the CRM's POST /notify and the
dispatcher's delivery of a backlog. It prints each figure at every level and the last level's over the first's,
against the target of 1.5. It asserts nothing.
"""

import argparse
import json
import platform
import shlex
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # main_app and start_services live in the project root; bench/ is already on the path

from cpu import snapshot  # noqa: E402
from data import insert_backlog  # noqa: E402
from growth_data import CHECKIN_SESSIONS, seed_present  # noqa: E402
from growth_history import History  # noqa: E402
from growth_report import GrowthReport, Level, count_rows  # noqa: E402
from measure import wait_settled  # noqa: E402
from runner import add_load_options, machine, run_bench  # noqa: E402
from scale import BENCH_ENV, RATE_BOUND, notify_request  # noqa: E402
from stack import Databases, Stack  # noqa: E402
from wrkload import BookingPairs, FreshRequests, Request, Wrk, ensure_wrk, json_request, write_requests  # noqa: E402

# The catalogue's per-process page cache off: each GET /events is rendered from the database, the cost that grows.
# One address is the whole load, so the limit per embedding site (which it falls back to) is out of the way.
GROWTH_ENV = {
    **BENCH_ENV,
    "CATALOGUE_CACHE_SECONDS": "0",
    "EMBED_API_RATE_PER_SITE": "1000000",
    "EMBED_API_BURST_PER_SITE": "1000000",
}
RUNS = 2  # measured runs of each phase at each level
BATCH = 5  # seats a check-in request carries: a door's device sending as people arrive


def parse_args(argv=None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="also run on this PostgreSQL server (fresh schemas, dropped afterwards)")
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL even when a URL is given")
    parser.add_argument("--postgresql-only", action="store_true", help="skip SQLite (needs --database-url)")
    parser.add_argument("--quick", action="store_true", help="3 s phases instead of 5 s")
    parser.add_argument("--levels", default="1,10,100", help="history levels in units, at most three (1,10,100)")
    parser.add_argument("--backlog", type=int, default=2000, help="messages the dispatcher delivers a level (2,000)")
    add_load_options(parser)
    args = parser.parse_args(argv)
    args.seconds = args.seconds or (3 if args.quick else 5)
    args.levels = sorted({int(level) for level in args.levels.split(",")})
    if not 1 <= len(args.levels) <= 3 or args.levels[0] < 1:
        parser.error("--levels takes one to three positive numbers")
    if args.postgresql_only and not args.database_url:
        parser.error("--postgresql-only needs --database-url")
    return args


class PassPairs(FreshRequests):
    """Fresh bookings with each person's pack: pair k = q * P + r is person r in pass session (q + r) % S."""

    def __init__(self, tokens: list[str], pass_ids: list[int], session_ids: list[int]):
        super().__init__(self._booking, len(tokens) * len(session_ids))
        self.tokens, self.pass_ids, self.session_ids = tokens, pass_ids, session_ids

    def _booking(self, k: int) -> Request:
        q, r = divmod(k, len(self.tokens))
        body = {"session_id": self.session_ids[(q + r) % len(self.session_ids)], "pass_id": self.pass_ids[r]}
        return json_request("POST", "/bookings/book", body, self.tokens[r])


def checkin_batches(present, level_index: int) -> FreshRequests:
    """Fresh check-in batches of BATCH seats each, over the level's own check-in sessions in turn."""
    mine = range(level_index * CHECKIN_SESSIONS, (level_index + 1) * CHECKIN_SESSIONS)
    batches = [
        (present.checkin_sessions[n], present.checkin_bookings[n][first : first + BATCH])
        for n in mine
        for first in range(0, len(present.checkin_bookings[n]) - BATCH + 1, BATCH)
    ]

    def batch(k: int) -> Request:
        session_id, booked = batches[k]
        path = f"/api/facilitator/{present.checkin_facilitator}/sessions/{session_id}/checkins"
        items = [{"booking_id": b, "device_id": "door-2"} for b in booked]
        return json_request("POST", path, {"checkins": items}, present.checkin_token)

    return FreshRequests(batch, len(batches))


def read_paths(present) -> dict[str, list[str]]:
    """The catalogue, timetable and bookings pages a visitor asks for, by phase."""
    start, end = (moment.strftime("%Y-%m-%dT%H:%M:%SZ") for moment in present.window)
    week = present.window[0].date()
    return {
        "events": ["/events"],
        "events_filtered": [
            "/events?q=yoga",
            "/events?kind=retreat",
            f"/events?from={start}&to={end}",
            "/events?kind=session&q=meditation&per_page=10",
            "/events?kind=retreat&page=2",
            f"/events?q=yoga&kind=retreat&from={start}",
        ],
        "timetable": [f"/timetable?from={week}&to={week.fromordinal(week.toordinal() + 6)}"],
    }


def measure_level(args, stack: Stack, wrk: Wrk, present, workdir: Path, level_index: int, fresh: dict) -> dict:
    """Every phase once at the current level: {phase key: (CPU ms per request, requests/s, unexpected answers)}."""
    main, crm = stack.main_url, stack.crm_url
    services = stack.services
    files = {
        key: write_requests(workdir / f"{key}.txt", [Request("GET", path) for path in paths])
        for key, paths in read_paths(present).items()
    }
    files["health"] = write_requests(workdir / "health.txt", [Request("GET", "/health")])
    mine = Request("GET", "/bookings", headers={"Authorization": f"Bearer {present.heavy_token}"})
    files["mine"] = write_requests(workdir / "mine.txt", [mine])
    checkins = checkin_batches(present, level_index)
    phases = [  # (key, process whose CPU it is, expected status, run(seconds))
        ("health", "main-api", 200, lambda s: wrk.run(main, files["health"], s, services=services)),
        ("book", "main-api", 201, lambda s: fresh["book"].run(wrk, main, workdir / "b.txt", s, RATE_BOUND, services)),
        (
            "book_pass",
            "main-api",
            201,
            lambda s: fresh["pass"].run(wrk, main, workdir / "p.txt", s, RATE_BOUND, services),
        ),
        ("events", "main-api", 200, lambda s: wrk.run(main, files["events"], s, services=services)),
        ("events_filtered", "main-api", 200, lambda s: wrk.run(main, files["events_filtered"], s, services=services)),
        ("timetable", "main-api", 200, lambda s: wrk.run(main, files["timetable"], s, services=services)),
        ("mine", "main-api", 200, lambda s: wrk.run(main, files["mine"], s, services=services)),
        ("checkin", "main-api", 200, lambda s: checkins.run(wrk, main, workdir / "c.txt", s, RATE_BOUND, services)),
        ("notify", "crm", 201, lambda s: fresh["notify"].run(wrk, crm, workdir / "n.txt", s, RATE_BOUND, services)),
    ]
    figures = {}
    wait_settled(stack.app, 300)
    before, started = snapshot(services), time.monotonic()
    time.sleep(args.seconds)  # nothing sent: what the services do by themselves at this size
    after, idle = snapshot(services), time.monotonic() - started
    figures["idle"] = {name: (after[name] - before[name]) / idle * 1000 for name in before}
    for key, process, expected, run in phases:
        run(1)  # warm-up: the same requests' code paths and pages, once
        runs = []
        for _ in range(RUNS):
            wait_settled(stack.app, 300)  # what the last run set off is delivered before the next is measured
            result = run(args.seconds)
            per_request = result.cores.get(process, 0.0) / result.rps * 1000 if result.rps else float("nan")
            runs.append((per_request, result.rps, result.unexpected(expected)))
        # Other work on a shared machine only adds to a request's CPU: the lower run is the nearer to its cost.
        figures[key] = (min(r[0] for r in runs), max(r[1] for r in runs), sum(r[2] for r in runs))
    wait_settled(stack.app, 300)
    before, started = snapshot(services)["dispatcher"], time.monotonic()
    insert_backlog(stack.app, args.backlog)  # the dispatcher delivers while they are written
    _, left = wait_settled(stack.app, 600)
    used, seconds = snapshot(services)["dispatcher"] - before, time.monotonic() - started
    figures["claim"] = (used / args.backlog * 1000, args.backlog / seconds, left)
    return figures


def run_backend(args, cleanup, workdir: Path, url: str | None, wrk: Wrk) -> GrowthReport:
    """Start a stack over one backend, write the present, then grow the history level by level and measure."""
    databases = Databases(workdir, url)
    cleanup.callback(databases.drop)
    stack = Stack(workdir, databases, GROWTH_ENV)
    cleanup.callback(stack.stop)
    tag = f"[{databases.backend}]"
    print(f"{tag} starting CRM, main API and dispatcher on gunicorn (work dir {workdir})...", flush=True)
    stack.start()
    present, products, heavy = seed_present(stack.app)
    history = History(stack.app, databases.crm_url, products, heavy)
    cleanup.callback(history.close)
    report = GrowthReport(databases.describe())
    stamp = uuid.uuid4().hex[:16]
    fresh = {
        "book": BookingPairs(present.tokens, present.open_session_ids),
        "pass": PassPairs(present.tokens, present.pass_ids, present.pass_session_ids),
        "notify": FreshRequests(lambda k: notify_request(stamp, k), 10**9),
    }
    for index, level in enumerate(args.levels):
        print(f"{tag} writing history up to {level} unit(s)...", flush=True)
        seeded = history.grow_to(level)
        print(f"{tag}   measuring at {level}x ({seeded:.0f} s to write)...", flush=True)
        figures = measure_level(args, stack, wrk, present, workdir, index, fresh)
        report.levels.append(Level(level, seeded, count_rows(stack.app, databases.crm_url), figures))
    history.close()
    stack.stop()
    databases.drop()
    return report


def main(argv=None) -> int:
    """Run every backend and print one table each; every process started is stopped on the way out."""
    args = parse_args(argv)
    command = shlex.join([sys.executable, *sys.argv])
    urls = ([] if args.postgresql_only else [None]) + (
        [args.database_url] if args.database_url and not args.sqlite_only else []
    )

    def work(cleanup, workdir):
        wrk = Wrk(ensure_wrk(), threads=args.threads, connections=args.connections)
        header = [
            f"machine   {machine()}",
            f"python    {platform.python_version()} ({sys.executable})",
            "services  CRM and main API on gunicorn (gthread, 2 workers x 4 threads each), 1 dispatcher process; "
            f"bench settings {json.dumps(GROWTH_ENV)}",
            f"load      wrk -t{args.threads} -c{args.connections}, 1 s warm-up then {RUNS} x {args.seconds} s a "
            "phase (the lower CPU per request kept); "
            f"a backlog of {args.backlog:,} messages a level",
            f"command   (in {Path.cwd()}) {command}",
        ]
        reports = []
        for url in urls:
            backend_dir = workdir / ("postgresql" if url else "sqlite")
            backend_dir.mkdir()
            reports.append(run_backend(args, cleanup, backend_dir, url, wrk))
        return lambda seconds: GrowthReport.print_all(header, reports, seconds)

    return run_bench("bench-growth-", args.keep, work)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Reports benchmark: a studio's four reports (revenue, attendance, clients, instructor pay) at 100x data.

Run from the project root with the project's interpreter:
    .venv/bin/python bench/reports.py [--database-url postgresql://user@host:5432/db] [--units 100] [--samples 30]
For each backend (SQLite always; PostgreSQL too when a URL is given, in a database of its own created on that server
and dropped afterwards unless --keep) it migrates a fresh main database and seeds in bulk (reports_data.py) the
growth bench's history at --units units, all of it in ONE studio (at 100 units: 100,000 past sessions and 1,000,000
bookings over 100 weeks, with the instructors, memberships, packs, payments, invoices, waiting lists and daily
figures the reports read) and four neighbour studios beside it; PostgreSQL is vacuumed and analysed as autovacuum
would, SQLite gets no statistics. Then, in this process through Flask's test client (no HTTP server: the app's own
work only), with the studio owner's token, one request at a time, it times each report over the last 30 days by day
and over the last 365 days by month: 3 warm-ups, then --samples requests (fewer when they take over --budget
seconds), and each report's CSV once per span. It prints p50 and p95 against the issue's targets (p95 under 300 ms
on PostgreSQL, under 1 s on SQLite), and for each report over its target where its time goes (reports_plans.py): its
statements run alone, slowest first, and the slowest one's plan. It asserts nothing.
"""

import argparse
import io
import platform
import shlex
import sqlite3
import sys
import time
import uuid
from contextlib import redirect_stderr
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # main_app lives in the project root; bench/ is already on the path

import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from growth_data import _token, settle  # noqa: E402
from measure import percentile  # noqa: E402
from reports_data import seed  # noqa: E402
from reports_plans import breakdown  # noqa: E402
from runner import machine, run_bench  # noqa: E402
from stack import JWT_SECRET  # noqa: E402

from main_app import MIGRATIONS_DIR, create_app  # noqa: E402
from main_app.extensions import db  # noqa: E402
from main_app.models import (  # noqa: E402
    ROLE_FACILITATOR,
    ClientChange,
    ClientDay,
    CountingMark,
    SessionTally,
    TallyChange,
)
from main_app.services import reports  # noqa: E402

REPORTS = ("revenue", "attendance", "clients", "pay")
SPANS = (("30 days by day", 30, "day"), ("365 days by month", 365, "month"))
TARGET_MS = {"postgresql": 300.0, "sqlite": 1000.0}
WARMUPS, WARMING, FEWEST = 3, 10, 5  # unmeasured requests first (within 10 s); the fewest measured


def parse_args(argv=None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="also run on this PostgreSQL server (a database of its own)")
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL even when a URL is given")
    parser.add_argument("--postgresql-only", action="store_true", help="skip SQLite (needs --database-url)")
    parser.add_argument("--units", type=int, default=100, help="history in units of 10,000 bookings (100)")
    parser.add_argument("--samples", type=int, default=30, help="measured requests per report and span (30)")
    parser.add_argument("--budget", type=float, default=90, help="seconds a report and span's samples may take (90)")
    parser.add_argument("--plans", action="store_true", help="where the time goes for all, not only the slow")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file and the PostgreSQL database")
    args = parser.parse_args(argv)
    if args.postgresql_only and not args.database_url:
        parser.error("--postgresql-only needs --database-url")
    if args.units < 1 or args.samples < 1:
        parser.error("--units and --samples take positive numbers")
    return args


class Database:
    """A fresh main database: a SQLite file in workdir, or bench_reports_<hex> created on the PostgreSQL server."""

    def __init__(self, workdir: Path, server_url: str | None):
        self.admin = None
        if not server_url:
            self.backend, self.url = "sqlite", f"sqlite:///{workdir / 'main.sqlite'}"
            return
        self.backend = "postgresql"
        base = sa.engine.make_url(server_url).set(drivername="postgresql+psycopg")
        self.admin = sa.create_engine(base, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
        self.name = f"bench_reports_{uuid.uuid4().hex[:10]}"
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{self.name}"')
        self.url = base.set(database=self.name).render_as_string(hide_password=False)

    def describe(self) -> str:
        """Backend name and version, for the report."""
        if self.admin is None:
            return f"SQLite {sqlite3.sqlite_version} (a file, WAL)"
        with self.admin.connect() as conn:
            version = conn.exec_driver_sql("SHOW server_version").scalar()
        return f"PostgreSQL {version} (database {self.name})"

    def drop(self) -> None:
        """Drop the database this run created (a SQLite file goes with the work directory)."""
        if self.admin is not None:
            with self.admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self.admin.dispose()
            self.admin = None


def make_app(url: str):
    """The main API's app over url, its rate limits off (one client asks everything here)."""
    settings = {
        "SQLALCHEMY_DATABASE_URI": url,
        "JWT_SECRET_KEY": JWT_SECRET,
        "JWT_ACCESS_TOKEN_EXPIRES": timedelta(hours=12),
        "RATELIMIT_ENABLED": False,
        "CRM_BASE_URL": "http://127.0.0.1:9",  # nothing is sent: the reports only read
    }
    return create_app(settings)


def report_paths(slug: str, timezone: str) -> list[tuple[str, str, str]]:
    """(report, span, path) of every report over each span, ending today on the studio's calendar."""
    today = datetime.now(ZoneInfo(timezone)).date()
    found = []
    for report in REPORTS:
        for label, days, by in SPANS:
            since = today - timedelta(days=days - 1)
            found.append((report, label, f"/api/studios/{slug}/reports/{report}?from={since}&to={today}&by={by}"))
    return found


def _get(client, path: str, headers: dict) -> float:
    """Milliseconds to answer path, its body read whole (a CSV is streamed); anything but a 200 stops the run."""
    started = time.perf_counter()
    answer = client.get(path, headers=headers)
    answer.get_data()
    millis = (time.perf_counter() - started) * 1000
    if answer.status_code != 200:
        raise RuntimeError(f"{path} answered {answer.status_code}: {answer.get_data(as_text=True)[:500]}")
    return millis


def timed(client, path: str, headers: dict, samples: int, budget: float) -> list[float]:
    """WARMUPS unmeasured requests (fewer once WARMING seconds are spent), then samples measured (fewer, FEWEST at
    least, once budget seconds are spent)."""
    started = time.monotonic()
    for _ in range(WARMUPS):
        _get(client, path, headers)
        if time.monotonic() - started > WARMING:
            break
    millis, started = [], time.monotonic()
    while len(millis) < samples and (len(millis) < FEWEST or time.monotonic() - started < budget):
        millis.append(_get(client, path, headers))
    return millis


def measure(args, app, seeded, backend: str) -> dict:
    """Every report and span timed (and its CSV once); where the time goes for those over the target."""
    with app.app_context():
        headers = {"Authorization": f"Bearer {_token(seeded.owner_id, ROLE_FACILITATOR, seeded.owner_name)}"}
    client, found = app.test_client(), {}
    for report, label, path in report_paths(seeded.slug, "Asia/Kolkata"):
        millis = timed(client, path, headers, args.samples, args.budget)
        csv_ms = _get(client, path + "&format=csv", headers)
        over = percentile(millis, 95) >= TARGET_MS[backend]
        plans = breakdown(app, client, path, headers) if over or args.plans else []
        found[(report, label)] = {"millis": millis, "csv": csv_ms, "over": over, "plans": plans}
        print(f"  {report} over {label}: p95 {percentile(millis, 95):.0f} ms", flush=True)
    return found


def count_tallies(app) -> tuple[int, float]:
    """Every begun class counted as the timers lane's idle moments would, a batch at a time, from the mark migration
    0060 leaves (none: the first move notes each class once, in place of the seeding's change per booking
    written); (tallies written and changes taken, seconds)."""
    with app.app_context():
        db.session.execute(sa.delete(TallyChange))
        db.session.execute(sa.update(CountingMark).where(CountingMark.name == "session_tallies").values(through=None))
        db.session.commit()
        started, counted = time.monotonic(), 0
        while found := reports.count_some():
            counted += found
        seconds = time.monotonic() - started
        settle(db.engine, [SessionTally.__table__, TallyChange.__table__])
    return counted, seconds


def count_client_days(app) -> tuple[int, float]:
    """Every client's days counted as the timers lane would, from the mark migration 0060 leaves (none: the first
    move notes each client once, in place of the seeding's change per booking written); (changes taken,
    seconds)."""
    with app.app_context():
        db.session.execute(sa.delete(ClientChange))
        db.session.execute(sa.update(CountingMark).where(CountingMark.name == "client_days").values(through=None))
        db.session.commit()
        started, counted = time.monotonic(), 0
        while found := reports.count_clients():
            counted += found
        seconds = time.monotonic() - started
        settle(db.engine, [ClientDay.__table__, ClientChange.__table__])
    return counted, seconds


def run_backend(args, workdir: Path, server_url: str | None, cleanup) -> dict:
    """Migrate, seed and measure one backend; its figures for the report."""
    database = Database(workdir, server_url)
    if not args.keep:
        cleanup.callback(database.drop)
    app = make_app(database.url)
    started = time.monotonic()
    with app.app_context(), redirect_stderr(io.StringIO()):  # alembic's line per revision
        upgrade(directory=MIGRATIONS_DIR)
        db.session.remove()
    migrated = time.monotonic() - started
    print(f"{database.backend}: migrated in {migrated:.0f} s; seeding {args.units} units...", flush=True)
    seeded = seed(app, args.units, progress=lambda line: print(line, flush=True))
    print(f"  seeded in {seeded.seconds:.0f} s; counting the tallies...", flush=True)
    seeded.tallies = count_tallies(app)
    print(f"  {seeded.tallies[0]:,} counted in {seeded.tallies[1]:.0f} s; counting the clients' days...", flush=True)
    seeded.client_days = count_client_days(app)
    print(f"  {seeded.client_days[0]:,} counted in {seeded.client_days[1]:.0f} s; measuring...", flush=True)
    try:
        results = measure(args, app, seeded, database.backend)
    finally:
        with app.app_context():
            db.engine.dispose()
    return {"backend": database.backend, "describe": database.describe(), "seeded": seeded, "results": results}


def _print_backend(found: dict, args) -> None:
    """One backend's seeding and its table of p50 / p95 per report and span; where the time goes below it."""
    seeded, target = found["seeded"], TARGET_MS[found["backend"]]
    tallies, seconds = seeded.tallies
    print(
        f"\n{found['describe']}: seeded in {seeded.seconds:.0f} s; tallies and changes: {tallies:,} in {seconds:.0f} s"
    )
    print("  clients' days: {:,} changes taken in {:.0f} s".format(*seeded.client_days))
    print("  rows: " + "; ".join(f"{name} {count:,}" for name, count in seeded.rows.items()))
    print("  the measured studio: " + "; ".join(f"{name} {count:,}" for name, count in seeded.studio.items()))
    print(f"{'report':<11} {'span':<18} {'p50 ms':>8} {'p95 ms':>8} {'n':>3} {'csv ms':>8}  p95 < {target:.0f} ms")
    for (report, label), figures in found["results"].items():
        millis = figures["millis"]
        verdict = "over" if figures["over"] else "PASS"
        print(
            f"{report:<11} {label:<18} {percentile(millis, 50):>8.1f} {percentile(millis, 95):>8.1f} "
            f"{len(millis):>3} {figures['csv']:>8.1f}  {verdict}"
        )
    for (report, label), figures in found["results"].items():
        if figures["plans"]:
            print(f"\n{report} over {label} ({found['backend']}):")
            print("\n".join(figures["plans"]))


def main(argv=None) -> int:
    """Run every backend asked for and print the report."""
    args = parse_args(argv)
    urls = ([] if args.postgresql_only else [None]) + (
        [args.database_url] if args.database_url and not args.sqlite_only else []
    )
    command = shlex.join([sys.executable, *sys.argv])

    def work(cleanup, workdir: Path):
        header = [
            f"machine   {machine()}",
            f"python    {platform.python_version()} ({sys.executable})",
            f"requests  in-process (Flask test client), one at a time: {WARMUPS} warm-ups (within {WARMING} s), "
            f"then {args.samples} (at least {FEWEST}, within {args.budget:g} s) a report and span; the CSV once",
            f"command   (in {Path.cwd()}) {command}",
        ]
        print("\n".join(header), flush=True)
        found = [run_backend(args, workdir, url, cleanup) for url in urls]

        def report(seconds: float) -> None:
            print(f"\nReports at {args.units} units ({args.units * 10_000:,} bookings in one studio)")
            print("\n".join(header))
            for backend in found:
                _print_backend(backend, args)
            print(f"\nTook {seconds:.0f} s.")

        return report

    return run_bench("bench-reports-", args.keep, work)


if __name__ == "__main__":
    sys.exit(main())

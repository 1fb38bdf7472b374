#!/usr/bin/env python3
"""Free-slot search benchmark: a studio with 20 teachers, their next 60 days full of hours, days off, classes, booked
privates and busy times from their own calendars (slots_data.py).

Run from the project root with the project's interpreter:
    .venv/bin/python bench/slots.py [--database-url postgresql://user@host:5432/db] [--samples 50]
For each backend (SQLite always; PostgreSQL too when a URL is given, in a database of its own created on that server
and dropped afterwards unless --keep) it migrates a fresh main database, seeds the studio, and times in this process
through Flask's test client (no HTTP server: the app's own work only), one request at a time, the public search
GET /api/public/studios/<slug>/appointment-services/<id>/slots for any teacher and for one, over the whole 60-day
window and over a week: 3 warm-ups, then --samples. It prints p50 and p95 against the issue's target (p95 under
100 ms on both databases), and the CPU milliseconds per request this process spent. It asserts nothing.
"""

import argparse
import io
import platform
import shlex
import sys
import time
from contextlib import redirect_stderr
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from measure import percentile  # noqa: E402
from reports import Database, make_app  # noqa: E402
from runner import machine, run_bench  # noqa: E402
from slots_data import DAYS, TEACHERS, seed  # noqa: E402

from main_app import MIGRATIONS_DIR  # noqa: E402
from main_app.extensions import db  # noqa: E402

TARGET_MS, WARMUPS = 100.0, 3


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="also run on this PostgreSQL server (a database of its own)")
    parser.add_argument("--samples", type=int, default=50, help="measured requests per search (50)")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file and the PostgreSQL database")
    return parser.parse_args(argv)


def searches(seeded) -> list[tuple[str, str]]:
    base = f"/api/public/studios/{seeded.slug}/appointment-services/{seeded.service_id}/slots"
    one = seeded.teacher_ids[7]
    return [
        (f"any of {TEACHERS} teachers, {DAYS} days", f"{base}?days={DAYS}"),
        (f"one teacher, {DAYS} days", f"{base}?days={DAYS}&teacher_id={one}"),
        (f"any of {TEACHERS} teachers, 7 days", f"{base}?days=7"),
    ]


def timed(client, path: str, samples: int) -> tuple[list[float], float, int]:
    """(milliseconds of each measured request, CPU ms per request, slots in the answer)."""
    for _ in range(WARMUPS):
        answer = client.get(path)
    if answer.status_code != 200:
        raise RuntimeError(f"{path} answered {answer.status_code}: {answer.get_data(as_text=True)[:300]}")
    millis, cpu = [], time.process_time()
    for _ in range(samples):
        started = time.perf_counter()
        client.get(path).get_data()
        millis.append((time.perf_counter() - started) * 1000)
    return millis, (time.process_time() - cpu) * 1000 / samples, len(answer.get_json()["items"])


def run_backend(args, workdir: Path, server_url: str | None, cleanup) -> dict:
    database = Database(workdir, server_url)
    if not args.keep:
        cleanup.callback(database.drop)
    app = make_app(database.url)
    with app.app_context(), redirect_stderr(io.StringIO()):
        upgrade(directory=MIGRATIONS_DIR)
        db.session.remove()
    started = time.monotonic()
    seeded = seed(app)
    print(f"{database.backend}: seeded in {time.monotonic() - started:.0f} s; measuring...", flush=True)
    client, found = app.test_client(), []
    try:
        for label, path in searches(seeded):
            found.append((label, *timed(client, path, args.samples)))
    finally:
        with app.app_context():
            db.engine.dispose()
    return {"describe": database.describe(), "rows": seeded.rows, "found": found}


def _print_backend(backend: dict) -> None:
    print(f"\n{backend['describe']}; rows: " + "; ".join(f"{k} {v:,}" for k, v in backend["rows"].items()))
    print(f"{'search':<32} {'slots':>6} {'p50 ms':>8} {'p95 ms':>8} {'CPU ms':>7}  p95 < {TARGET_MS:.0f} ms")
    for label, millis, cpu, slots in backend["found"]:
        p50, p95 = percentile(millis, 50), percentile(millis, 95)
        verdict = "PASS" if p95 < TARGET_MS else "over"
        print(f"{label:<32} {slots:>6} {p50:>8.1f} {p95:>8.1f} {cpu:>7.1f}  {verdict}")


def main(argv=None) -> int:
    args = parse_args(argv)
    urls = [None] + ([args.database_url] if args.database_url else [])
    command = shlex.join([sys.executable, *sys.argv])

    def work(cleanup, workdir: Path):
        header = [
            f"machine   {machine()}",
            f"python    {platform.python_version()} ({sys.executable})",
            f"requests  in-process (Flask test client), one at a time: {WARMUPS} warm-ups, then {args.samples}",
            f"command   (in {Path.cwd()}) {command}",
        ]
        print("\n".join(header), flush=True)
        found = [run_backend(args, workdir, url, cleanup) for url in urls]

        def report(seconds: float) -> None:
            print(f"\nFree-slot search: {TEACHERS} teachers, {DAYS} days")
            print("\n".join(header))
            for backend in found:
                _print_backend(backend)
            print(f"\nTook {seconds:.0f} s.")

        return report

    return run_bench("bench-slots-", args.keep, work)


if __name__ == "__main__":
    sys.exit(main())

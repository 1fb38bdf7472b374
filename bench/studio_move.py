#!/usr/bin/env python3
"""Studio-move benchmark: a studio's export and a client import, timed and their memory measured as the studio grows.

Run from the project root with the project's interpreter:
    .venv/bin/python bench/studio_move.py [--database-url postgresql://user@host:5432/db] [--clients 2500,5000,10000]
For each backend (SQLite always; PostgreSQL too when a URL is given, in fresh schemas dropped afterwards) and each
size it migrates a fresh database and seeds one studio's history in bulk (studio_move_data.py: N clients, ten
bookings each, a pack for every fourth, payments), then, each in a process of its own so that its peak memory is
its own: the app alone (the baseline); the studio's export written to its ZIP by the timers lane run in-process;
the clients' Mindbody-style CSV checked (dry run), imported into a second, empty studio, and imported again (a
no-op); the export restored into an empty studio of a second install. It prints seconds, rows a second and peak
memory above the baseline per phase and size: streamed work stays flat as the studio grows. It asserts nothing.
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from runner import machine, run_bench  # noqa: E402
from stack import Databases  # noqa: E402

PHASES = ("baseline", "export", "import")
WIDTH = 118


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="also run on this PostgreSQL server (fresh schemas, dropped afterwards)")
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL even when a URL is given")
    parser.add_argument("--clients", default="2500,5000,10000", help="studio sizes in clients (ten bookings each)")
    parser.add_argument("--quick", action="store_true", help="sizes 500,1000,2000 unless --clients says otherwise")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (SQLite files, ZIPs)")
    phases = ("seed", *PHASES, "prepare_restore", "restore")
    parser.add_argument("--phase", choices=phases, help=argparse.SUPPRESS)  # a child's one phase
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def child(phase: str, url: str, workdir: Path, size: int) -> dict:
    """Run one phase in a fresh interpreter; its JSON answer."""
    command = [sys.executable, __file__, "--phase", phase, "--url", url, "--workdir", str(workdir), "--size", str(size)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{phase} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_size(databases: Databases, workdir: Path, size: int) -> dict:
    """Seed a studio of size clients and measure every phase on it (the restore on a second, empty install)."""
    found = {"seed": child("seed", databases.main_url, workdir, size)}
    for phase in PHASES:
        found[phase] = child(phase, databases.main_url, workdir, size)
    moved = databases.extra_url("moved", workdir)
    child("prepare_restore", moved, workdir, size)
    found["restore"] = child("restore", moved, workdir, size)
    return found


def report_rows(backend: str, results: dict) -> list[str]:
    """The table's lines for one backend."""
    lines = [f"{backend}", "-" * WIDTH]
    lines.append(
        f"{'clients':>8} {'bookings':>9} {'rows':>8} | {'export s':>8} {'rows/s':>7} {'MB+':>5} {'zip MB':>6} | "
        f"{'check s':>7} {'import s':>8} {'again s':>7} {'MB+':>5} | {'restore s':>9} {'MB+':>5}"
    )
    for size, found in results.items():
        base, export, imported = found["baseline"]["peak_mb"], found["export"], found["import"]
        lines.append(
            f"{size:>8,} {found['seed']['bookings']:>9,} {export['rows']:>8,} | {export['seconds']:>8.1f} "
            f"{export['rows'] / export['seconds']:>7,.0f} {export['peak_mb'] - base:>5.0f} "
            f"{export['zip_bytes'] / 1e6:>6.1f} | {imported['check_seconds']:>7.1f} {imported['import_seconds']:>8.1f} "
            f"{imported['again_seconds']:>7.1f} {imported['peak_mb'] - base:>5.0f} | "
            f"{found['restore']['seconds']:>9.1f} {found['restore']['peak_mb'] - base:>5.0f}"
        )
    return lines


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.phase:
        # Only the children load the app.
        from studio_move_phases import run_phase

        print(json.dumps(run_phase(args.phase, args.url, Path(args.workdir), args.size)))
        return 0
    sizes = [
        int(n) for n in (args.clients if not args.quick or "--clients" in sys.argv else "500,1000,2000").split(",")
    ]
    servers = [None] + ([args.database_url] if args.database_url and not args.sqlite_only else [])

    def work(cleanup, workdir: Path):
        tables = []
        for server in servers:
            results = {}
            for size in sizes:
                folder = workdir / f"{'pg' if server else 'sqlite'}-{size}"
                folder.mkdir()
                databases = Databases(folder, server)
                cleanup.callback(databases.drop)
                print(f"{databases.backend}: a studio of {size:,} clients...", flush=True)
                results[size] = measure_size(databases, folder, size)
            tables.append(report_rows(databases.describe(), results))

        def report(seconds: float) -> None:
            print(f"\nStudio move, {machine()}; {seconds:.0f} s in all")
            print("MB+: peak memory above the app alone (its own process); rows: the export's rows in all files")
            for lines in tables:
                print("\n".join(lines))

        return report

    return run_bench("bench-studio-move-", args.keep, work)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The failover drill: PostgreSQL's primary, then Redis, killed with SIGKILL in the middle of a mixed rush.

Run from the project root with the project's interpreter, as root or a user who may start PostgreSQL:
    .venv/bin/python bench/failover.py [--minutes 5] [--threads 16] [--people 600]
It starts, on loopback and from the distribution's packages (apt-get install patroni etcd-server redis-server
nginx), three etcd members and three Patroni nodes configured by deploy/ha, Redis with a replica and three
Sentinels, and the whole system on top (CRM, main API, dispatcher on gunicorn; nginx in front) on a libpq
multi-host URL with target_session_attrs=read-write and rate limits counted in Redis through the Sentinels. Then
people book, pay, book with their packs, are checked in, join waiting lists, log in and browse for --minutes, each
retrying a 502/503/504 once, as a person told to try again does. At 30 % of the rush it kills the primary (its
Patroni, postmaster and backends); at 65 % the Redis primary. It prints how long writes were unavailable, the
failed requests, what Redis's loss refused, and compares the database with every answer given
(bench/failover_check.py). It asserts nothing; docs/benchmarks.md ("Failover drill") keeps its figures.
"""

import argparse
import platform
import secrets
import shlex
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # main_app and start_services live in the project root; bench/ is already on the path

from failover_check import check  # noqa: E402
from failover_data import create_studio  # noqa: E402
from failover_rush import WRITES, Client, Record, Rush  # noqa: E402
from ha_cluster import PatroniCluster, RedisWithSentinels  # noqa: E402
from measure import percentile  # noqa: E402
from runner import machine, run_bench  # noqa: E402
from stack import Databases, Stack  # noqa: E402

PRIMARY_AT, REDIS_AT = 0.30, 0.65  # of the rush, when each is killed
REDIS_WINDOW = 30  # seconds after Redis's loss in which a refusal is counted against it


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="length of the rush (default 5)")
    parser.add_argument("--threads", type=int, default=16, help="people acting at once (default 16)")
    parser.add_argument("--people", type=int, default=600, help="accounts (default 600)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs)")
    return parser.parse_args(argv)


def _fill_tiny_classes(base: str, rush: Rush) -> None:
    """One seat of each one-seat class booked before the clock: everyone after joins its waiting list."""
    client = Client(base, Record())
    for person, session_id in zip(rush.studio.people, rush.studio.sessions["tiny"], strict=False):
        client.send("setup", "setup", "POST", "/bookings/book", person.token, json={"session_id": session_id})


def _outage(answers, killed_at: float) -> tuple[float, int]:
    """(seconds from the kill to the first write asked after it and answered below 500, 503s answered meanwhile)."""
    after = sorted((a for a in answers if a.step in WRITES and a.asked >= killed_at), key=lambda a: a.answered)
    back = next((a.answered for a in after if 0 < a.status < 500 and not a.retried), None)
    back = back if back is not None else next((a.answered for a in after if 0 < a.status < 500), float("nan"))
    unavailable = sum(1 for a in answers if killed_at <= a.asked <= back and (a.first_status or a.status) == 503)
    return back - killed_at, unavailable


def _failures(kinds: Counter) -> str:
    return ", ".join(f"{step} {status} {code or '-'} x{n}" for (step, status, code), n in kinds.most_common()) or "none"


def _figures(answers, events: dict[str, float]) -> list[str]:
    failed = [a for a in answers if a.status == 0 or a.status >= 500]
    kinds = Counter((a.step, a.status, a.code) for a in failed)
    writes_down, met = _outage(answers, events["primary"])
    redis_at = events["redis"]
    refused = [
        a for a in answers if a.step == "book" and redis_at <= a.asked <= redis_at + REDIS_WINDOW
        and (a.status == 429 or a.status == 0 or a.status >= 500)
    ]  # fmt: skip
    by_step = {}
    for a in answers:
        by_step.setdefault(a.step, []).append(a.answered - a.asked)
    return [
        f"requests  {len(answers):,} answered; {len(failed)} failed after one retry "
        f"({100 * len(failed) / max(1, len(answers)):.2f} %, target <= 1 %); "
        f"{sum(a.retried for a in answers)} needed their retry; failed: " + _failures(kinds),
        f"primary   writes unavailable {writes_down:.1f} s after the kill (target <= 15 s); {met} requests met a 503",
        f"redis     {len(refused)} bookings refused in the {REDIS_WINDOW} s after the Redis primary's loss (target 0)",
        "p99       " + ", ".join(f"{step} {percentile(s, 99) * 1000:.0f} ms" for step, s in sorted(by_step.items())),
    ]


def drill(args, cleanup, workdir: Path) -> list[str]:
    cluster = PatroniCluster().start()
    cleanup.callback(cluster.stop)
    redis = RedisWithSentinels(workdir).start()
    cleanup.callback(redis.stop)
    standbys = cluster.synchronous_standby_names()
    lines = [f"cluster   {len(cluster.names)} Patroni nodes, the primary's synchronous_standby_names = '{standbys}'"]
    databases = Databases(workdir, cluster.url("postgres"))
    cleanup.callback(databases.drop)
    secret_key = secrets.token_hex(32)  # the test provider signs its webhooks with a key derived from it
    env = {"RATELIMIT_STORAGE_URI": redis.storage_uri, "RATELIMIT_NOTIFY": "1000000/second", "SECRET_KEY": secret_key}
    stack = Stack(workdir, databases, extra_env=env)
    cleanup.callback(stack.stop)
    stack.start()
    base = f"http://127.0.0.1:{stack.start_front() or stack.main_port}"
    studio = create_studio(stack.app, args.people)
    rush = Rush(base, studio, args.threads, secret_key)
    _fill_tiny_classes(base, rush)
    since, seconds = datetime.now(UTC), args.minutes * 60
    print(f"rush of {seconds:.0f} s, {args.threads} people at once...", flush=True)
    happened = rush.run(
        seconds,
        [(seconds * PRIMARY_AT, lambda: ("primary", cluster.kill_leader())), (seconds * REDIS_AT, redis.kill_primary)],
    )
    events = {"primary": happened[0][1], "redis": happened[1][1]}
    lines.append(f"killed    primary {happened[0][0][1]} at {PRIMARY_AT:.0%}; new primary {cluster.leader()}")
    lines += _figures(rush.record.answers, events)
    after, problems = check(stack, studio, rush.record.answers, since)
    lines += [f"after     {line}" for line in after]
    lines.append(f"verdict   {'; '.join(problems) or 'every promise held'}")
    return lines


def main(argv=None) -> int:
    args = parse_args(argv)
    command = shlex.join([sys.executable, *sys.argv])

    def work(cleanup, workdir):
        blocks = [
            f"machine   {machine()}",
            f"python    {platform.python_version()} ({sys.executable})",
            f"command   (in {Path.cwd()}) {command}",
            *drill(args, cleanup, workdir),
        ]

        def report(seconds: float) -> None:
            print("=" * 118)
            print("\n".join(blocks))
            print(f"run took {seconds:.0f} s")

        return report

    return run_bench("bench-failover-", args.keep, work)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Open tabs against a booking rush: 1,000 live notification streams held open while 2,000 people book 100 seats.

Run from the project root with the project's interpreter:
    .venv/bin/python bench/streams.py [--database-url postgresql://user@host:5432/db] [--streams 1000]
It starts the whole system on free loopback ports (nginx in front of the bookings where installed), mints the
accounts, runs the rush once with no stream open and once with `--streams` of the rushing people's streams open
(the live stream process on its own), and prints the booking p99 of both, their ratio, what the stream process
cost, and whether every booked person with a stream open heard of their booking. It asserts nothing.
"""

import argparse
import asyncio
import json
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import jwt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # main_app and start_services live in the project root; bench/ is already on the path

import aiohttp  # noqa: E402
from cpu import tree_seconds  # noqa: E402
from data import create_load_data  # noqa: E402
from rush import _booking_ids, run_rush  # noqa: E402
from sqlalchemy import select  # noqa: E402
from stack import HOST, Databases, Stack, free_port  # noqa: E402

from launcher.processes import ServiceProcess, flask_command  # noqa: E402
from main_app.extensions import db  # noqa: E402
from main_app.live.server import HEALTH_PATH, PATH  # noqa: E402
from main_app.models import Booking, EventSession  # noqa: E402


class Streams:
    """count open streams on their own event loop thread; heard[user id] is the last {total, unread} each got."""

    def __init__(self, url: str, tokens: list[str]):
        self.url, self.tokens = url, tokens
        self.heard: dict[int, dict] = {}
        self.opened = 0
        self.failures: Counter = Counter()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.tasks = []

    async def _one(self, session: aiohttp.ClientSession, token: str) -> None:
        user_id, is_open = account_of(token), False
        try:
            async with session.get(self.url + PATH, headers={"Authorization": f"Bearer {token}"}) as response:
                if response.status != 200:
                    self.failures[f"refused: {response.status} {(await response.text())[:120]}"] += 1
                    return
                self.opened, is_open = self.opened + 1, True
                async for raw in response.content:
                    line = raw.decode().strip()
                    if line.startswith("data: "):
                        self.heard[user_id] = json.loads(line[6:])
        except (TimeoutError, aiohttp.ClientError) as exc:
            self.failures[f"{'dropped' if is_open else 'not opened'}: {type(exc).__name__}: {exc}"[:160]] += 1

    async def _open_all(self) -> None:
        connector = aiohttp.TCPConnector(limit=0)
        self.session = aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=None))
        self.tasks = [asyncio.ensure_future(self._one(self.session, token)) for token in self.tokens]

    def open(self, timeout: float = 60) -> float:
        """Open every stream; the seconds until all answered."""
        self.thread.start()
        started = time.monotonic()
        asyncio.run_coroutine_threadsafe(self._open_all(), self.loop).result()
        while self.opened + self.failures.total() < len(self.tokens) and time.monotonic() - started < timeout:
            time.sleep(0.05)
        return time.monotonic() - started

    def close(self) -> None:
        async def shut():
            for task in self.tasks:
                task.cancel()
            await asyncio.gather(*self.tasks, return_exceptions=True)
            await self.session.close()

        asyncio.run_coroutine_threadsafe(shut(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(backend_url: str | None, args) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="bench-streams-"))
    databases = Databases(workdir, backend_url)
    stack = Stack(workdir, databases)
    stack.start()
    live = None
    try:
        tokens, _ = create_load_data(stack.app, users=args.people, sessions=1, capacity=1)
        port = free_port()
        live_url = f"http://{HOST}:{port}"
        argv = flask_command("main_app", "live-stream", "--host", HOST, "--port", str(port))
        live = ServiceProcess("live", argv, stack.env, live_url + HEALTH_PATH, workdir / "live.log")
        live.start().wait_healthy(60)
        options = {"people": args.people, "seats": args.seats, "connections": args.connections}
        print(f"[{databases.backend}] rush with no stream open...", flush=True)
        quiet = run_rush(stack, tokens, **options)
        print(f"[{databases.backend}] opening {args.streams:,} streams...", flush=True)
        streams = Streams(live_url, tokens[: args.streams])
        opened_in = streams.open()
        cpu_before = tree_seconds(live.proc.pid)
        print(f"[{databases.backend}] rush with {streams.opened:,} streams open...", flush=True)
        busy = run_rush(stack, tokens, **options)
        watched = booked_people(stack.app) & {account_of(token) for token in tokens[: args.streams]}
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not all(streams.heard.get(u, {}).get("total", 0) >= 1 for u in watched):
            time.sleep(0.1)
        heard = sum(1 for u in watched if streams.heard.get(u, {}).get("total", 0) >= 1)
        cpu = tree_seconds(live.proc.pid) - cpu_before
        rss = rss_mb(live.proc.pid)
        dropped = sum(n for failure, n in streams.failures.items() if failure.startswith("dropped"))
        streams.close()
        print(
            f"\n[{databases.backend}] {args.people:,} people booking {args.seats} seats over {args.connections}"
            f" connections, {quiet.front}"
        )
        print(
            f"  streams: {streams.opened:,} of {len(streams.tokens):,} opened in {opened_in:.1f} s,"
            f" {streams.opened - dropped:,} open through the rush"
        )
        for failure, count in streams.failures.most_common(3):
            print(f"    {count} x {failure}")
        print(f"  booking p99, no stream open:   {quiet.booking_p99 * 1000:,.0f} ms ({held(quiet)})")
        print(f"  booking p99, streams open:     {busy.booking_p99 * 1000:,.0f} ms ({held(busy)})")
        print(f"  ratio streams / none:          {busy.booking_p99 / quiet.booking_p99:.2f}")
        print(f"  booked people with a stream who heard of it: {heard} of {len(watched)}")
        print(f"  live stream process: {cpu:.2f} CPU s during the rush, {rss:.0f} MB resident")
    finally:
        if live is not None:
            live.stop()
        stack.stop()
        databases.drop()


def booked_people(app) -> set[int]:
    """The accounts booked in the newest session (the last rush's)."""
    with app.app_context():
        session_id = db.session.scalar(select(EventSession.id).order_by(EventSession.id.desc()).limit(1))
        ids = _booking_ids(app, session_id)
        people = set(db.session.scalars(select(Booking.user_id).where(Booking.id.in_(ids))))
        db.session.remove()
    return people


def account_of(token: str) -> int:
    """The account id a token names (minted here: no need to check it)."""
    return int(jwt.decode(token, options={"verify_signature": False})["sub"])


def held(result) -> str:
    return "; ".join(result.problems()) or "all promises held"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="run on this PostgreSQL server instead of SQLite (fresh schemas)")
    parser.add_argument("--streams", type=int, default=1000, help="streams held open (default 1,000)")
    parser.add_argument("--people", type=int, default=2000, help="people booking at once (default 2,000)")
    parser.add_argument("--seats", type=int, default=100, help="seats of the rushed session (default 100)")
    parser.add_argument("--connections", type=int, default=100, help="connections they book over (default 100)")
    args = parser.parse_args(argv)
    run(args.database_url, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())

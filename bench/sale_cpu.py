"""Where a sale's CPU goes on this machine: each service (the dispatcher lane by lane, by its threads' names), nginx,
PostgreSQL's server when it runs here, the load generator (this process), and the machine's whole busy time beside
their sum, so nothing that costs CPU hides."""

import time
from datetime import timedelta

import sqlalchemy as sa
from cpu import busy_seconds, parent_pid, server_seconds, thread_seconds, tree_seconds

from main_app.extensions import db
from main_app.models import OUTBOX_DELIVERED, ClientChange, OutboxMessage, TallyChange, utcnow

MACHINE = "machine"  # every process's busy time, from /proc/stat


def postmaster_of(app) -> int | None:
    """The PostgreSQL server's main process when it runs on this machine and we may read it (None otherwise, and
    on SQLite)."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            return None
        backend = db.session.scalar(sa.text("SELECT pg_backend_pid()"))
        db.session.remove()
    return parent_pid(backend)


def background_left(app) -> int:
    """Rows of background work the seeding set off still waiting: classes and clients to count for the reports,
    delivered messages past retention to prune."""
    with app.app_context():
        old = utcnow() - timedelta(days=app.config["OUTBOX_RETENTION_DAYS"])
        to_prune = sa.select(sa.func.count()).where(
            OutboxMessage.status == OUTBOX_DELIVERED, OutboxMessage.delivered_at < old
        )
        left = sum(
            db.session.scalar(query)
            for query in (
                sa.select(sa.func.count()).select_from(TallyChange),
                sa.select(sa.func.count()).select_from(ClientChange),
                to_prune if app.config["OUTBOX_RETENTION_DAYS"] > 0 else sa.select(0),
            )
        )
        db.session.remove()
    return left


def wait_quiet(app, timeout: float) -> tuple[float, int]:
    """Wait until the dispatcher has done the background work the seeding set off (at most timeout seconds), so a
    sale's CPU is the sale's: the seconds it took and the rows still left."""
    started = time.monotonic()
    while (left := background_left(app)) and time.monotonic() - started < timeout:
        time.sleep(1)
    return time.monotonic() - started, left


def lane_of(thread_name: str) -> str:
    """The dispatcher's lane a thread works for ("email-lane", "email-send_3": email), "other" for the rest."""
    channel, _, role = thread_name.partition("-")
    return channel if role == "lane" or role.startswith("send") else "other"


class SaleMeter:
    """CPU seconds so far of every part of the running stack; read() before and after a sale, then per_booking()."""

    def __init__(self, stack, postmaster: int | None):
        self.stack = stack
        self.postmaster = postmaster

    def read(self) -> dict[str, float]:
        """Seconds so far by part: main API (every instance), dispatcher <lane>, CRM, nginx, PostgreSQL, load
        generator, and the machine."""
        stack = self.stack
        parts = {"main API": sum(tree_seconds(s.proc.pid) for s in (stack.main, *stack.more_apis) if s.alive())}
        if stack.dispatcher.alive():
            for name, seconds in sorted(thread_seconds(stack.dispatcher.proc.pid).items()):
                key = f"dispatcher {lane_of(name)}"
                parts[key] = parts.get(key, 0.0) + seconds
        parts["CRM"] = tree_seconds(stack.crm.proc.pid) if stack.crm.alive() else 0.0
        parts["nginx"] = tree_seconds(stack.front.proc.pid) if stack.front is not None else 0.0
        if self.postmaster is not None:
            parts["PostgreSQL"] = server_seconds(self.postmaster)
        parts["load generator"] = time.process_time()
        parts[MACHINE] = busy_seconds()
        return parts


def per_booking(before: dict[str, float], after: dict[str, float], sold: int) -> dict[str, float]:
    """Milliseconds per booking sold of each part between two reads (parts that used none left out)."""
    used = {name: (after.get(name, 0.0) - before.get(name, 0.0)) / max(1, sold) * 1000 for name in after}
    return {name: ms for name, ms in used.items() if ms > 0}


def cpu_lines(ms: dict[str, float]) -> list[str]:
    """The report's lines: each part, the dispatcher's lanes under it, the sum and what the machine spent."""
    lanes = {name.split(" ", 1)[1]: v for name, v in ms.items() if name.startswith("dispatcher ")}
    parts = {name: v for name, v in ms.items() if not name.startswith("dispatcher ") and name != MACHINE}
    if lanes:
        parts["dispatcher"] = sum(lanes.values())
    total = sum(parts.values())
    listed = ", ".join(f"{name} {v:.2f}" for name, v in sorted(parts.items(), key=lambda item: -item[1]))
    by_lane = ", ".join(f"{lane} {v:.2f}" for lane, v in sorted(lanes.items(), key=lambda item: -item[1]))
    machine = ms.get(MACHINE, 0.0)
    return [
        f"  CPU       ms per booking sold, until everything was delivered: {listed}",
        f"            the dispatcher's lanes: {by_lane or 'none'}",
        f"            sum {total:.2f}; the machine spent {machine:.2f} (other processes {machine - total:.2f})",
    ]

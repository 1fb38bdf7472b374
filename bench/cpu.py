"""CPU time used by each service's process tree (gunicorn master and workers), read from /proc."""

import os
import resource
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
MAX_PROCESSES = 200  # bound on the tree walk


def _children(pid: int) -> list[int]:
    """Direct children of pid, over all its threads."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return found


def tree_seconds(pid: int) -> float:
    """User + system CPU seconds of pid and its live descendants."""
    total, todo, seen = 0.0, [pid], set()
    while todo and len(seen) < MAX_PROCESSES:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            # Fields after the command name: state is the first, utime the 12th, stime the 13th.
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += (int(fields[11]) + int(fields[12])) / TICKS
        todo += _children(current)
    return total


def snapshot(services) -> dict[str, float]:
    """CPU seconds so far per service name (0 for a stopped one)."""
    return {s.name: tree_seconds(s.proc.pid) if s.alive() else 0.0 for s in services}


def reaped_children_seconds() -> float:
    """CPU seconds of our finished child processes (wrk, once it has exited)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime

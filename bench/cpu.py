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


def _fields(path: str) -> list[str]:
    """A /proc stat line's fields after the command name (state first), [] when it cannot be read."""
    try:
        return Path(path).read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def parent_pid(pid: int) -> int | None:
    """The parent of a live process on this machine (None: gone, or not ours to see)."""
    fields = _fields(f"/proc/{pid}/stat")
    return int(fields[1]) if fields else None


def server_seconds(pid: int) -> float:
    """A forking server's CPU seconds (PostgreSQL's postmaster): its live tree and every child it has reaped (the
    connections' backends that have ended)."""
    fields = _fields(f"/proc/{pid}/stat")
    reaped = (int(fields[13]) + int(fields[14])) / TICKS if fields else 0.0
    return tree_seconds(pid) + reaped


def thread_seconds(pid: int) -> dict[str, float]:
    """CPU seconds of a process's live threads, summed by the threads' names (/proc/PID/task/TID/comm)."""
    found: dict[str, float] = {}
    for task in Path(f"/proc/{pid}/task").glob("*"):
        fields = _fields(str(task / "stat"))
        try:
            name = (task / "comm").read_text().strip()
        except OSError:
            continue
        if fields:
            found[name] = found.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / TICKS
    return found


def busy_seconds() -> float:
    """CPU seconds every core of the machine has spent busy since boot (/proc/stat: all but idle and iowait)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(values[:8]) - values[3] - values[4]) / TICKS

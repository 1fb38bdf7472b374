"""The dispatcher's share of the CPU: delivery can wait a moment, a person's request cannot. Under contention (a
rush on two cores) the dispatcher yields to the API and the database, and catches up as soon as they idle."""

import os
from pathlib import Path

AUTOGROUP = Path("/proc/self/autogroup")  # Linux: the scheduling group of this process's session
LOWEST = 19  # the highest niceness, the lowest priority


def yield_cpu(niceness: int) -> str:
    """Lower this process's CPU priority by niceness (0: leave it), before its threads start (they inherit it); on
    Linux, when it leads its own session (start_services.py starts each service so), also its session's group: the
    scheduler shares the CPU between sessions first, where a thread's niceness counts only inside its own. What it
    did, for the log."""
    if niceness <= 0:
        return "CPU priority left as it is"
    reached = os.nice(min(niceness, LOWEST))
    if os.getsid(0) != os.getpid():  # a shell's session: its other processes are not ours to lower
        return f"niceness {reached}"
    try:
        AUTOGROUP.write_text(str(reached))
    except OSError:  # no autogroups (another kernel, or turned off): the niceness alone
        return f"niceness {reached}"
    return f"niceness {reached}, and its session's group"

"""A claimed batch's requests sent side by side, each outcome recorded as it comes back."""

import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Executor, wait

from .outcomes import Claimed, Outcome


def send_side_by_side(
    pool: Executor,
    units: list[list[Claimed]],
    send_unit: Callable[[list[Claimed]], list[Outcome]],
    *,
    deadline: float,
    keep: Callable[[list[Outcome]], None],
    gather: float = 0.0,
) -> tuple[list[Outcome], list[Claimed]]:
    """Send each unit on the pool, starting none after the first transient failure or past deadline (monotonic);
    keep() what comes back as it comes, with what else comes back within `gather` seconds of it. Returns what was
    sent and what was left unsent."""
    failing = threading.Event()

    def send_unless_failing(unit: list[Claimed]) -> list[Outcome] | None:
        if failing.is_set() or time.monotonic() > deadline:
            return None
        outcomes = send_unit(unit)
        if any(outcome.transient_failure for outcome in outcomes):
            failing.set()
        return outcomes

    futures = {pool.submit(send_unless_failing, unit): unit for unit in units}
    sent, unsent, waiting = [], [], set(futures)
    while waiting:
        done, waiting = wait(waiting, return_when=FIRST_COMPLETED)
        if gather and waiting:  # one commit for a moment's sends rather than one each (an email lane's are quick)
            more, waiting = wait(waiting, timeout=gather)
            done |= more
        came_back = []
        for future in (future for future in futures if future in done):  # in the order sent: the attempts' log too
            outcomes = future.result()
            if outcomes is None:
                unsent += futures[future]
            else:
                came_back += outcomes
        # Written now, while the others are still out: SMTP has no idempotency, so a dispatcher killed before this
        # commit sends these again once the lease ends; the window is this commit's (at most `gather` seconds of
        # sends), not the batch's. A repeat carries the same Message-ID, which mail clients show once.
        keep(came_back)
        sent += came_back
    return sent, unsent

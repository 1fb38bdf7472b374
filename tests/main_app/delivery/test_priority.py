"""The dispatcher yields the CPU: its niceness, and its session's scheduling group when it leads its session."""

import os
import subprocess
import sys
from pathlib import Path

from main_app.delivery.priority import LOWEST

AUTOGROUP = Path("/proc/self/autogroup")  # empty for a process in the root group (never in a session of its own)
PROBE = (
    "import os; from main_app.delivery import yield_cpu; said = yield_cpu({n}); "
    "group = (open('/proc/self/autogroup').read().split() or ['-'])[-1] if os.path.exists('/proc/self/autogroup') "
    "else '-'; "
    "print(os.getpriority(os.PRIO_PROCESS, 0), group, said, sep='|')"
)


def _probe(niceness: int, own_session: bool) -> tuple[int, str, str]:
    """yield_cpu(niceness) in a fresh process (in a session of its own, or the test's): its niceness after, its
    scheduling group's, and what it said."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(n=niceness)],
        capture_output=True,
        text=True,
        check=True,
        start_new_session=own_session,
        cwd=Path(__file__).resolve().parents[3],
    )
    reached, group, said = done.stdout.strip().split("|")
    return int(reached), group, said


def test_a_dispatcher_in_its_own_session_lowers_itself_and_its_group():
    base = os.getpriority(os.PRIO_PROCESS, 0)
    reached, group, said = _probe(10, own_session=True)
    assert reached == min(base + 10, LOWEST), said
    if AUTOGROUP.exists():  # Linux with autogroups: the group the scheduler shares the CPU between
        assert group == str(reached) and said == f"niceness {reached}, and its session's group", said


def test_one_started_from_a_shell_leaves_the_shells_group_alone():
    before = AUTOGROUP.read_text() if AUTOGROUP.exists() else None
    reached, _group, said = _probe(10, own_session=False)
    assert said == f"niceness {reached}"
    assert (AUTOGROUP.read_text() if AUTOGROUP.exists() else None) == before


def test_zero_leaves_the_priority_as_it_is():
    assert _probe(0, own_session=True)[0] == os.getpriority(os.PRIO_PROCESS, 0)

"""`--cpu-figures=FILE`: the CPU each test file costs, its services included, to see where a run's time goes.

Each test process adds up, per file, over each test's setup, call and teardown, its own CPU and that of every
process it started, reaped or still running (read from /proc: a run-wide stack or browser counts in the tests
that use it while they use it), and appends one JSON line per file to FILE: {"file", "cpu", "wall", "tests"}. The
run-wide fixtures' teardown at the end counts as "(run end)". `python3 tests/plugins/cpu_figures.py
FILE` sums the lines by folder and lists the costliest files (docs/testing.md)."""

import json
import os
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

_TOTALS: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])


def pytest_addoption(parser):
    parser.addoption("--cpu-figures", metavar="FILE", help="append each test file's CPU and wall seconds to FILE")


_TICK = os.sysconf("SC_CLK_TCK")


def _descendants_cpu(pid: int) -> float:
    """CPU seconds of pid's running (or not yet reaped) descendants and of the ones they reaped."""
    total = 0.0
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            children = task.read_text().split()
        except OSError:
            continue  # a thread that ended since the folder was listed
        for child in children:
            try:
                fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # gone since the list was read: its parent's reaped figure has it
            total += sum(int(value) for value in fields[11:15]) / _TICK  # utime stime cutime cstime
            total += _descendants_cpu(int(child))
    return total


def _cpu_now() -> float:
    """CPU seconds of this process, of the processes it reaped and of the ones still running below it."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    reaped = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    return reaped + _descendants_cpu(os.getpid())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Count the test's setup, call and teardown (module fixtures end in the file's last test) to its file."""
    if not item.config.getoption("cpu_figures"):
        yield
        return
    cpu, wall = _cpu_now(), time.monotonic()
    yield
    _add(item.nodeid.split("::")[0], _cpu_now() - cpu, time.monotonic() - wall, tests=1)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """The last test's teardown stops the run-wide fixtures: counted apart, as "(run end)"."""
    if nextitem is not None or not item.config.getoption("cpu_figures"):
        yield
        return
    cpu, wall = _cpu_now(), time.monotonic()
    yield
    cpu, wall = _cpu_now() - cpu, time.monotonic() - wall
    _add("(run end)", cpu, wall)
    _add(item.nodeid.split("::")[0], -cpu, -wall)  # the protocol's wrapper above counts the whole teardown


def _add(name: str, cpu: float, wall: float, tests: int = 0) -> None:
    """Add CPU and wall seconds (and tests) to name's totals."""
    totals = _TOTALS[name]
    totals[0] += cpu
    totals[1] += wall
    totals[2] += tests


def pytest_sessionfinish(session):
    """Append this process's figures (each pytest-xdist worker writes its own lines)."""
    path = session.config.getoption("cpu_figures")
    if not path or not _TOTALS:
        return
    lines = [
        json.dumps({"file": name, "cpu": round(cpu, 2), "wall": round(wall, 2), "tests": tests, "pid": os.getpid()})
        for name, (cpu, wall, tests) in _TOTALS.items()
    ]
    with open(path, "a", encoding="utf-8") as figures:
        figures.write("".join(f"{line}\n" for line in lines))


def summary(path: str, files: int = 25) -> str:
    """The figures in path by folder (tests/<folder>) and the costliest files, CPU seconds first."""
    by_file: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        figures = json.loads(line)
        by_file[figures["file"]][0] += figures["cpu"]
        by_file[figures["file"]][1] += figures["wall"]
    by_folder: dict[str, float] = defaultdict(float)
    for name, (cpu, _wall) in by_file.items():
        by_folder[name.split("/")[1] if name.count("/") > 1 else "tests"] += cpu
    rows = [
        f"{'CPU s':>8} folder",
        *(f"{cpu:8.1f} {name}" for name, cpu in sorted(by_folder.items(), key=lambda f: -f[1])),
    ]
    rows += [f"{sum(by_folder.values()):8.1f} in all", "", f"{'CPU s':>8} {'wall s':>8} file"]
    costliest = sorted(by_file.items(), key=lambda f: -f[1][0])[:files]
    rows += [f"{cpu:8.1f} {wall:8.1f} {name}" for name, (cpu, wall) in costliest]
    return "\n".join(rows)


if __name__ == "__main__":
    print(summary(sys.argv[1]))

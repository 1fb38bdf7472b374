"""What every benchmark command shares: a work directory, clean shutdown on Ctrl-C or SIGTERM, the machine."""

import os
import platform
import shutil
import signal
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> str:
    """One line describing the machine, for a report's header."""
    return (
        f"{os.cpu_count()} CPUs (nproc), {cpu_model()}, {os.uname().sysname} {os.uname().release}; "
        f"load average at start {os.getloadavg()[0]:.2f}"
    )


def add_load_options(parser) -> None:
    """The options every benchmark takes: phase length, wrk's connections and threads, keeping the work dir."""
    parser.add_argument("--seconds", type=int, help="length of each measured phase (default 10, --quick 3)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1: wrk shares the machine)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs, SQLite files)")


def _terminate(*_):
    raise KeyboardInterrupt  # SIGTERM takes the same clean-up path as Ctrl-C


def run_bench(prefix: str, keep: bool, work) -> int:
    """Call work(cleanup, workdir) -> report; print report(seconds taken) once everything it started has stopped."""
    started = time.monotonic()
    signal.signal(signal.SIGTERM, _terminate)
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    finished = False
    try:
        with ExitStack() as cleanup:
            report = work(cleanup, workdir)
            print("Stopping services...", flush=True)
        report(time.monotonic() - started)
        finished = True
    except KeyboardInterrupt:
        print("\nInterrupted; every service was stopped.", file=sys.stderr)
        return 130
    finally:
        if finished and not keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"Logs and data kept in {workdir}", file=sys.stderr)
    return 0

"""Optional sampling profiles of the services during a phase, with py-spy (record --subprocesses)."""

import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

OUR_CODE = ("main_app/", "crm_microservice/")
ROOT = str(Path(__file__).resolve().parent.parent) + "/"
RATE = 200  # samples a second per process


def py_spy() -> str | None:
    """The py-spy executable next to this interpreter (pip install py-spy) or on PATH, if installed."""
    beside = Path(sys.executable).with_name("py-spy")
    return str(beside) if beside.exists() else shutil.which("py-spy")


class Recording:
    """py-spy recording one process tree (gunicorn master and workers) for a fixed time, in collapsed-stack form."""

    def __init__(self, executable: str, pid: int, seconds: float, output: Path):
        self.output = output
        self.proc = subprocess.Popen(
            [
                executable,
                "record",
                "--pid",
                str(pid),
                "--subprocesses",
                "--rate",
                str(RATE),
                "--format",
                "raw",
                "--duration",
                str(max(1, round(seconds))),
                "--nonblocking",
                "--gil",  # only the thread holding the GIL: Python's CPU time, not threads waiting on locks or I/O
                "--output",
                str(output),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def finish(self, timeout: float = 60) -> "Profile | None":
        """Wait for py-spy to write its file; the parsed profile, or None if it failed."""
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return None
        return Profile.read(self.output) if self.output.exists() else None


class Profile:
    """Collapsed stacks: how often each frame was on the stack (inclusive) and on top (self)."""

    def __init__(self):
        self.total = 0
        self.inclusive: Counter = Counter()
        self.own: Counter = Counter()

    @classmethod
    def read(cls, path: Path) -> "Profile":
        profile = cls()
        for line in path.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            if not stack or not count.isdigit():
                continue
            frames = [frame for frame in stack.split(";") if not frame.startswith(("process ", "thread "))]
            if not frames:
                continue
            n = int(count)
            profile.total += n
            profile.own[_short(frames[-1])] += n
            for frame in {_short(frame) for frame in frames}:
                profile.inclusive[frame] += n
        return profile

    def summary(self, top: int = 8) -> list[str]:
        """The hottest frames: our own functions (inclusive share) and anything on top of the stack (self share)."""
        if not self.total:
            return ["    (no samples)"]
        ours = [(f, n) for f, n in self.inclusive.most_common() if any(part in f for part in OUR_CODE)][:top]
        lines = [f"    {n / self.total:6.1%} incl  {frame}" for frame, n in ours]
        lines += [f"    {n / self.total:6.1%} self  {frame}" for frame, n in self.own.most_common(top)]
        return lines


def _short(frame: str) -> str:
    """'function (path/to/site-packages/pkg/mod.py:12)' -> 'function (pkg/mod.py)': lines of one function add up."""
    name, _, where = frame.partition(" (")
    where = where.rstrip(")").rsplit(":", 1)[0]
    for marker in ("site-packages/", ROOT):
        if marker in where:
            where = where.split(marker, 1)[1]
    return f"{name} ({where})"

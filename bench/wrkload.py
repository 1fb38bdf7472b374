"""Load from wrk (the reference load generator here) driven by booking.lua, and its results."""
import json
import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from cpu import reaped_children_seconds

LUA_SCRIPT = Path(__file__).with_name("booking.lua")
RESULT_PREFIX = "BENCH_RESULT "


def ensure_wrk() -> str:
    """The wrk executable; installed with apt-get (and said so) when missing and we are root."""
    path = shutil.which("wrk")
    if path:
        return path
    if os.geteuid() != 0:
        raise SystemExit("wrk is not installed; install it with: sudo apt-get install -y wrk")
    print("wrk is not installed: installing it now with `apt-get install -y wrk`", flush=True)
    install = ["apt-get", "install", "-y", "-o", "DPkg::Lock::Timeout=120", "wrk"]
    if subprocess.run(install, capture_output=True, timeout=900).returncode != 0:
        # A fresh machine may have no package lists yet.
        subprocess.run(["apt-get", "update"], capture_output=True, timeout=900)
        subprocess.run(install, capture_output=True, timeout=900)
    path = shutil.which("wrk")
    if not path:
        raise SystemExit("could not install wrk; install it with: apt-get install -y wrk")
    print(f"wrk installed at {path}", flush=True)
    return path


@dataclass
class LoadResult:
    """One wrk run: throughput, latency and what the server answered."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    statuses: dict[int, int]
    socket_errors: int
    exhausted: int
    cores: dict[str, float] = field(default_factory=dict)  # CPU cores used per process during the run

    @property
    def rps(self) -> float:
        """Completed requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0

    def unexpected(self, expected: int) -> int:
        """Responses with another status, plus connect/read/write/timeout errors."""
        return sum(n for status, n in self.statuses.items() if status != expected) + self.socket_errors


class Wrk:
    """Runs wrk against one base URL, handing each booking run fresh (user, session) pairs."""

    def __init__(self, executable: str, base_url: str, tokens: list[str], session_ids: list[int], workdir: Path,
                 *, threads: int, connections: int):
        self.executable = executable
        self.base_url = base_url
        self.tokens = tokens
        self.session_ids = session_ids
        self.threads = threads
        self.connections = connections
        self.tokens_file = workdir / "tokens.txt"
        self.sessions_file = workdir / "sessions.txt"
        self.tokens_file.write_text("\n".join(tokens) + "\n")
        self.sessions_file.write_text("\n".join(map(str, session_ids)) + "\n")
        self.pool = len(tokens) * len(session_ids)
        self.next_pair = 0

    def argv(self, mode: str, seconds: float) -> list[str]:
        """The wrk command line for one run."""
        return [  # wrk takes whole seconds
            self.executable, f"-t{self.threads}", f"-c{self.connections}", f"-d{max(1, round(seconds))}s", "--timeout", "30s",
            "-s", str(LUA_SCRIPT), self.base_url, "--", mode, str(self.tokens_file), str(self.sessions_file),
            str(self.next_pair), str(self.pool), str(self.threads),
        ]

    def describe(self, mode: str, seconds: float) -> str:
        """The command line, quoted, as run."""
        return shlex.join(self.argv(mode, seconds))

    def run(self, mode: str, seconds: float) -> LoadResult:
        """Run wrk for seconds; mode 'book' (POST /bookings/book, fresh pairs) or 'health' (GET /health)."""
        argv = self.argv(mode, seconds)
        cpu_before = reaped_children_seconds()
        done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 120)
        wrk_cpu = reaped_children_seconds() - cpu_before
        lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
        if done.returncode != 0 or not lines:
            raise RuntimeError(f"wrk failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
        data = json.loads(lines[-1][len(RESULT_PREFIX):])
        if mode == "book":
            self.next_pair = max(self.next_pair, data["next_pair"])
        errors = data["errors"]
        result = LoadResult(
            requests=data["requests"],
            seconds=data["duration_us"] / 1e6,
            p50_ms=data["p50_us"] / 1000,
            p99_ms=data["p99_us"] / 1000,
            max_ms=data["max_us"] / 1000,
            statuses={int(status): n for status, n in data["statuses"].items()},
            socket_errors=errors["connect"] + errors["read"] + errors["write"] + errors["timeout"],
            exhausted=data["exhausted"],
        )
        result.cores["wrk"] = wrk_cpu / result.seconds if result.seconds else 0.0
        return result

    def take_pairs(self, count: int) -> list[tuple[str, int]]:
        """count fresh (token, session id) pairs for bookings made outside wrk."""
        if self.next_pair + count > self.pool:
            raise RuntimeError("out of fresh (user, session) pairs; raise --users")
        pairs = []
        for k in range(self.next_pair, self.next_pair + count):
            user, session = divmod(k, len(self.session_ids))
            pairs.append((self.tokens[user], self.session_ids[session]))
        self.next_pair += count
        return pairs

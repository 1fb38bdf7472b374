"""Load from wrk (the reference load generator here) driven by requests.lua, and its results."""

import json
import os
import shlex
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from cpu import reaped_children_seconds, snapshot

LUA_SCRIPT = Path(__file__).with_name("requests.lua")
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


@dataclass(frozen=True)
class Request:
    """One HTTP request for wrk to send."""

    method: str
    path: str
    body: str | None = None
    headers: dict = field(default_factory=dict)

    def line(self) -> str:
        """The request as one line of requests.lua's file: method, path, body, headers, tab-separated."""
        parts = [self.method, self.path, self.body or "-", *(f"{k}: {v}" for k, v in self.headers.items())]
        if any("\t" in part or "\n" in part for part in parts):
            raise ValueError("a request line cannot hold tabs or newlines")
        return "\t".join(parts)


def write_requests(path: Path, requests) -> Path:
    """Write requests (an iterable of Request) to path for requests.lua; returns path."""
    with path.open("w") as out:
        for request in requests:
            out.write(request.line() + "\n")
    return path


def json_request(method: str, path: str, payload: dict, token: str, **headers) -> Request:
    """A JSON request with a bearer token."""
    return Request(
        method,
        path,
        json.dumps(payload, separators=(",", ":")),
        {"Content-Type": "application/json", "Authorization": f"Bearer {token}", **headers},
    )


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
    consumed: int  # "once" runs: lines of the file used up (sent, or skipped past by another thread)
    cores: dict[str, float] = field(default_factory=dict)  # CPU cores used per process during the run

    @property
    def rps(self) -> float:
        """Completed requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0

    def unexpected(self, expected: int) -> int:
        """Responses with another status, plus connect/read/write/timeout errors."""
        return sum(n for status, n in self.statuses.items() if status != expected) + self.socket_errors


class Wrk:
    """Runs wrk with requests.lua: a file of requests sent in turn, cycled or each sent once."""

    def __init__(self, executable: str, *, threads: int, connections: int):
        self.executable = executable
        self.threads = threads
        self.connections = connections

    def argv(self, base_url: str, requests_file: Path, seconds: float, once: bool) -> list[str]:
        """The wrk command line for one run."""
        return [  # wrk takes whole seconds
            self.executable,
            f"-t{self.threads}",
            f"-c{self.connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "30s",
            "-s",
            str(LUA_SCRIPT),
            base_url,
            "--",
            str(requests_file),
            "once" if once else "cycle",
            str(self.threads),
        ]

    def describe(self, base_url: str, requests_file: Path, seconds: float, once: bool = False) -> str:
        """The command line, quoted, as run."""
        return shlex.join(self.argv(base_url, requests_file, seconds, once))

    def run(
        self, base_url: str, requests_file: Path, seconds: float, *, once: bool = False, services=(), until=None
    ) -> LoadResult:
        """Run wrk for seconds, or with until (a callable) only until until() returns true, checked twice a second;
        with services, also record the CPU cores each used meanwhile."""
        argv = self.argv(base_url, requests_file, seconds, once)
        cpu_before, wrk_before = snapshot(services), reaped_children_seconds()
        with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
            while until is not None and proc.poll() is None and not until():
                time.sleep(0.5)
            if proc.poll() is None and until is not None:
                proc.send_signal(signal.SIGINT)  # wrk stops and reports what it measured until then
            try:
                stdout, stderr = proc.communicate(timeout=seconds + 120)
            except subprocess.TimeoutExpired:
                proc.kill()
                raise
        cpu_after, wrk_cpu = snapshot(services), reaped_children_seconds() - wrk_before
        lines = [line for line in stdout.splitlines() if line.startswith(RESULT_PREFIX)]
        if proc.returncode != 0 or not lines:
            raise RuntimeError(f"wrk failed (exit {proc.returncode}):\n{stdout}\n{stderr}")
        data = json.loads(lines[-1][len(RESULT_PREFIX) :])
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
            consumed=data["consumed"],
        )
        if result.seconds:
            for name, used in cpu_after.items():
                result.cores[name] = max(0.0, used - cpu_before.get(name, 0.0)) / result.seconds
            result.cores["wrk"] = wrk_cpu / result.seconds
        return result


class FreshRequests:
    """Requests that must each be sent once (bookings, notifications): request k is make(k), for k below size."""

    def __init__(self, make, size: int):
        self.make = make
        self.size = size
        self.next = 0
        self._prepared = (0, 0)  # (first, count) of the requests prepare() wrote last

    def _claim(self, count: int) -> range:
        if self.next + count > self.size:
            raise RuntimeError(f"out of fresh requests ({self.size} in all); raise the number of users")
        claimed = range(self.next, self.next + count)
        self.next += count
        return claimed

    def run(self, load: Wrk, base_url: str, path: Path, seconds: float, rate_bound: int, services=()) -> LoadResult:
        """wrk sending the next requests (room for rate_bound a second) once each; the unused ones stay fresh."""
        self.prepare(path, seconds, rate_bound)
        return self.run_prepared(load, base_url, path, seconds, services)

    def prepare(self, path: Path, seconds: float, rate_bound: int) -> Path:
        """Write the next requests (room for rate_bound a second) to path, for run_prepared to send."""
        self._prepared = (self.next, min(rate_bound * max(1, round(seconds)), self.size - self.next))
        write_requests(path, (self.make(k) for k in self._claim(self._prepared[1])))
        return path

    def run_prepared(self, load: Wrk, base_url: str, path: Path, seconds: float, services=(), until=None) -> LoadResult:
        """wrk sending what prepare wrote, once each, for seconds or until until() (see Wrk.run); the unused ones
        stay fresh."""
        first, count = self._prepared
        result = load.run(base_url, path, seconds, once=True, services=services, until=until)
        self.next = first + min(count, result.consumed)
        return result


class BookingPairs(FreshRequests):
    """Fresh (user token, session id) bookings over U users and S sessions, each pair once.

    Pair k = q * U + r is user r with session (q + r) % S: consecutive bookings come from different users and
    spread over the sessions, and a user's S pairs (q = 0 .. S - 1) are S different sessions.
    """

    def __init__(self, tokens: list[str], session_ids: list[int]):
        super().__init__(self._booking, len(tokens) * len(session_ids))
        self.tokens = tokens
        self.session_ids = session_ids

    def pair(self, k: int) -> tuple[str, int]:
        """Pair k as (token, session id)."""
        q, r = divmod(k, len(self.tokens))
        return self.tokens[r], self.session_ids[(q + r) % len(self.session_ids)]

    def _booking(self, k: int) -> Request:
        token, session_id = self.pair(k)
        return json_request("POST", "/bookings/book", {"session_id": session_id}, token)

    def take(self, count: int) -> list[tuple[str, int]]:
        """The next count pairs, now used, for bookings made outside wrk."""
        return [self.pair(k) for k in self._claim(count)]

"""Child processes of the launcher: the commands that start each service, and a handle on one running process
(start, health, stop), used by start_services.py, the integration tests and the benchmarks."""

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def flask_command(app: str, *args: str) -> list[str]:
    """`flask --app <app> ...` run with this interpreter."""
    return [sys.executable, "-m", "flask", "--app", app, *args]


def gunicorn_command(factory: str, bind: str, workers: int, threads: int) -> list[str]:
    """A production WSGI server for an app factory, on bind ("host:port", or "unix:path" behind nginx)."""
    # A listening socket per worker (SO_REUSEPORT): the kernel spreads connections over the workers. On one
    # shared socket the first worker to wake takes them, and a few keep-alive clients can all land on one.
    reuse_port = [] if bind.startswith("unix:") else ["--reuse-port"]
    return [
        sys.executable,
        "-m",
        "gunicorn",
        factory,
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        *reuse_port,
        "--graceful-timeout",
        "5",
        "--error-logfile",
        "-",
        "--no-control-socket",  # gunicorn 27 would give every instance the same socket path
        "--config",
        # gthread answering its own refusals in our JSON shape; a body over the limit is read, answered, closed
        "python:service_kit.gunicorn_conf",
    ]


@dataclass
class ServiceProcess:
    """One child process with an optional health URL; used here and by the integration tests."""

    name: str
    argv: list[str]
    env: dict = field(default_factory=dict)
    health_url: str | None = None
    log_path: Path | None = None
    ready_text: str | None = None  # without a health URL: ready once the log shows this
    cwd: Path = ROOT
    restart: bool = False  # start_services.py starts it again when it dies (the dispatchers)
    proc: subprocess.Popen | None = None

    def start(self) -> "ServiceProcess":
        """Launch the process in its own process group, its output to log_path or ours."""
        output = open(self.log_path, "ab") if self.log_path else None  # noqa: SIM115 (the child writes to it)
        self.proc = subprocess.Popen(
            self.argv,
            cwd=self.cwd,
            env={**os.environ, **self.env},
            stdout=output,
            stderr=subprocess.STDOUT if output else None,
            start_new_session=True,
        )
        if output:
            output.close()
        return self

    def alive(self) -> bool:
        """True while the process runs. One that exited is left unreaped until reap(): while it is a zombie, its
        process id, which is its group's id, cannot be given to another process, so reap() can clear the group."""
        if self.proc is None or self.proc.returncode is not None:
            return False
        if not hasattr(os, "waitid"):  # macOS: poll() reaps it at once
            return self.proc.poll() is None
        return os.waitid(os.P_PID, self.proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None

    def reap(self, timeout: float = 5.0) -> int | None:
        """SIGKILL to whatever is left of the process group (all of it, or what an exited leader left behind:
        a gunicorn worker, a reloader's child), then the process's exit code."""
        if self.proc is None:
            return None
        self.signal(signal.SIGKILL)
        return self.proc.wait(timeout)

    def healthy(self) -> bool:
        """True when the health URL answers 200 (or the log shows ready_text)."""
        if self.health_url is None:
            return self.ready_text is None or self.log_path is None or self._log_shows(self.ready_text)
        try:
            with urllib.request.urlopen(self.health_url, timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def wait_healthy(self, timeout: float = 30.0) -> None:
        """Block until healthy; raise with the log's tail if it dies or takes too long."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError(f"{self.name} exited with code {self.reap()}{self._log_tail()}")
            if self.healthy():
                return
            time.sleep(0.1)
        raise RuntimeError(
            f"{self.name} not ready after {timeout:.0f}s ({self.health_url or self.ready_text}){self._log_tail()}"
        )

    def _log_shows(self, text: str) -> bool:
        return self.log_path.exists() and text in self.log_path.read_text(errors="replace")

    def _log_tail(self) -> str:
        if not self.log_path or not self.log_path.exists():
            return ""
        return "\n--- last log lines ---\n" + "\n".join(self.log_path.read_text(errors="replace").splitlines()[-30:])

    def signal(self, sig: int) -> None:
        """Send sig to the whole process group (gunicorn's workers too), unless the process was reaped already (its
        id could then be another process's)."""
        if self.proc is not None and self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, sig)

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM, then SIGKILL to what is left of its process group (all of it if it does not exit in time)."""
        stop_all([self], timeout)

    def kill(self) -> None:
        """SIGKILL at once, as a crash would."""
        self.reap()


def stop_all(services: list[ServiceProcess], grace: float = 20.0, hurry=lambda: False) -> None:
    """Stop the services: SIGTERM to each in the order given, then wait for them together (each winds down on its
    own, so waiting for one after another only adds their times up); then SIGKILL every process group: what an
    exited leader left behind, and all of the services still running once grace seconds have passed or hurry()
    says so (those get no SIGTERM first)."""
    deadline = time.monotonic() + grace
    for service in services:
        if hurry():
            break
        service.signal(signal.SIGTERM)
    while any(service.alive() for service in services) and time.monotonic() < deadline and not hurry():
        time.sleep(0.02)
    for service in services:
        with contextlib.suppress(subprocess.TimeoutExpired):  # stuck in the kernel: nothing more to send it
            service.reap()

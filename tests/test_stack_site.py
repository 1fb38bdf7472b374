"""The services a test starts stop themselves when the test run that started them is killed outright."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

STACK_SITE = Path(__file__).resolve().parent / "stack_site"
# A stand-in for a test run: starts a long-lived "service" with the stacks' site folder, says its pid, and waits.
# It says the pid once the service has started (its site module runs before its first line).
RUN = """
import subprocess, sys, time
service = subprocess.Popen(
    [sys.executable, "-c", "print('up', flush=True); import time; time.sleep(600)"],
    start_new_session=True,
    stdout=subprocess.PIPE,
    text=True,
)
service.stdout.readline()
print(service.pid, flush=True)
time.sleep(600)
"""


def _running(pid: int) -> bool:
    """True while pid is a live process (a zombie nobody reaped yet has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_a_service_stops_when_the_run_that_started_it_is_killed():
    env = {**os.environ, "PYTHONPATH": str(STACK_SITE)}
    run = subprocess.Popen([sys.executable, "-c", RUN], env=env, stdout=subprocess.PIPE, text=True)
    service = int(run.stdout.readline())
    try:
        assert _running(service)
        run.send_signal(signal.SIGKILL)
        run.wait()
        deadline = time.monotonic() + 30
        while _running(service) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _running(service), "the service outlived the killed run"
    finally:
        run.kill()
        run.wait()
        if _running(service):
            os.kill(service, signal.SIGKILL)

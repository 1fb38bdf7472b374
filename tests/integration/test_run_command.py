"""`python3 dev.py run` as a person runs it in a terminal: Ctrl-C (SIGINT to the terminal's whole process group)
or SIGTERM stops every process it started, every time; a dispatcher that dies is started again."""

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from live_stack import sqlite_stack_databases, wait_for

from start_services import ports_in_use

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SERVICE_TOKEN = {"Authorization": "Bearer your-static-bearer-token-here"}


def processes_started_for(tmp_path) -> dict[int, str]:
    """Every live process whose environment names tmp_path (all of the run's hold it in DATABASE_URL), with its
    command line."""
    marker = str(tmp_path).encode()
    found = {}
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if marker in environ.read_bytes():
                found[int(environ.parent.name)] = (
                    (environ.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                )
        except (OSError, ValueError):
            continue  # gone already (a zombie's environment reads empty)
    return found


class RunCommand:
    """`python3 dev.py run` in a session of its own, as a terminal starts it, on free ports and tmp_path's files."""

    def __init__(self, tmp_path, free_port, databases: dict):
        self.tmp_path = tmp_path
        names = ("MAIN_PORT", "CRM_PORT", "WEB_PORT", "STREAM_PORT", "WHATSAPP_STAND_IN_PORT")
        self.ports = {name: free_port() for name in names}
        env = {
            **os.environ,
            **{name: str(port) for name, port in self.ports.items()},
            **databases,
            "CRM_LOG_FILE": str(tmp_path / "crm.log"),
            "MAIL_FOLDER": str(tmp_path / "mail"),
            "DISPATCH_WAKE_PORT": str(free_port()),
            "PYTHONUNBUFFERED": "1",
        }
        for name in ("CRM_AUTH_TOKEN", "APP_ENV", "HOST", "CRM_BASE_URL", "MAIN_API_URL", "CORS_ORIGINS"):
            env.pop(name, None)
        self.log = tmp_path / "run.out"
        with open(self.log, "w") as output:
            self.proc = subprocess.Popen(
                [sys.executable, "dev.py", "run"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a terminal's process group: dev.py and what shares it
            )

    def output(self) -> str:
        return self.log.read_text()

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    def wait_up(self) -> dict[int, str]:
        """Wait for the banner; the run's processes then."""
        wait_for(lambda: "All services are up" in self.output() or self.proc.poll() is not None, 120, 0.2, "banner")
        assert self.proc.poll() is None, self.output()
        return processes_started_for(self.tmp_path)

    def ctrl_c(self) -> None:
        """SIGINT to the whole process group, as a terminal sends it."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGINT)

    def finish(self) -> None:
        """Whatever happened: nothing of this run keeps running after the test."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
        for pid in processes_started_for(self.tmp_path):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


@pytest.fixture
def run_command(tmp_path, free_port, db_templates):
    """Factory: start() → a RunCommand on tmp_path's databases, prepared as a first run leaves them (copies of the
    run's templates: the run's own migrations and demo data find nothing to do; a first run on empty databases is
    test_start_services.py's)."""
    runs = []
    databases = sqlite_stack_databases(db_templates, tmp_path)

    def start() -> RunCommand:
        runs.append(RunCommand(tmp_path, free_port, databases))
        return runs[-1]

    yield start
    for run in runs:
        run.finish()


def assert_everything_stopped(run: RunCommand) -> None:
    """dev.py has exited cleanly and nothing it started is left: no process, no port a next run would find taken."""
    code = run.proc.wait(60)
    assert processes_started_for(run.tmp_path) == {}, run.output()
    assert ports_in_use("127.0.0.1", run.ports.values()) == []
    assert code == 0, run.output()
    assert "All services stopped" in run.output()


def assert_whole(started: dict[int, str]) -> None:
    """dev.py, start_services.py, and the services' own: gunicorn's masters and their workers, the dispatcher."""
    assert sum("gunicorn" in command for command in started.values()) >= 7, started


# A single Ctrl-C ends the dispatcher test below (a run costs ~25 s of CPU, so each stop is tested on one run).
@pytest.mark.parametrize("stop", ["ctrl_c_twice", "sigterm"])
def test_ctrl_c_twice_or_sigterm_stops_every_process_the_run_started(run_command, stop):
    run = run_command()
    assert_whole(run.wait_up())
    if stop == "sigterm":
        run.proc.send_signal(signal.SIGTERM)  # to dev.py alone, as a process manager does
    else:
        run.ctrl_c()
    if stop == "ctrl_c_twice":  # an impatient second Ctrl-C while the services stop
        wait_for(lambda: "Stopping services" in run.output(), 30, 0.01, "stopping")
        run.ctrl_c()
    assert_everything_stopped(run)
    assert ("killed what was left" in run.output()) == (stop == "ctrl_c_twice")


def dispatcher_pids(run: RunCommand) -> list[int]:
    return [pid for pid, command in processes_started_for(run.tmp_path).items() if "crm-dispatch" in command]


def test_a_dispatcher_that_dies_is_started_again_and_one_ctrl_c_stops_everything(run_command):
    run = run_command()
    assert_whole(run.wait_up())
    [first] = dispatcher_pids(run)
    os.kill(first, signal.SIGKILL)
    [second] = wait_for(lambda: [pid for pid in dispatcher_pids(run) if pid != first], 30, 0.1, "restart")
    assert "dispatcher stopped unexpectedly (killed by SIGKILL); restarting it in 1s." in run.output()
    os.kill(second, signal.SIGKILL)  # dying again at once: a longer pause, so a crash loop does not spin
    [restarted] = wait_for(lambda: [pid for pid in dispatcher_pids(run) if pid not in (first, second)], 30, 0.1, "2nd")
    assert "dispatcher stopped unexpectedly (killed by SIGKILL); restarting it in 2s." in run.output()
    assert run.proc.poll() is None
    for name in ("MAIN_PORT", "CRM_PORT", "WEB_PORT"):
        assert requests.get(f"{run.url(name)}/health", timeout=5).status_code == 200

    # A booking made now reaches the CRM: the new dispatcher delivers.
    main = run.url("MAIN_PORT")
    login = requests.post(f"{main}/auth/login", json={"username": "asha", "password": "asha1234"}, timeout=5)
    user = {"Authorization": f"Bearer {login.json()['access_token']}"}
    events = requests.get(f"{main}/events", params={"per_page": 100}, timeout=5).json()["items"]
    session = next(s for e in events for s in e["sessions"] if s["price"] == 0 and s["seats_left"] > 0)
    booking = requests.post(f"{main}/bookings/book", json={"session_id": session["id"]}, headers=user, timeout=5)
    assert booking.status_code == 201, booking.text
    booking_id = booking.json()["id"]

    def delivered():
        listed = requests.get(f"{run.url('CRM_PORT')}/notifications", headers=SERVICE_TOKEN, timeout=5).json()
        return any(n["booking_id"] == booking_id for n in listed["items"])

    wait_for(delivered, 30, 0.1, "the booking's notification at the CRM")
    assert dispatcher_pids(run) == [restarted]

    # The WhatsApp stand-in runs with the install's number pointed at it: STOP written on the mailbox page reaches
    # the main API as Meta's signed webhook, and the new dispatcher's confirmation comes back through the stand-in.
    assert f"WhatsApp   {run.url('WHATSAPP_STAND_IN_PORT')}" in run.output()
    stop = requests.post(f"{main}/dev/whatsapp/+919812345678/reply", json={"text": "STOP"}, timeout=10)
    assert stop.status_code == 200, stop.text

    def answered():
        [conversation] = requests.get(f"{main}/dev/whatsapp", timeout=10).json()["conversations"]
        return [line for line in conversation["messages"] if line["direction"] == "out"]

    [confirmation] = wait_for(answered, 30, 0.1, "the STOP's confirmation through the stand-in")
    assert "START" in confirmation["text"] and confirmation["statuses"] == ["sent", "delivered"]

    run.ctrl_c()  # one Ctrl-C: everything stops in its own time, nothing killed
    assert_everything_stopped(run)
    assert "killed what was left" not in run.output()

"""A real CalDAV server (Radicale) as a process on a free loopback port, its login checked against an htpasswd file,
with one user's calendar "work" made on it: for the calendar sync's tests and the private-session journey."""

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import caldav
import requests
from live_stack import free_port_number, wait_for

LOGIN, PASSWORD = "teacher", "radicale-secret-9"
OURS = "sessions-retreats-"  # the UIDs of the events the app writes


@dataclass
class Radicale:
    """The server's process, and the teacher's calendar on it (its address, and a caldav library client of it)."""

    url: str
    calendar_url: str
    calendar: caldav.Calendar
    process: subprocess.Popen = field(repr=False)

    def ours(self) -> dict[str, tuple]:
        """The app's events in the calendar: {uid: (start, end, summary)}."""
        found = {}
        for item in self.calendar.events():
            event = item.icalendar_component
            if str(event.get("uid")).startswith(OURS):
                found[str(event.get("uid"))] = (
                    event.get("dtstart").dt,
                    event.get("dtend").dt,
                    str(event.get("summary")),
                )
        return found

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=1).status_code < 500
    except requests.RequestException:
        return False


def start_radicale(folder: Path) -> Radicale:
    """Radicale serving folder's collections on a free port, with the teacher's calendar made; stop() ends it."""
    (folder / "users").write_text(f"{LOGIN}:{PASSWORD}\n")
    port = free_port_number()
    command = [
        sys.executable, "-m", "radicale", "--storage-filesystem-folder", str(folder / "collections"),
        "--auth-type", "htpasswd", "--auth-htpasswd-filename", str(folder / "users"),
        "--auth-htpasswd-encryption", "plain", "--server-hosts", f"127.0.0.1:{port}", "--logging-level", "warning",
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _answers(url), timeout=30, message="Radicale to listen")
        client = caldav.DAVClient(f"{url}/{LOGIN}/", username=LOGIN, password=PASSWORD, require_tls=False)
        calendar = client.principal().make_calendar(name="Work", cal_id="work")
    except Exception:
        process.terminate()
        process.wait(timeout=10)
        raise
    return Radicale(url, str(calendar.url), calendar, process)

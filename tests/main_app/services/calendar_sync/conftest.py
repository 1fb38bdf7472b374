"""A real CalDAV server (Radicale) as a process on a free loopback port, with a login checked against its htpasswd
file, and a real HTTP server handing out an iCal file; both stopped after the test."""

import subprocess
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import caldav
import pytest
import requests
from live_stack import wait_for

from tests.main_app.services.studios.conftest import make_team  # noqa: F401  (a fixture, used by name)

LOGIN, PASSWORD = "teacher", "radicale-secret-9"


@dataclass
class Radicale:
    """The server, and the teacher's calendar on it (its address, and a client of the caldav library)."""

    url: str
    calendar_url: str
    calendar: caldav.Calendar

    def ours(self) -> dict[str, tuple]:
        """Our events in the calendar: {uid: (start, end, summary)}."""
        found = {}
        for item in self.calendar.events():
            event = item.icalendar_component
            if str(event.get("uid")).startswith("sessions-retreats-"):
                found[str(event.get("uid"))] = (
                    event.get("dtstart").dt,
                    event.get("dtend").dt,
                    str(event.get("summary")),
                )
        return found


@pytest.fixture
def radicale(tmp_path, free_port):
    """Radicale serving the teacher's calendar "work" (auth by htpasswd: a wrong password is refused)."""
    (tmp_path / "users").write_text(f"{LOGIN}:{PASSWORD}\n")
    port = free_port()
    command = [
        sys.executable, "-m", "radicale", "--storage-filesystem-folder", str(tmp_path / "collections"),
        "--auth-type", "htpasswd", "--auth-htpasswd-filename", str(tmp_path / "users"),
        "--auth-htpasswd-encryption", "plain", "--server-hosts", f"127.0.0.1:{port}", "--logging-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _answers(url), timeout=30, message="Radicale to listen")
        client = caldav.DAVClient(f"{url}/{LOGIN}/", username=LOGIN, password=PASSWORD, require_tls=False)
        calendar = client.principal().make_calendar(name="Work", cal_id="work")
        yield Radicale(url, str(calendar.url), calendar)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=1).status_code < 500
    except requests.RequestException:
        return False


@pytest.fixture
def ical_server():
    """An HTTP server on a free port serving whatever text .body holds at /calendar.ics."""

    class Handler(BaseHTTPRequestHandler):
        body = ""

        def do_GET(self):
            data = Handler.body.encode()
            self.send_response(200 if self.path == "/calendar.ics" else 404)
            self.send_header("Content-Type", "text/calendar")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.handler, server.url = Handler, f"http://127.0.0.1:{server.server_address[1]}/calendar.ics"
    yield server
    server.shutdown()
    server.server_close()

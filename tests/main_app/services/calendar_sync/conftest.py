"""A real CalDAV server (Radicale) as a process on a free loopback port, with a login checked against its htpasswd
file, and a real HTTP server handing out an iCal file; both stopped after the test."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from radicale_server import start_radicale

from tests.main_app.services.studios.conftest import make_team  # noqa: F401  (a fixture, used by name)


@pytest.fixture
def radicale(tmp_path):
    """Radicale serving the teacher's calendar "work" (auth by htpasswd: a wrong password is refused)."""
    server = start_radicale(tmp_path)
    yield server
    server.stop()


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

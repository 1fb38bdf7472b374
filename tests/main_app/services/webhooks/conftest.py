"""A webhook receiver: a real HTTP server on a free loopback port that keeps every request, answering with the
status its .answers list gives next (200 once the list is spent); and the webhooks lane, built as crm-dispatch
builds it."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import update

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import CHANNEL_WEBHOOKS, OUTBOX_PENDING, OutboxMessage, utcnow
from tests.main_app.services.studios.conftest import booked_in, make_team, team  # noqa: F401  (fixtures, used by name)


@pytest.fixture
def receiver():
    """A receiver (make_receiver's)."""
    server = _start_receiver()
    yield server
    _stop(server)


@pytest.fixture
def make_receiver():
    """make_receiver(): another receiver, stopped after the test."""
    started = []
    yield lambda: started.append(_start_receiver()) or started[-1]
    for server in started:
        _stop(server)


def _start_receiver():
    """.url to subscribe, .got: [(headers, body bytes, status)] of every request, .answers: statuses to give first,
    .down: True answers 500 to everything."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with server.lock:
                status = 500 if server.down else server.answers.pop(0) if server.answers else 200
                server.got.append(({k.lower(): v for k, v in self.headers.items()}, body, status))
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.lock, server.got, server.answers, server.down = threading.Lock(), [], [], False
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    return server


def _stop(server) -> None:
    server.shutdown()
    server.server_close()


@pytest.fixture
def webhook_lane(app):
    """The webhooks lane: .drain() runs rounds until nothing is due; .retry_now() makes every waiting delivery due
    (as the schedule's time passing would)."""
    app.config.update(WEBHOOK_QUICK_RETRIES=1)
    with app.app_context():
        lane = build_dispatcher(app.config, channel="webhooks")

    class Lane:
        dispatcher = lane

        @staticmethod
        def drain() -> int:
            rounds = 0
            with app.app_context():
                while lane.run_once() and rounds < 200:
                    rounds += 1
            return rounds

        @staticmethod
        def retry_now() -> None:
            with app.app_context(), unit_of_work():
                db.session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.channel == CHANNEL_WEBHOOKS, OutboxMessage.status == OUTBOX_PENDING)
                    .values(next_attempt_at=utcnow())
                )

    yield Lane
    lane.close()

"""The live stream of a notification centre, served by its real asyncio server on a free port: the counts at once,
again within a tick of a change (a notice written, one read), to every open tab of that person and nobody else;
the main API's own JSON errors for a missing, forged or revoked token; CORS only for the configured origins."""

import asyncio
import json
import queue
import socket
import struct
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import requests
from aiohttp import web

from main_app.lanes import build_dispatcher
from main_app.live.server import HEALTH_PATH, PATH, create_stream_app

pytestmark = pytest.mark.both_databases

DAY = timedelta(days=1)
ORIGIN = "http://localhost:5173"


@pytest.fixture
def app(make_app):
    return make_app(STREAM_POLL_INTERVAL=0.05, STREAM_HEARTBEAT_SECONDS=0.5, CORS_ORIGINS=ORIGIN)


@pytest.fixture
def stream_url(app):
    """The stream server for app, running on its own event loop thread; its base URL."""
    loop, ready = asyncio.new_event_loop(), queue.Queue()
    runner = web.AppRunner(create_stream_app(app), shutdown_timeout=0.5)

    async def start():
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        ready.put(runner.addresses[0][1])

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    with app.app_context():  # as `flask live-stream` serves: its requests start in this context
        asyncio.run_coroutine_threadsafe(start(), loop)
    port = ready.get(timeout=10)
    yield f"http://127.0.0.1:{port}"
    asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(timeout=10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=5)


class Tab:
    """One open stream read on a thread: its events in a queue."""

    def __init__(self, url: str, token: str):
        self.events: queue.Queue = queue.Queue()
        self.response = requests.get(
            url + PATH, headers={"Authorization": f"Bearer {token}", "Origin": ORIGIN}, stream=True, timeout=10
        )
        assert self.response.status_code == 200, self.response.text
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        event = None
        try:
            for line in self.response.iter_lines(decode_unicode=True):
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: ") and event == "counts":
                    self.events.put(json.loads(line[6:]))
        except Exception:  # closed by the test: the stream's end, whatever the library raises for it
            pass

    def next(self, timeout: float = 5) -> dict:
        return self.events.get(timeout=timeout)

    def close(self):
        self.response.close()


def test_every_tab_of_the_person_hears_each_change_and_nobody_else_does(
    app, stream_url, make_session, make_user, token_for, client_for
):
    asha, ben = make_user(name="Asha"), make_user(name="Ben")
    asha_client = client_for(asha)
    tabs = [Tab(stream_url, token_for(asha)) for _ in range(2)]
    other = Tab(stream_url, token_for(ben))
    assert [tab.next() for tab in (*tabs, other)] == [{"total": 0, "unread": 0}] * 3
    assert tabs[0].response.headers["Access-Control-Allow-Origin"] == ORIGIN

    response = asha_client.post("/book", json={"session_id": make_session(starts_in=3 * DAY).id})
    assert response.status_code == 201
    with app.app_context():
        lane = build_dispatcher(app.config, channel="app")
        lane.run_once()
        lane.close()
    assert [tab.next() for tab in tabs] == [{"total": 1, "unread": 1}] * 2

    assert asha_client.post("/me/notifications/read", json={"all": True}).status_code == 200
    assert [tab.next() for tab in tabs] == [{"total": 1, "unread": 0}] * 2
    with pytest.raises(queue.Empty):
        other.next(timeout=0.5)
    health = requests.get(f"{stream_url}{HEALTH_PATH}", timeout=5).json()
    assert health["streams"] == 3
    for tab in (*tabs, other):
        tab.close()


def test_many_streams_opening_at_once_are_each_checked_on_their_own(stream_url, make_user, token_for):
    tokens = [token_for(make_user()) for _ in range(24)]

    def open_one(token: str) -> int:
        with requests.get(
            stream_url + PATH, headers={"Authorization": f"Bearer {token}"}, stream=True, timeout=10
        ) as r:
            return r.status_code

    with ThreadPoolExecutor(max_workers=24) as pool:
        assert list(pool.map(open_one, tokens)) == [200] * len(tokens)


@pytest.mark.parametrize("authorization", [None, "Bearer not-a-token", "Basic abc"])
def test_a_stream_without_a_valid_token_gets_the_api_s_json_401(stream_url, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    response = requests.get(stream_url + PATH, headers=headers, timeout=5)
    assert response.status_code == 401 and response.headers["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] in ("unauthorized", "invalid_token", "token_invalid")


def test_a_logged_out_token_opens_no_stream(stream_url, user, token_for, client_for):
    token = token_for(user)
    tab = Tab(stream_url, token)
    assert tab.next() == {"total": 0, "unread": 0}
    tab.close()
    logout = client_for(user).post("/auth/logout", headers={"Authorization": f"Bearer {token}"})
    assert logout.status_code in (200, 204), logout.get_json()
    response = requests.get(stream_url + PATH, headers={"Authorization": f"Bearer {token}"}, timeout=5)
    assert response.status_code == 401 and response.json()["error"]["code"] == "token_revoked"


def test_cors_answers_only_the_configured_origins(stream_url):
    allowed = requests.options(stream_url + PATH, headers={"Origin": ORIGIN}, timeout=5)
    assert allowed.status_code == 204 and allowed.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "Authorization" in allowed.headers["Access-Control-Allow-Headers"]
    other = requests.options(stream_url + PATH, headers={"Origin": "https://evil.example"}, timeout=5)
    assert "Access-Control-Allow-Origin" not in other.headers


def _open_raw(stream_url: str, token: str, read: bool) -> socket.socket:
    """A stream asked for on a plain socket; with read, read up to its first counts."""
    host, port = stream_url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=5)
    sock.sendall(f"GET {PATH} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n\r\n".encode())
    seen = b""
    while read and b"event: counts" not in seen:
        seen += sock.recv(4096)
    return sock


@pytest.mark.parametrize("reset", [False, True], ids=["closed", "reset"])
@pytest.mark.parametrize("read", [True, False], ids=["streaming", "starting"])
def test_a_tab_that_closes_ends_its_stream_quietly(stream_url, user, token_for, caplog, reset, read):
    """A closed tab is how every stream ends, streaming or still starting (a browser may reset the connection): no
    ERROR, no traceback, and its watcher is gone."""
    token = token_for(user)
    caplog.set_level("DEBUG")
    sock = _open_raw(stream_url, token, read)
    if reset:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
    for _ in range(100):  # the next heartbeat finds the socket closed
        if requests.get(f"{stream_url}{HEALTH_PATH}", timeout=5).json()["streams"] == 0:
            break
        threading.Event().wait(0.05)
    else:
        pytest.fail("the closed tab's stream is still open")
    threading.Event().wait(0.6)  # past the next heartbeat, when the handler has returned too
    loud = [f"{r.name} {r.levelname}: {r.getMessage()}" for r in caplog.records if r.levelno >= 30 or r.exc_info]
    assert loud == []

"""The production profile (`start_services.py --production`): real nginx in front of both services and the web
app. 500 slow clients leave the API answering, a booking still reaches the CRM, and nginx compresses, caches the
hashed assets, refuses oversize bodies in our shape and one embedding site's flood of a widget (bookings and other
studios' widgets going on), and is the one proxy the services believe."""

import contextlib
import multiprocessing
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter

import pytest
import redis
import requests
from embed_flood import NGINX_REFUSAL, Flood
from live_stack import free_port_number, wait_for
from raw_http import BAD_REQUESTS, exchange, post_big_body

from launcher.front_server import NGINX_PATHS, write_config

pytestmark = [pytest.mark.integration, pytest.mark.serial]  # latency under attack: measured alone

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SLOW_CLIENTS = 500
SLOWED_AT_MOST = 20  # how many times its calm p95 a path may take with the slow clients connected
# Requests timed per path and phase. p95 of 150: a held request waits a pause (2 s) or gunicorn's timeout, so a
# server the attack holds slows far more than 5% of them; one scheduler stall of the machine (about 170 ms, seen in
# either phase) decided a p99 of 100, which is their slowest but one.
TIMED = 150
# Tighter than the defaults, so that the few a flood gets through in a few seconds are few.
EMBED_LIMITS = {
    "EMBED_RATE_PER_SITE": "2",
    "EMBED_BURST_PER_SITE": "4",
    "EMBED_API_RATE_PER_SITE": "5",
    "EMBED_API_BURST_PER_SITE": "10",
}
# One site's flood, requests a second: Cal.com's 1.44 million embed requests in 30 minutes came at 800.
FLOOD_RATE = 1000
# Per phase, alone and beside the flood. With 200, the p99 lies between the 2nd and 3rd slowest: one scheduler stall
# of a loaded machine (~300 ms, seen in either phase) cannot decide it alone, as it did the slowest of 60.
BOOKINGS_TIMED = 200
ROUNDS = 5  # the phases take turns
FLOODED_AT_MOST = 5  # how many times its p99 alone booking may take beside one site's flood
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
HAS_NGINX = bool(shutil.which("nginx") or any(os.access(path, os.X_OK) for path in NGINX_PATHS))
if not HAS_NGINX and IN_CI:
    raise RuntimeError("CI=true but nginx is not installed: .ci/run installs it (apt-get install nginx)")
requires_nginx = pytest.mark.skipif(not HAS_NGINX, reason="nginx is not installed (apt-get install nginx)")


def _flask(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "flask", "--app", "main_app", *args], cwd=ROOT, env=env, check=True)


def _shared_counts() -> dict:
    """Redis for the rate limits, as production has (CI always runs one); without it one worker, so counts are
    exact in memory."""
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        if IN_CI:
            raise
        return {"GUNICORN_WORKERS": "1"}
    return {"RATELIMIT_STORAGE_URI": url, "RATELIMIT_KEY_PREFIX": f"front-{secrets.token_hex(8)}"}


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """`start_services.py --production` on free ports, on a main database holding the demo data; stopped after."""
    folder = tmp_path_factory.mktemp("front")
    ports = {}
    for name in ("MAIN_PORT", "CRM_PORT", "WEB_PORT"):
        ports[name] = str(free_port_number())
    env = {
        **os.environ,
        **ports,
        "DATABASE_URL": f"sqlite:///{folder / 'main.sqlite'}",
        "CRM_DATABASE_URL": f"sqlite:///{folder / 'crm.sqlite'}",
        "CRM_LOG_FILE": str(folder / "crm.log"),
        "SECRET_KEY": secrets.token_urlsafe(32),
        "JWT_SECRET_KEY": secrets.token_urlsafe(32),
        "CRM_AUTH_TOKEN": secrets.token_urlsafe(32),
        "RATELIMIT_LOGIN": "3/minute",
        **EMBED_LIMITS,
        **_shared_counts(),
        "DISPATCH_WAKE_PORT": ports["WEB_PORT"],  # a UDP port no other run holds
        "PYTHONUNBUFFERED": "1",
    }
    for name in ("APP_ENV", "TRUSTED_PROXIES", "CRM_BASE_URL", "MAIN_API_URL", "CORS_ORIGINS"):
        env.pop(name, None)  # what --production derives
    env.pop("PASSWORD_HASH_METHOD", None)  # production's own cost: it refuses the tests' (tests/conftest.py)
    _flask(env, "db", "upgrade")
    _flask(env, "seed-demo")  # production loads no demo accounts itself; the test wants asha and the events
    output = open(folder / "start_services.out", "w+")  # noqa: SIM115 (the launcher writes to it)
    launcher = subprocess.Popen(
        [sys.executable, "start_services.py", "--production"], cwd=ROOT, env=env, stdout=output, stderr=output
    )
    try:
        wait_for(
            lambda: "All services are up" in (folder / "start_services.out").read_text() or launcher.poll() is not None,
            timeout=90,
            interval=0.2,
            message="the production profile's banner",
        )
        assert launcher.poll() is None, (folder / "start_services.out").read_text()
        urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        yield {"main": urls["MAIN_PORT"], "crm": urls["CRM_PORT"], "web": urls["WEB_PORT"], "env": env}
    finally:
        launcher.send_signal(signal.SIGTERM)
        try:
            launcher.wait(30)
        finally:
            output.close()
    assert "All services stopped." in (folder / "start_services.out").read_text()


class SlowClients:
    """Connections that send a request a few bytes at a time, as a slowloris attack does: half trickle their
    headers, half announce a body and trickle it. Each sends one more piece every `pause` seconds.

    The attack runs in a process of its own: its bursts of 500 sends would otherwise hold this process's GIL while
    the test times its own requests, and the slowest of those would measure the attacker, not the server."""

    def __init__(self, url: str, count: int, pause: float = 2.0):
        host, port = url.removeprefix("http://").split(":")
        self.count, self.pause = count, pause
        self._control, their_end = multiprocessing.get_context("fork").Pipe()
        self._process = multiprocessing.get_context("fork").Process(
            target=_attack, args=(their_end, (host, int(port)), count, pause), daemon=True
        )

    def __enter__(self):
        self._process.start()
        assert self._control.poll(60) and self._control.recv() == "connected", "the slow clients did not connect"
        return self

    def still_open(self) -> int:
        """How many of the connections the server has not closed."""
        self._control.send("count")
        assert self._control.poll(30), "the slow clients did not answer"
        return self._control.recv()

    def __exit__(self, *exc):
        self._control.send("stop")
        self._process.join(10)
        if self._process.is_alive():
            self._process.kill()


def _attack(control, address: tuple[str, int], count: int, pause: float) -> None:
    """The slow clients' process: connect them all, then trickle one piece each every pause, answering the test's
    "count" (how many the server still holds open) until told to "stop"."""
    sockets = []
    for n in range(count):
        sock = socket.create_connection(address, timeout=5)
        if n % 2:
            sock.sendall(b"POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n")
            sock.sendall(b"Content-Length: 1000\r\n\r\n{")
        else:
            sock.sendall(b"GET /events HTTP/1.1\r\nHost: x\r\n")
        sockets.append(sock)
    control.send("connected")
    while True:
        if control.poll(pause):
            command = control.recv()
            if command == "stop":
                break
            control.send(_still_open(sockets))
            continue
        for n, sock in enumerate(sockets):
            with contextlib.suppress(OSError):  # closed by the server: counted by _still_open()
                sock.sendall(b" " if n % 2 else b"X-Slow: 1\r\n")
    for sock in sockets:
        sock.close()


def _still_open(sockets: list[socket.socket]) -> int:
    """How many of the sockets the server has not closed."""
    open_count = 0
    for sock in sockets:
        sock.setblocking(False)
        try:
            open_count += sock.recv(1, socket.MSG_PEEK) != b""
        except BlockingIOError:
            open_count += 1  # nothing to read and not closed: still waiting on us
        except OSError:
            pass
    return open_count


def _latencies(url: str, times: int) -> list[float]:
    measured = []
    with requests.Session() as http:
        for _ in range(times):
            started = time.perf_counter()
            assert http.get(url, timeout=10).status_code == 200
            measured.append(time.perf_counter() - started)
    return measured


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94]


@requires_nginx
def test_500_slow_clients_leave_the_api_answering_and_bookings_reaching_the_crm(production):
    main, crm = production["main"], production["crm"]
    calm = {path: _latencies(f"{main}{path}", TIMED) for path in ("/health", "/events")}
    token = requests.post(f"{main}/auth/login", json={"login": "asha", "password": "asha1234"}, timeout=10).json()
    auth = {"Authorization": f"Bearer {token['access_token']}"}
    session_id = requests.get(f"{main}/events", timeout=10).json()["items"][0]["sessions"][0]["id"]

    with SlowClients(main, SLOW_CLIENTS) as attack:
        time.sleep(attack.pause + 0.5)  # every slow client has sent a second piece
        under_attack = {path: _latencies(f"{main}{path}", TIMED) for path in ("/health", "/events")}
        booking = requests.post(f"{main}/book", json={"session_id": session_id}, headers=auth, timeout=10)
        assert booking.status_code == 201, booking.text
        stored = wait_for(
            lambda: requests.get(
                f"{crm}/notifications",
                params={"booking_id": booking.json()["id"]},
                headers={"Authorization": f"Bearer {production['env']['CRM_AUTH_TOKEN']}"},
                timeout=10,
            ).json()["items"],
            timeout=10,
            message="the booking in the CRM",
        )
        held = attack.still_open()

    assert [n["type"] for n in stored] == ["booking_created"]
    assert held >= SLOW_CLIENTS * 0.9, f"only {held} slow connections were still open: the attack did not hold"
    for path, values in under_attack.items():
        print(
            f"{path}: p95 {_p95(calm[path]) * 1000:.1f} ms calm, {_p95(values) * 1000:.1f} ms with {held} slow "
            f"clients connected (x{_p95(values) / _p95(calm[path]):.2f})"
        )
        # Held by the slow clients, a request would wait for one of them (a pause each) or gunicorn's timeout: many
        # times the calm figure. Relayed by nginx it stays within a small multiple of it, measured in this run.
        ratio = _p95(values) / _p95(calm[path])
        assert ratio < SLOWED_AT_MOST, f"{path} p95 x{ratio:.1f} with slow clients connected"


@requires_nginx
def test_nginx_compresses_caches_hashed_assets_and_keeps_the_security_headers(production):
    web = production["web"]
    page = requests.get(f"{web}/events/1", timeout=10)  # a deep link: the app, from the web app server
    assert page.status_code == 200 and 'id="root"' in page.text
    assert "connect-src 'self'" in page.headers["Content-Security-Policy"]
    script = next(part.split('"')[0] for part in page.text.split('src="')[1:] if part.startswith("/assets/"))
    plain = requests.get(f"{web}{script}", headers={"Accept-Encoding": "identity"}, timeout=10)
    packed = requests.get(f"{web}{script}", headers={"Accept-Encoding": "gzip"}, stream=True, timeout=10)
    raw = packed.raw.read()
    assert packed.headers["Content-Encoding"] == "gzip"
    assert len(raw) < len(plain.content) / 2
    assert packed.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert (packed.headers["X-Content-Type-Options"], packed.headers["X-Frame-Options"]) == ("nosniff", "DENY")
    api = requests.get(f"{production['main']}/events", timeout=10)
    assert api.headers["Content-Encoding"] == "gzip" and api.headers["X-Content-Type-Options"] == "nosniff"


@requires_nginx
def test_nginx_answers_the_catalogue_list_from_its_micro_cache_and_nothing_else(production):
    main, crm = production["main"], production["crm"]
    url = f"{main}/events?per_page=7"  # a page no other test asks for: the first request is a miss
    first = requests.get(url, timeout=10)
    again = requests.get(url, headers={"Authorization": "Bearer whoever"}, timeout=10)  # the list reads no token
    assert (first.status_code, first.headers["X-Cache-Status"]) == (200, "MISS")
    # HIT within the second; STALE/UPDATING if this slow machine took longer (the refresh runs in the background)
    assert again.headers["X-Cache-Status"] in ("HIT", "STALE", "UPDATING")
    assert again.json() == first.json()
    refused = [requests.get(f"{main}/events?page=0", timeout=10) for _ in range(2)]
    assert [(r.status_code, r.headers["X-Cache-Status"]) for r in refused] == [(400, "MISS")] * 2  # only 200s kept
    assert refused[1].json()["error"]["code"] == "validation_error"
    event = requests.get(f"{main}/events/{first.json()['items'][0]['id']}", timeout=10)
    assert event.status_code == 200 and "X-Cache-Status" not in event.headers  # an event's own page is live
    # An unknown origin's answer (no Access-Control-Allow-Origin) is never what the web app's origin gets.
    url = f"{main}/events?per_page=8"
    web = production["web"]
    stranger = requests.get(url, headers={"Origin": "http://evil.example"}, timeout=10)
    assert "Access-Control-Allow-Origin" not in stranger.headers
    allowed = requests.get(url, headers={"Origin": web}, timeout=10)
    assert (allowed.headers["X-Cache-Status"], allowed.headers["Access-Control-Allow-Origin"]) == ("MISS", web)
    on_crm = [requests.get(f"{crm}/events", timeout=10) for _ in range(2)]
    assert [r.headers["X-Cache-Status"] for r in on_crm] == ["BYPASS"] * 2  # the CRM's answers are never kept


@requires_nginx
@pytest.mark.parametrize("service", ["main", "crm"])
def test_an_oversize_body_is_refused_by_nginx_in_our_shape(production, service):
    response = requests.post(
        f"{production[service]}/notify" if service == "crm" else f"{production[service]}/auth/login",
        data=b"x" * 5_000_000,
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert response.status_code == 413
    assert response.headers["Connection"] == "close"
    assert response.json()["error"]["code"] == "request_entity_too_large"


@requires_nginx
@pytest.mark.parametrize("service", ["main", "crm", "web"])
@pytest.mark.parametrize("case", list(BAD_REQUESTS))
def test_a_request_nginx_refuses_is_answered_in_our_shape(production, service, case):
    request, status, code = BAD_REQUESTS[case]

    answer = exchange(production[service], request)

    assert (answer.status, answer.error()["code"]) == (status, code)


@requires_nginx
@pytest.mark.parametrize(("service", "path"), [("main", "/auth/login"), ("crm", "/notify"), ("web", "/")])
def test_a_body_over_the_limit_sent_whole_gets_our_413_on_every_port(production, service, path):
    answer = post_big_body(production[service], path)

    assert (answer.status, answer.error()["code"]) == (413, "request_entity_too_large")


@requires_nginx
def test_the_crm_batch_route_takes_larger_bodies_through_nginx_up_to_its_own_limit(production):
    headers = {"Authorization": f"Bearer {production['env']['CRM_AUTH_TOKEN']}"}
    items = [
        {"notification_id": f"front-batch-{n}", "type": "t", "user_id": 1, "message": "x" * 1900} for n in range(100)
    ]
    response = requests.post(
        f"{production['crm']}/notify/batch", json={"notifications": items}, headers=headers, timeout=30
    )
    assert response.status_code == 200, response.text  # about 200 KB: over MAX_CONTENT_LENGTH, under the batch's
    assert response.json()["stored"] == 100
    too_large = requests.post(
        f"{production['crm']}/notify/batch",
        data=b"x" * 5_000_000,
        headers={**headers, "Content-Type": "application/json"},
        timeout=30,
    )
    assert too_large.status_code == 413
    assert too_large.json()["error"]["code"] == "request_entity_too_large"


@requires_nginx
def test_the_services_believe_nginx_not_what_a_client_writes_in_x_forwarded_for(production):
    main = production["main"]

    def guess(forged: str) -> int:
        body = {"login": "asha", "password": "wrong"}
        headers = {"X-Forwarded-For": forged}
        return requests.post(f"{main}/auth/login", json=body, headers=headers, timeout=10).status_code

    # RATELIMIT_LOGIN=3/minute per address and account: a new forged address each time changes nothing.
    assert [guess(f"203.0.113.{n}") for n in range(4)] == [401, 401, 401, 429]


def test_the_live_stream_passes_through_nginx_as_it_comes(production):
    main = production["main"]
    account = {"name": "Stream Tester", "email": f"stream-{secrets.token_hex(4)}@example.com", "password": "x" * 12}
    registered = requests.post(f"{main}/auth/register", json=account, timeout=10)
    assert registered.status_code == 201, registered.text
    headers = {"Authorization": f"Bearer {registered.json()['access_token']}"}
    # The first event comes at once and is not held in nginx's buffers (a buffered stream would time out here).
    with requests.get(f"{main}/me/notifications/stream", headers=headers, stream=True, timeout=5) as stream:
        assert stream.status_code == 200 and stream.headers["Content-Type"].startswith("text/event-stream")
        lines = stream.iter_lines(decode_unicode=True)
        assert next(line for line in lines if line.startswith("data: ")) == 'data: {"total": 0, "unread": 0}'
    refused = requests.get(f"{main}/me/notifications/stream", timeout=5)
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"
    assert requests.get(f"{production['crm']}/me/notifications/stream", headers=headers, timeout=5).status_code == 404


def test_the_nginx_config_holds_a_zone_per_embedding_site_for_pages_and_api_calls(tmp_path):
    limits = {"EMBED_RATE_PER_SITE": 3, "EMBED_BURST_PER_SITE": 7, "EMBED_API_RATE_PER_SITE": 11}
    text = write_config(
        tmp_path, host="127.0.0.1", main_port=1, crm_port=2, web_port=3, dist=tmp_path, max_body=1, embed_limits=limits
    ).read_text()
    assert not re.search(r"\{\{[A-Z_]+\}\}", text)  # every placeholder filled
    assert "limit_req_zone $page_site zone=embed_pages:10m rate=3r/s;" in text
    assert "limit_req_zone $api_site zone=embed_api:10m rate=11r/s;" in text
    assert "limit_req zone=embed_pages burst=7 nodelay;" in text
    assert "limit_req zone=embed_api burst=60 nodelay;" in text  # the default where none is given
    assert "limit_req_status 429;" in text


def _booking_latencies(main: str, auth: dict, session_id: int, times: int) -> list[float]:
    """POST /book timed, times over: each booking cancelled again (untimed) so that the next takes the seat anew."""
    measured = []
    with requests.Session() as http:
        for _ in range(times):
            started = time.perf_counter()
            booked = http.post(f"{main}/book", json={"session_id": session_id}, headers=auth, timeout=10)
            measured.append(time.perf_counter() - started)
            assert booked.status_code == 201, booked.text
            cancelled = http.post(f"{main}/bookings/{booked.json()['id']}/cancel", headers=auth, timeout=10)
            assert cancelled.status_code == 200, cancelled.text
    return measured


def _p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98]


def _widget(production: dict, event: dict, site: str) -> list[tuple[str, str]]:
    """What a studio's timetable widget on site asks for: (url, referer) of its page and of its calls to the API."""
    web, main, slug = production["web"], production["main"], event["studio"]["slug"]
    week = time.strftime("%Y-%m-%d")
    return [
        (f"{web}/embed/{slug}/timetable", site),
        (f"{main}/timetable?studio={slug}&from={week}&to={week}", f"{web}/embed/{slug}/timetable"),
        (f"{main}/events/{event['id']}", f"{web}/embed/{slug}/events/{event['id']}"),
    ]


@requires_nginx
def test_one_sites_widget_flood_is_refused_by_nginx_and_leaves_bookings_and_other_widgets_alone(production):
    main = production["main"]
    events = requests.get(f"{main}/events", params={"per_page": 50}, timeout=10).json()["items"]
    first_by_studio = {}
    for event in events:
        first_by_studio.setdefault(event["studio"]["slug"], event)
    flooded, other = list(first_by_studio.values())[:2]
    free = next(event for event in events if event["title"] == "Mindful Breathing for Beginners")
    # A person of its own: asha's logins are the other tests' to use up.
    account = {"name": "Flood Booker", "email": f"booker-{secrets.token_hex(4)}@example.com", "password": "x" * 12}
    registered = requests.post(f"{main}/auth/register", json=account, timeout=10)
    assert registered.status_code == 201, registered.text
    auth = {"Authorization": f"Bearer {registered.json()['access_token']}"}
    flood_targets = _widget(production, flooded, "https://flood.example/classes")
    alone, beside, counts = [], [], Counter()
    # Alone and beside the flood in turns: what else this machine runs weighs on both alike.
    for _ in range(ROUNDS):
        alone += _booking_latencies(main, auth, free["sessions"][-1]["id"], BOOKINGS_TIMED // ROUNDS)
        with Flood(flood_targets, FLOOD_RATE) as flood:
            beside += _booking_latencies(main, auth, free["sessions"][-1]["id"], BOOKINGS_TIMED // ROUNDS)
            page, site = flood_targets[0]
            # The flood takes each token as it comes back: a request of its site's may slip in first, never twice.
            tries = [requests.get(page, headers={"Referer": site}, timeout=10) for _ in range(2)]
            refused = next(answer for answer in tries if answer.status_code != 200)
            others = [
                requests.get(url, headers={"Referer": referer}, timeout=10)
                for url, referer in _widget(production, other, "https://other.example/")
            ]
        counts += flood.counts

    answered = sum(n for status, n in counts.items() if isinstance(status, int))
    print(
        f"booking p99 {_p99(alone) * 1000:.1f} ms alone, {_p99(beside) * 1000:.1f} ms beside a flood of {answered} "
        f"requests ({counts[429]} refused, {counts['nginx_429']} by nginx; x{_p99(beside) / _p99(alone):.2f}; "
        f"medians {statistics.median(alone) * 1000:.1f} and {statistics.median(beside) * 1000:.1f} ms)"
    )
    # The flood was refused, and by nginx: those requests never took a gunicorn thread.
    assert answered >= 300 and counts[429] >= 0.9 * answered and counts["nginx_429"] == counts[429], counts
    assert not any(isinstance(status, int) and status >= 500 for status in counts), counts
    assert (refused.status_code, refused.headers["Retry-After"]) == (429, "1")
    assert refused.json()["error"]["code"] == "too_many_requests" and NGINX_REFUSAL.decode() in refused.text
    # Another studio's widget is counted apart: its page (its head read from the API) and its calls answer.
    assert [answer.status_code for answer in others] == [200] * 3
    assert 'id="preloaded-answers"' in others[0].text
    ratio = _p99(beside) / _p99(alone)
    assert ratio <= FLOODED_AT_MOST, f"booking p99 x{ratio:.1f} beside one site's flood"

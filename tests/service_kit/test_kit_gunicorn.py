"""gunicorn's settings and worker: a NUL byte in a path is refused, a refused body is drained within bounds, and
what gunicorn answers itself is our JSON error shape (the live behaviour: tests/integration/test_plain_run_*)."""

import io
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.http.errors import InvalidHeader, InvalidRequestLine, LimitRequestHeaders, LimitRequestLine

from service_kit import gunicorn_conf
from service_kit.gunicorn_conf import drain, pre_request
from service_kit.gunicorn_worker import error_bytes, refusal

WORKER = SimpleNamespace(wsgi=SimpleNamespace(config={"MAX_CONTENT_LENGTH": 100}))


def request(path: str) -> SimpleNamespace:
    return SimpleNamespace(path=path, uri=path, headers=[], must_close=False)


@pytest.mark.parametrize("path", ["/events/%00", "/a%00b", "/x/%00/y"])
def test_a_path_holding_a_nul_byte_is_refused_before_the_app(path):
    with pytest.raises(InvalidRequestLine):
        pre_request(WORKER, request(path))


def test_an_ordinary_path_goes_through():
    req = request("/events/12%20ab")
    pre_request(WORKER, req)
    assert req.must_close is False


def test_drain_reads_a_body_to_its_end_and_no_further_than_its_bound():
    whole = io.BytesIO(b"x" * 300_000)
    drain(whole)
    assert whole.tell() == 300_000
    capped = io.BytesIO(b"x" * 300_000)
    drain(capped, max_bytes=100_000)
    assert capped.tell() == 100_000


@pytest.mark.parametrize(
    ("exc", "status", "code"),
    [
        (LimitRequestLine(9000, 4094), 414, "uri_too_long"),
        (LimitRequestHeaders("limit request headers fields size"), 431, "request_header_fields_too_large"),
        (InvalidHeader("X"), 400, "bad_request"),
        (RuntimeError("boom"), 500, "internal_error"),
    ],
)
def test_what_gunicorn_refuses_is_answered_in_our_shape(exc, status, code):
    assert refusal(exc)[:2] == (status, code)
    head, _, body = error_bytes(*refusal(exc)).partition(b"\r\n\r\n")
    assert head.startswith(f"HTTP/1.1 {status} ".encode()) and b"Content-Type: application/json" in head
    assert f"Content-Length: {len(body)}".encode() in head
    assert json.loads(body) == {"error": {"code": code, "message": refusal(exc)[2], "details": {}}}


def test_nginx_closes_an_idle_upstream_connection_before_gunicorn_does():
    """A request nginx sends down a kept connection as gunicorn closes it comes back a 502: gunicorn's keep-alive
    outlasts every upstream pool's keepalive_timeout, and every pool sets one."""
    template = (Path(__file__).parents[2] / "deploy" / "nginx.conf.template").read_text()
    pools = [line for line in template.splitlines() if line.strip().startswith("upstream ")]
    kept = [pool for pool in pools if re.search(r"\bkeepalive \d+;", pool)]
    assert len(kept) == 3
    timeouts = [re.search(r"\bkeepalive_timeout (\d+)s;", pool) for pool in kept]
    assert all(timeouts)
    assert max(int(found.group(1)) for found in timeouts) < gunicorn_conf.keepalive

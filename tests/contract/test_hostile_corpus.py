"""Hostile input against every operation of both OpenAPI documents (read from the services, so a new route is
covered without touching this file): bodies and query strings built from deep nesting, invalid Unicode, dates at
the edge of the calendar, huge and non-finite numbers, wrong types, very long text, duplicate keys and odd content
types. Never a 5xx; every refusal is our error shape.

The corpus goes to the services' apps in this process, configured as the running stack's (as the Schemathesis run's),
each request the bytes requests would put on the wire (body, content type and length, query string, Host): gunicorn
hands those to the app as they came, and an HTTP client and server on both sides of every request would cost more
CPU than the answers. What gunicorn itself does (a body over the limit, below) goes over HTTP."""

import itertools
import json
import re
from collections import Counter
from io import BytesIO
from urllib.parse import urlencode

import pytest
import requests
from contract_world import CRM_CALLERS, MAIN_CALLERS, caller_for
from openapi_walk import operations, plausible, with_value

pytestmark = pytest.mark.integration

DEEP = 10_000

# Whole bodies, as bytes on the wire.
RAW_BODIES = {
    "deep list": b"[" * DEEP + b"]" * DEEP,
    "deep object": b'{"a":' * DEEP + b"1" + b"}" * DEEP,
    "nested 40": json.dumps(json.loads("[" * 40 + "]" * 40)).encode(),
    "lone surrogate key": b'{"\\ud800": 1}',
    "invalid utf-8": b'{"name": "\xff\xfe"}',
    "utf-16": '{"name": "x"}'.encode("utf-16"),
    "bom": b'\xef\xbb\xbf{"name": "x"}',
    "duplicate keys": b'{"name": "a", "name": "b"}',
    "NaN": b'{"capacity": NaN}',
    "Infinity": b'{"capacity": -Infinity}',
    "1e400": b'{"capacity": 1e400}',
    "5000 digits": b'{"capacity": ' + b"9" * 5000 + b"}",
    "not an object": b'"just a string"',
    "truncated": b'{"name": "x"',
    "empty": b"",
    "whitespace": b" \n ",
    "null": b"null",
}
# Values put in every documented property of a body, and in every documented query parameter.
VALUES = {
    "lone surrogate": "a\ud800b",
    "other lone surrogate": "\udfff",
    "NUL": "a\x00b",
    "year 0 in UTC": "0001-01-01T00:00:00+01:00",
    "year 10000 in UTC": "9999-12-31T23:59:59-01:00",
    "year 10000": "10000-01-01T00:00:00Z",
    "30 February": "2026-02-30T10:00:00Z",
    "offset 99h": "2026-01-01T00:00:00+99:00",
    "long text": "x" * 20_000,
    "10**30": 10**30,
    "-2**63": -(2**63),
    "2**31": 2**31,
    "huge float": 1.7976931348623157e308,
    "-0.0": -0.0,
    "true": True,
    "list": [1, [2, [3]]],
    "object": {"a": {"b": None}},
    "null": None,
    "empty": "",
}
CONTENT_TYPES = (
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/json; charset=latin-1",
    "application/json; charset=utf-16",
    "application/jsonx",
    None,
)
CORPUS_SIZE: Counter = Counter()


def _leaves(value, path=()):
    """The path of every scalar in a plausible body (into lists through their first item)."""
    children = value.items() if isinstance(value, dict) else enumerate(value[:1]) if isinstance(value, list) else ()
    found = [path] if not children and path else []
    for key, child in children:
        found += _leaves(child, (*path, key))
    return found


def _url(base: str, path: str, ids: dict) -> str:
    """path with each {name} filled with a real record's id where there is one, else 1."""
    return base + re.sub(r"{(\w+)}", lambda m: str((ids.get(m.group(1)) or [1])[0]), path)


def _requests(spec: dict, operation: dict):
    """(label, {"body": bytes, "headers": ..., "query": ...}) for each piece of the corpus that fits the operation."""
    body = operation.get("requestBody")
    if body:
        schema = body["content"].get("application/json", {}).get("schema")  # None: a file as the body (a ZIP)
        for name, raw in RAW_BODIES.items():
            yield f"body {name}", {"body": raw, "headers": {"Content-Type": "application/json"}}
        for content_type in CONTENT_TYPES:
            headers = {"Content-Type": content_type} if content_type else {}
            yield f"content type {content_type}", {"body": b'{"name": "x"}', "headers": headers}
        tags = itertools.count()
        for path in _leaves(plausible(spec, schema, 0)) if schema else ():
            field = ".".join(map(str, path))
            for name, value in VALUES.items():
                body = with_value(plausible(spec, schema, next(tags)), path, value)
                # json.dumps writes \ud800 as an escape: legal JSON, though not legal text
                raw = json.dumps(body, ensure_ascii=True).encode()
                yield f"{field}={name}", {"body": raw, "headers": {"Content-Type": "application/json"}}
    for parameter in operation.get("parameters", ()):
        if parameter.get("in") != "query":
            continue
        for name, value in VALUES.items():
            # What gunicorn lets through: it answers 414 past 4 KB of request line (test_plain_run_refusals.py).
            text = value[:3000] if isinstance(value, str) else json.dumps(value)
            yield f"?{parameter['name']}={name}", {"query": {parameter["name"]: text.encode("utf-8", "surrogatepass")}}
        yield f"?{parameter['name']} twice", {"query": [(parameter["name"], "1"), (parameter["name"], "2")]}


def _send(client, method: str, url: str, headers: dict, request: dict):
    """The test client's answer to the request that requests would have sent over HTTP."""
    # As requests does: the query string through urlencode, and a Content-Length (0 without a body) on every method
    # but GET and HEAD.
    body = request.get("body", b"" if method not in ("GET", "HEAD") else None)
    return client.open(
        url,
        method=method,
        query_string=urlencode(request.get("query", {}), doseq=True),
        headers={**headers, **request.get("headers", {})},
        input_stream=None if body is None else BytesIO(body),
    )


def _problem(response, where: str) -> str | None:
    """What is wrong with the answer (a test client's response to the request named by where), or None."""
    text = response.get_data()
    if response.status_code >= 500:
        return f"{where}: {response.status_code} {text[:200]!r}"
    if response.status_code >= 400:
        try:
            error = json.loads(text)["error"]
        except (ValueError, KeyError, TypeError):
            error = None
        if not (
            response.headers.get("Content-Type", "").startswith("application/json")
            and isinstance(error, dict)
            and set(error) == {"code", "message", "details"}
        ):
            return f"{where}: {response.status_code} not in our error shape: {text[:200]!r}"
    return None


def _run_corpus(world, app, base_url: str, callers, service: str) -> None:
    """Every piece of the corpus, to every operation of the document app serves, as the service at base_url."""
    client = app.test_client()  # keeps cookies between requests, as the requests.Session it stands for did
    spec = client.get(f"{base_url}/openapi.json").get_json()
    problems = []
    for path, method, operation in operations(spec):
        caller = caller_for(path, operation, callers)
        headers = world.headers[caller] if caller else {}
        url = _url(base_url, path, world.ids)
        for label, request in _requests(spec, operation):
            CORPUS_SIZE[service] += 1
            with _send(client, method.upper(), url, headers, request) as response:
                where = f"{method.upper()} {response.request.full_path.rstrip('?')[:100]} with {label}"
                if problem := _problem(response, where):
                    problems.append(problem)
    print(f"hostile corpus, {service}: {CORPUS_SIZE[service]} requests, {len(problems)} problems")
    assert not problems, f"{len(problems)} of {CORPUS_SIZE[service]} requests:\n" + "\n".join(problems[:40])
    assert CORPUS_SIZE[service] > 500  # the documents were read, and the corpus reached their operations


def test_the_main_api_answers_every_hostile_request_in_our_error_shape(world, apps):
    _run_corpus(world, apps["main"], world.main_url, MAIN_CALLERS, "main")


def test_the_crm_answers_every_hostile_request_in_our_error_shape(world, apps):
    _run_corpus(world, apps["crm"], world.crm_url, CRM_CALLERS, "crm")


# -- bodies over the size limit: a 413 the client can read, then a closed connection ------------------------------
# Over HTTP, to the stack's gunicorn: closing the connection after the 413 and reading off the rest of the body
# first are gunicorn's (service_kit/gunicorn_conf.py), and a pooled client going on afterwards is about the
# connection; an app in this process would answer the 413 and show neither.


@pytest.mark.parametrize("size", [100_000, 5_000_000], ids=["100 KB", "5 MB"])
@pytest.mark.parametrize("service", ["main", "crm"])
def test_an_oversize_body_gets_a_readable_413_that_closes_and_the_pool_goes_on(world, service, size):
    base, path = (world.main_url, "/auth/login") if service == "main" else (world.crm_url, "/notify")
    headers = {"Content-Type": "application/json", **({} if service == "main" else world.headers["service"])}
    with requests.Session() as pooled:
        assert pooled.get(f"{base}/health", timeout=10).status_code == 200  # a kept-alive connection in the pool
        response = pooled.post(f"{base}{path}", data=b"[" + b"1," * (size // 2) + b"1]", headers=headers, timeout=30)
        assert response.status_code == 413
        assert response.headers["Connection"] == "close"
        assert response.json()["error"]["code"] == "request_entity_too_large"
        for _ in range(3):  # the pool's next requests work (the closed connection is not reused)
            assert pooled.get(f"{base}/health", timeout=10).status_code == 200

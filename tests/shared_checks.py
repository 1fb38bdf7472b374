"""Checks both services' tests share: CORS and security headers on every answer, the /docs page and its OpenAPI
document. Each service's tests call them with its own client, paths and origins."""

import base64
import hashlib
import re

STRICT_CSP = "default-src 'none'; frame-ancestors 'none'"


def preflight(client, path: str, origin: str, method: str, requested: str = "authorization"):
    """A browser's CORS preflight for a call with these request headers."""
    headers = {"Origin": origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": requested}
    return client.options(path, headers=headers)


def assert_preflight_allowed(response, origin: str, method: str, requested: str = "authorization") -> None:
    """The origin may make the call: the method and every requested header allowed, the answer varying by Origin."""
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == origin
    assert method in response.headers["Access-Control-Allow-Methods"]
    assert set(requested.split(", ")) <= set(response.headers["Access-Control-Allow-Headers"].split(", "))
    assert "Origin" in response.headers["Vary"]


def assert_no_cors(*responses) -> None:
    """None of the answers lets a browser read it from another origin."""
    for response in responses:
        assert "Access-Control-Allow-Origin" not in response.headers


def assert_security_headers(headers) -> None:
    """The headers every answer but the docs page carries."""
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Content-Security-Policy"] == STRICT_CSP


def page_parts(html: str) -> tuple[list[str], list[str]]:
    """(every src/href URL of the page, every inline script body)."""
    return re.findall(r'(?:src|href)="([^"]*)"', html), re.findall(r"<script>(.*?)</script>", html, re.S)


def assert_docs_page_loads_only_local_files(client) -> None:
    """/docs is Swagger UI on the service's own document, every file it loads served from /docs/assets/."""
    response = client.get("/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    urls, inline = page_parts(response.get_data(as_text=True))
    assert urls and all(url.startswith("/docs/assets/") for url in urls), urls  # no CDN, no other host
    assert len(inline) == 1 and '"/openapi.json"' in inline[0]
    for url in urls:
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert asset.mimetype in ("text/css", "text/javascript") and len(asset.get_data()) > 10_000, url


def assert_docs_page_policy(client) -> None:
    """The docs page may run its own scripts and styles, and its one inline initializer by its hash: nothing else."""
    response = client.get("/docs")
    policy = response.headers["Content-Security-Policy"]
    csp = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    _urls, inline = page_parts(response.get_data(as_text=True))
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert csp["script-src"] == f"'self' 'sha256-{digest}'"  # the initializer by its hash, no 'unsafe-inline'
    assert csp["style-src"] == "'self'" and csp["connect-src"] == "'self'"
    assert csp["default-src"] == "'none'" and csp["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


def operations(document: dict):
    """(method, path, operation) for every operation of an OpenAPI document."""
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            if method != "parameters":
                yield method, path, operation


def assert_every_operation_lists_its_answers(document: dict) -> None:
    """Errors have our shape, and each operation lists what it answers: no catch-all, 401 when it takes a token,
    400 and 413 when it reads a body."""
    assert document["components"]["schemas"]["APIError"]["required"] == ["error"]
    for method, path, operation in operations(document):
        responses = operation["responses"]
        assert "default" not in responses, (method, path)  # a catch-all would make the list meaningless
        if operation.get("security"):
            assert "401" in responses, (method, path)
        if "requestBody" in operation:
            assert {"400", "413"} <= set(responses), (method, path)

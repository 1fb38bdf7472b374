"""Forwarding facilitators' event changes to the main API, the one system of record, which decides on them."""

import dataclasses
import logging
import time

import requests
from flask import Flask
from requests.adapters import HTTPAdapter

from service_kit.errors import ServiceUnavailable

log = logging.getLogger(__name__)

# Headers of the main API's answer worth handing on: how to authenticate, when to try again.
PASSED_HEADERS = ("WWW-Authenticate", "Retry-After")
POOL_SIZE = 32


class MainApiUnavailable(ServiceUnavailable):
    """The main API could not be reached, was too slow, or gave no JSON answer."""

    def __init__(self, reason: str):
        super().__init__(
            "The main API is not available right now; try again shortly.",
            details={"reason": reason},
            code="main_api_unavailable",
        )


@dataclasses.dataclass(frozen=True)
class Forwarded:
    """The main API's answer: its status, its JSON body (None for 204) and the headers handed on."""

    status: int
    body: object
    headers: dict


class MainApiClient:
    """A pooled session to MAIN_API_URL: a timeout, no redirects, no retries (a PUT or DELETE must not run twice)."""

    def __init__(self, base_url: str, timeout: float):
        self.base_url = base_url
        self.timeout = timeout
        self.session = requests.Session()
        # No proxies or ~/.netrc from the environment: netrc credentials would replace the caller's token.
        self.session.trust_env = False
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=POOL_SIZE, max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def forward(self, method: str, path: str, authorization: str, query: list, body: object = None) -> Forwarded:
        """Send the request on with the caller's Authorization; MainApiUnavailable unless a JSON answer comes back."""
        headers = {"Authorization": authorization, "Accept": "application/json"}
        started = time.monotonic()
        try:
            response = self.session.request(
                method,
                self.base_url + path,
                params=query,
                json=body,
                headers=headers,
                timeout=self.timeout,
                allow_redirects=False,
            )
        except requests.Timeout:
            log.warning("main API timed out after %.1f s: %s %s", self.timeout, method, path)
            raise MainApiUnavailable("timeout") from None
        except requests.RequestException as exc:
            log.warning("main API unreachable: %s %s (%s)", method, path, type(exc).__name__)
            raise MainApiUnavailable("unreachable") from None
        elapsed_ms = (time.monotonic() - started) * 1000
        try:
            parsed = _json_answer(response)
        except ValueError as exc:
            # The body is not quoted: an HTML error page may echo the request, token included.
            log.warning("main API gave no JSON answer: %s %s -> %s (%s)", method, path, response.status_code, exc)
            raise MainApiUnavailable("bad_response") from None
        log.info("forwarded %s %s -> %s in %.0f ms", method, path, response.status_code, elapsed_ms)
        passed = {name: response.headers[name] for name in PASSED_HEADERS if name in response.headers}
        return Forwarded(response.status_code, parsed, passed)

    def close(self) -> None:
        """Release the pooled connections."""
        self.session.close()


def _json_answer(response: requests.Response) -> object:
    """The parsed JSON body; ValueError for a redirect or anything that is not JSON."""
    if response.status_code == 204:
        return None
    if 300 <= response.status_code < 400:
        raise ValueError("a redirect")  # never followed: it would carry the caller's token elsewhere
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if not (content_type == "application/json" or content_type.endswith("+json")):
        raise ValueError(f"content type {content_type[:60] or 'missing'}")
    try:
        return response.json()
    except ValueError:
        raise ValueError("malformed JSON") from None


def init_app(app: Flask) -> None:
    """Give the app its main API client, on app.extensions["crm_main_api"]."""
    app.extensions["crm_main_api"] = MainApiClient(app.config["MAIN_API_URL"], app.config["MAIN_API_TIMEOUT"])


def get_client(app: Flask) -> MainApiClient:
    """The main API client of this app."""
    return app.extensions["crm_main_api"]

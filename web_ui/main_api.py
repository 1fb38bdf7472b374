"""The main API's public answers, read by the web app server for the pages' heads: with short timeouts, so a slow or
stopped API costs a page its head, never the page."""

import threading

import requests

TIMEOUT = (1.0, 3.0)  # seconds to connect, then to the answer


class Unavailable(Exception):
    """The main API did not answer as expected: the page is served without its head."""


class MainApi:
    """GETs of the main API's public routes (no cookies, no credentials), one HTTP session per thread."""

    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        self._local = threading.local()

    def get(self, path: str, **params) -> dict | None:
        """The JSON answer at path; None when it is a 404 (no such event or studio); Unavailable otherwise."""
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        try:
            answer = session.get(f"{self.base_url}{path}", params=params, timeout=TIMEOUT)
        except requests.RequestException as error:
            raise Unavailable(f"GET {path}: {type(error).__name__}") from error
        if answer.status_code == 404:
            return None
        if answer.status_code != 200:
            raise Unavailable(f"GET {path}: HTTP {answer.status_code}")
        try:
            return answer.json()
        except ValueError as error:
            raise Unavailable(f"GET {path}: not JSON") from error

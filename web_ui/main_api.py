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

    def get(self, path: str, referer: str | None = None, **params) -> dict | None:
        """The JSON answer at path; None when it is a 404 (no such event or studio); Unavailable otherwise.
        referer: the page it is read for, which the API's limits per embedding site count it against."""
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        headers = {"Referer": referer} if referer else None
        try:
            answer = session.get(f"{self.base_url}{path}", params=params, headers=headers, timeout=TIMEOUT)
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


class ForPage:
    """A reader of the main API for one page of ours: each read names the page as its Referer, so the reads for a
    studio's widget count against that studio's limit (deploy/nginx.conf.template), as the widget's own calls do."""

    def __init__(self, api, page_url: str):
        self.api, self.page_url = api, page_url

    def get(self, path: str, **params) -> dict | None:
        return self.api.get(path, referer=self.page_url, **params)

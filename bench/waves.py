"""Waves of requests, one burst after another over keep-alive connections with the catalogue browsed beside each,
every answer counted by kind of request: a sale in several steps, each step's answers read before the next."""

import json
from collections import Counter, defaultdict

from burst import Raw, rush
from rush import BROWSE_PACE, BROWSERS
from stack import HOST


class Waves:
    """Bursts of requests one after another, each with the browsing beside it; every answer counted by kind."""

    def __init__(self, port: int, connections: int):
        self.port, self.connections = port, connections
        self.host = f"{HOST}:{port}"
        self.statuses: dict[str, Counter] = defaultdict(Counter)
        self.seconds: dict[str, list[float]] = defaultdict(list)
        self.codes: Counter = Counter()  # (kind, error code) of the answers that are not 2xx/3xx
        self.browsing, self.browsing_statuses = [], Counter()
        self.wave_seconds: dict[str, float] = {}

    def post(self, path: str, token: str | None = None, body: str = "{}", form: bool = False) -> Raw:
        headers = {"Content-Type": "application/x-www-form-urlencoded" if form else "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return Raw.build("POST", path, self.host, headers, body)

    def get(self, path: str, token: str) -> Raw:
        return Raw.build("GET", path, self.host, {"Authorization": f"Bearer {token}"})

    def run(self, name: str, sent: list[tuple[str, object, Raw]]) -> list[tuple[str, object, int, dict]]:
        """One burst of (kind, whose, request): (kind, whose, status, JSON body or {}) for each, as they ended."""
        if not sent:
            return []
        answers, browsed, seconds = rush(
            HOST,
            self.port,
            [raw for _, _, raw in sent],
            connections=self.connections,
            browse=Raw.build("GET", "/events", self.host),
            browsers=BROWSERS,
            pace=BROWSE_PACE,
        )
        self.wave_seconds[name] = seconds
        self.browsing += browsed.seconds
        self.browsing_statuses.update(browsed.statuses)
        whose = {id(raw): (kind, person) for kind, person, raw in sent}
        out = []
        for status, took, body, raw in zip(
            answers.statuses, answers.seconds, answers.bodies, answers.requests, strict=True
        ):
            kind, person = whose[id(raw)]
            try:
                document = json.loads(body) if body else {}
            except ValueError:  # the checkout's redirect page
                document = {}
            self.statuses[kind][status] += 1
            self.seconds[kind].append(took)
            if status >= 400:
                self.codes[(kind, (document.get("error") or {}).get("code"))] += 1
            out.append((kind, person, status, document))
        return out

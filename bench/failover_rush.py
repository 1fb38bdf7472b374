"""The failover drill's rush: people book free classes, book and pay for paid ones (the provider's signed webhook,
sent to the main API), book with their pack's credits, book a class starting soon and are
checked in by the facilitator, join waiting lists, log in and browse, for as long as the drill lasts, each person
retrying a 502, 503 or 504 (or a lost connection) once after its Retry-After (at most 5 s), with the same
Idempotency-Key, as the web app does.
Every answer is recorded with when it was asked and answered."""

import random
import threading
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
from failover_data import PASSWORD, Studio

from main_app.services.payments import PAYMENT_SUCCEEDED
from main_app.services.payments.providers.test_provider import TestProvider

RETRYABLE = {502, 503, 504}
MIX = {"book": 30, "pay": 12, "pack": 10, "checkin": 12, "join": 8, "browse": 24, "login": 4}
WRITES = {"book", "pay", "pack", "checkin", "join", "login"}


@dataclass
class Answer:
    kind: str
    step: str  # the request within the action: book, pay, checkin, join, login, browse
    asked: float  # monotonic seconds
    answered: float
    status: int  # 0: no answer (the connection failed)
    code: str = ""  # our error code, or the check-in's result
    retried: bool = False  # the first try got a 5xx or no answer
    first_status: int | None = None
    booking_id: int | None = None
    user_id: int | None = None
    session_id: int | None = None
    body: dict = field(default_factory=dict, repr=False)


@dataclass
class Record:
    answers: list[Answer] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, answer: Answer) -> Answer:
        with self.lock:
            self.answers.append(answer)
        return answer


class Client:
    """One browser: its own kept connection, retrying once, as a person told to try again does."""

    def __init__(self, base: str, record: Record):
        self.base, self.record, self.http = base, record, requests.Session()

    def _once(self, method: str, path: str, **options) -> tuple[int, dict, dict]:
        try:
            answer = self.http.request(method, self.base + path, timeout=30, allow_redirects=False, **options)
        except requests.RequestException:
            return 0, {}, {}
        try:
            body = answer.json() if answer.headers.get("Content-Type", "").startswith("application/json") else {}
        except ValueError:
            body = {}
        return answer.status_code, body, answer.headers

    def send(self, kind: str, step: str, method: str, path: str, token: str | None = None, **options) -> Answer:
        # As the web app's API client: a bearer token, and an Idempotency-Key on a write, the same for its retry (a
        # provider's webhook, sent with headers of its own, carries none).
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        keyed = method != "GET" and "headers" not in options
        options["headers"] = options.get("headers", {}) | headers
        options["headers"] |= {"Idempotency-Key": uuid.uuid4().hex} if keyed else {}
        asked = time.monotonic()
        status, body, headers = self._once(method, path, **options)
        first = None
        if status == 0 or status in RETRYABLE:
            first, wait = status, headers.get("Retry-After", "1")
            time.sleep(min(int(wait) if wait.isdigit() else 1, 5))
            status, body, headers = self._once(method, path, **options)
        code = body.get("error", {}).get("code", "") if isinstance(body.get("error"), dict) else ""
        answer = Answer(kind, step, asked, time.monotonic(), status, code, first is not None, first)
        answer.booking_id = body.get("id") if step == "book" and status == 201 else None
        answer.body = body
        return self.record.add(answer)


class Rush:
    """Threads acting for people picked at random until stop is set."""

    def __init__(self, base: str, studio: Studio, threads: int, secret_key: str):
        self.base, self.studio, self.threads = base, studio, threads
        self.provider = TestProvider(secret_key=secret_key, checkout_base="")  # signs as the services' test provider
        self.record, self.stop = Record(), threading.Event()
        self.holders = [p for p in studio.people if p.pass_id]

    def run(self, seconds: float, events: list[tuple[float, callable]]) -> list[tuple[str, float]]:
        """Rush for seconds; each (at, act) of events runs at that many seconds in; returns (what, when) of each."""
        workers = [threading.Thread(target=self._work, args=(n,), daemon=True) for n in range(self.threads)]
        started = time.monotonic()
        for worker in workers:
            worker.start()
        happened = []
        for at, act in sorted(events, key=lambda e: e[0]):
            time.sleep(max(0.0, started + at - time.monotonic()))
            happened.append((act(), time.monotonic()))
        time.sleep(max(0.0, started + seconds - time.monotonic()))
        self.stop.set()
        for worker in workers:
            worker.join(60)
        return happened

    def _work(self, number: int) -> None:
        client, pick = Client(self.base, self.record), random.Random(number)
        kinds, weights = list(MIX), list(MIX.values())
        while not self.stop.is_set():
            kind = pick.choices(kinds, weights)[0]
            getattr(self, f"_{kind}")(client, pick)

    def _book(self, client: Client, pick: random.Random, kind: str = "book", classes: str = "free", body=None):
        person = pick.choice(self.holders if kind == "pack" else self.studio.people)
        session_id = pick.choice(self.studio.sessions[classes])
        body = {"session_id": session_id} | ({"pass_id": person.pass_id} if kind == "pack" else {})
        answer = client.send(kind, "book", "POST", "/bookings/book", person.token, json=body)
        answer.user_id, answer.session_id = person.user_id, session_id
        return answer

    def _pay(self, client: Client, pick: random.Random) -> None:
        """A paid class booked, then paid: the provider's signed webhook for its checkout, sent to the main API as the
        provider sends it (again, the same event, after a 503)."""
        booked = self._book(client, pick, "pay", "paid")
        payment = (booked.body.get("payment") or {}) if booked.status == 201 else {}
        if checkout := payment.get("checkout_url"):
            reference = urlsplit(checkout).path.rsplit("/", 1)[1]
            event = self.provider.signed_event(PAYMENT_SUCCEEDED, reference, payment["amount"], payment["currency"])
            paid = client.send("pay", "pay", "POST", "/payments/webhook/test", data=event[0], headers=event[1])
            paid.booking_id, paid.code = booked.booking_id, paid.body.get("result", paid.code)

    def _pack(self, client: Client, pick: random.Random) -> None:
        self._book(client, pick, "pack", "paid")

    def _checkin(self, client: Client, pick: random.Random) -> None:
        booked = self._book(client, pick, "checkin", "soon")
        if booked.status != 201:
            return
        session_id = booked.session_id
        path = f"/api/facilitator/{self.studio.facilitator_id}/sessions/{session_id}/checkins"
        body = {"checkins": [{"booking_id": booked.booking_id}]}
        seen = client.send("checkin", "checkin", "POST", path, self.studio.facilitator_token, json=body)
        seen.booking_id = booked.booking_id
        if seen.status == 200:
            seen.code = seen.body["results"][0]["status"]

    def _join(self, client: Client, pick: random.Random) -> None:
        person = pick.choice(self.studio.people)
        session_id = pick.choice(self.studio.sessions["tiny"])
        joined = client.send("join", "join", "POST", f"/sessions/{session_id}/waitlist", person.token)
        joined.user_id, joined.session_id = person.user_id, session_id

    def _browse(self, client: Client, pick: random.Random) -> None:
        client.send("browse", "browse", "GET", "/events")

    def _login(self, client: Client, pick: random.Random) -> None:
        person = pick.choice(self.studio.people)
        client.send("login", "login", "POST", "/auth/login", json={"email": person.email, "password": PASSWORD})

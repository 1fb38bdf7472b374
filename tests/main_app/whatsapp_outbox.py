"""The WhatsApp stand-in's webhook sender: one thread posting signed webhooks in the order they were made, each
attempt recorded with the status the endpoint answered, and a wait for the queue to drain (no sleeps in tests)."""

import json
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import requests
import whatsapp_shapes as wa


@dataclass
class Webhook:
    """One webhook sent: the raw body and headers, and the status the endpoint answered (None: no connection)."""

    phone_number_id: str
    url: str
    body: bytes
    headers: dict
    answer: int | None = None

    def json(self) -> dict:
        return json.loads(self.body)


class Outbox:
    """Webhooks waiting to go, sent one at a time by a thread of their own (Meta does not wait on our answer)."""

    def __init__(self):
        self.sent: list[Webhook] = []
        self._queue: queue.Queue = queue.Queue()
        self._idle = threading.Condition()
        self._pending = 0
        self._thread = threading.Thread(target=self._deliver_forever, daemon=True)
        self._thread.start()

    def put(self, number: wa.BusinessNumber, body: bytes) -> None:
        """Send body to the number's webhook URL, signed with its app secret; nothing when it has no URL."""
        self.later(number, body)()

    def later(self, number: wa.BusinessNumber, body: bytes) -> Callable[[], None]:
        """put, for a webhook made now and sent when the returned function is called (once the API's answer has
        gone): it counts as waiting from now on, so wait() never misses it."""
        if not number.webhook_url:
            return lambda: None
        with self._idle:
            self._pending += 1
        return partial(self._queue.put, (number, body))

    def wait(self, timeout: float) -> bool:
        """Block until every webhook put so far has been answered (or timeout); whether they all were."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=10)

    def _deliver_forever(self) -> None:
        while (item := self._queue.get()) is not None:
            number, body = item
            headers = wa.webhook_headers(body, number.app_secret)
            webhook = Webhook(number.phone_number_id, number.webhook_url, body, headers)
            try:
                webhook.answer = requests.post(webhook.url, data=body, headers=headers, timeout=10).status_code
            except requests.RequestException:
                webhook.answer = None
            with self._idle:
                self.sent.append(webhook)
                self._pending -= 1
                self._idle.notify_all()

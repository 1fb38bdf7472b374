"""A burst of prepared HTTP/1.1 requests, each sent exactly once and each answer read to the end, with browsing
alongside it: the rush's load (wrk's "once" files stop a thread with answers still in flight, and a rush must count
every answer). asyncio on keep-alive connections, so it costs the machine little next to the services."""

import asyncio
import gc
import time
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Raw:
    """One request as it goes on the wire."""

    data: bytes

    @classmethod
    def build(cls, method: str, path: str, host: str, headers: dict | None = None, body: str = "") -> "Raw":
        payload = body.encode()
        lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", f"Content-Length: {len(payload)}"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        return cls(("\r\n".join(lines) + "\r\n\r\n").encode() + payload)


@dataclass
class Answers:
    """Every answer of one kind of request: its status (0: no answer, the connection failed), when it was sent
    (perf_counter), the seconds it took, its body and the request it answers (answers come in the order they end,
    not the order sent)."""

    statuses: list[int] = field(default_factory=list)
    sent: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    bodies: list[bytes] = field(default_factory=list)
    requests: list[Raw] = field(default_factory=list)

    def add(self, status: int, sent: float, seconds: float, body: bytes, raw: Raw) -> None:
        self.statuses.append(status)
        self.sent.append(sent)
        self.seconds.append(seconds)
        self.bodies.append(body)
        self.requests.append(raw)

    def within(self, start: float, end: float) -> "Answers":
        """The answers to requests sent between start and end."""
        kept = Answers()
        answered = zip(self.statuses, self.sent, self.seconds, self.bodies, self.requests, strict=True)
        for status, sent, seconds, body, raw in answered:
            if start <= sent <= end:
                kept.add(status, sent, seconds, body, raw)
        return kept


async def _read_answer(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """The status and body of one HTTP/1.1 answer (Content-Length framed, as both services and nginx send), and
    whether the server closes the connection after it (nginx does after keepalive_requests answers)."""
    head = (await reader.readuntil(b"\r\n\r\n")).lower()
    status = int(head.split(b" ", 2)[1])
    # Only two headers matter: found in the bytes rather than every header decoded (the load shares the cores).
    at = head.find(b"\r\ncontent-length:")
    length = int(head[at + 17 : head.index(b"\r\n", at + 2)]) if at >= 0 else 0
    body = await reader.readexactly(length) if length else b""
    return status, body, b"\r\nconnection: close\r\n" in head


async def _connection(host: str, port: int, take, answers: Answers, timeout: float, pace: float = 0.0) -> None:
    """Send what take() hands out, one at a time on one keep-alive connection, until it hands out None; with
    pace, each request at least pace seconds after the one before."""
    reader = writer = None
    started = -pace
    try:
        while (raw := take()) is not None:
            if (wait := started + pace - time.perf_counter()) > 0:
                await asyncio.sleep(wait)
            started = time.perf_counter()
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(host, port)
                writer.write(raw.data)
                async with asyncio.timeout(timeout):  # no task of its own, as wait_for would make
                    status, body, closing = await _read_answer(reader)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                status, body, closing = 0, b"", True
            if closing and writer is not None:  # the next request goes on a new connection, as a browser's would
                writer.close()
                reader = writer = None
            answers.add(status, started, time.perf_counter() - started, body, raw)
    finally:
        if writer is not None:
            writer.close()


async def _run(host, port, burst, connections, browse, browsers, pace, timeout) -> tuple[Answers, Answers, float]:
    """The burst, and the browsing answers to requests sent while it lasted."""
    queue = list(reversed(burst))
    done = asyncio.Event()
    booked, browsed = Answers(), Answers()

    def next_burst():
        return queue.pop() if queue else None

    def next_browse():
        return None if done.is_set() else browse

    browsing = [
        asyncio.create_task(_connection(host, port, next_browse, browsed, timeout, pace)) for _ in range(browsers)
    ]
    await asyncio.sleep(0.2)  # browsing under way before the rush starts
    started = time.perf_counter()
    await asyncio.gather(*(_connection(host, port, next_burst, booked, timeout) for _ in range(connections)))
    ended = time.perf_counter()
    done.set()
    await asyncio.gather(*browsing)
    return booked, browsed.within(started, ended), ended - started


def rush(
    host: str,
    port: int,
    burst: list[Raw],
    *,
    connections: int,
    browse: Raw,
    browsers: int,
    pace: float,
    timeout: float = 30.0,
) -> tuple[Answers, Answers, float]:
    """Send every request of burst once over `connections` connections at once, while `browsers` connections keep
    sending browse (each at most one request per `pace` seconds); returns (the burst's answers, the answers to
    browsing sent during it, the burst's seconds)."""
    # The bench process holds the seeding's objects: frozen, the collector no longer walks them on every full
    # collection the answers set off (CPU that was charged to the load generator).
    gc.collect()
    gc.freeze()
    try:
        return asyncio.run(_run(host, port, burst, connections, browse, browsers, pace, timeout))
    finally:
        gc.unfreeze()

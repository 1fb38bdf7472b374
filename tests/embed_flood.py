"""A flood of one embedding site's widget, as a studio's site whose page reloads its frame in a loop sends it: the
widget's page on the web app and its calls to the main API, pipelined on raw sockets by a few threads of a process
of its own (its sends would otherwise hold the test's GIL while the test times its bookings). It counts what came
back: each status, and how many of the 429s were nginx's own (deploy/nginx-json-errors.conf)."""

import contextlib
import multiprocessing
import os
import re
import socket
import threading
import time
from collections import Counter
from urllib.parse import urlsplit

NGINX_REFUSAL = b"Too many requests from this site"  # nginx's 429; the main API's own says "for this studio's"
STATUS = re.compile(rb"HTTP/1\.1 (\d{3}) ")
PIPELINED = 20  # requests sent down one connection before reading the answers


def request_bytes(url: str, referer: str, close: bool = False) -> bytes:
    """A GET of url naming referer as the page it comes from."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    ending = "Connection: close\r\n" if close else ""
    return f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nReferer: {referer}\r\n{ending}\r\n".encode()


class Flood:
    """targets: (url, referer) pairs, asked for in turn by each of `threads` threads, `rate` requests a second in all,
    until the flood stops; then counts: {status: answers, "nginx_429": those of nginx's own}."""

    def __init__(self, targets: list[tuple[str, str]], rate: int, threads: int = 16):
        self._control, their_end = multiprocessing.get_context("fork").Pipe()
        self._process = multiprocessing.get_context("fork").Process(
            target=_flood, args=(their_end, targets, rate / threads, threads), daemon=True
        )
        self.counts: Counter = Counter()

    def __enter__(self):
        self._process.start()
        assert self._control.poll(30) and self._control.recv() == "flooding", "the flood did not start"
        return self

    def __exit__(self, *exc):
        self._control.send("stop")
        if self._control.poll(30):
            self.counts = self._control.recv()
        self._process.join(10)
        if self._process.is_alive():
            self._process.kill()


def _flood(control, targets: list[tuple[str, str]], each: float, threads: int) -> None:
    """The flood's process: its threads send (each this many requests a second) until told to stop, then the
    counts go back."""
    # Told "flooding" once every thread has sent its first batch: the flood is at its full rate from then on.
    stop, ready = threading.Event(), threading.Semaphore(0)
    counts: list[Counter] = [Counter() for _ in range(threads)]
    # A real flood is sent from other machines: here its sender yields the cores to what is measured (nginx refusing
    # it, the API booking), as on a loaded two-core machine its own CPU stalled bookings by ~300 ms now and then.
    os.nice(19)
    # Each thread from its own target and moment: together they come evenly, not all at once every few batches.
    turns = [targets[n % len(targets) :] + targets[: n % len(targets)] for n in range(threads)]
    workers = [
        threading.Thread(target=_send, args=(turns[n], each, n / threads, counts[n], stop, ready), daemon=True)
        for n in range(threads)
    ]
    for worker in workers:
        worker.start()
    for _ in workers:
        ready.acquire(timeout=30)
    control.send("flooding")
    control.recv()
    stop.set()
    for worker in workers:
        worker.join(10)
    control.send(sum(counts, Counter()))


def _send(targets, rate: float, phase: float, counts: Counter, stop: threading.Event, ready) -> None:
    """Batches of PIPELINED requests to each target in turn, the last asking to close, each read back to the end;
    rate requests a second (a real site's flood comes at its visitors' pace, not as fast as this machine can send),
    starting phase (0 to 1) of a batch's time late; ready is released once the first batch is back."""
    started, sent = time.monotonic() + phase * PIPELINED / rate, 0
    while not stop.is_set():
        for url, referer in targets:
            stop.wait(max(0.0, started + sent / rate - time.monotonic()))
            sent += PIPELINED
            parts = urlsplit(url)
            batch = request_bytes(url, referer) * (PIPELINED - 1) + request_bytes(url, referer, close=True)
            with contextlib.suppress(OSError), socket.create_connection((parts.hostname, parts.port), 10) as sock:
                sock.sendall(batch)
                answers = _read_to_end(sock)
                counts.update(int(status) for status in STATUS.findall(answers))
                counts["nginx_429"] += answers.count(NGINX_REFUSAL)
            if sent == PIPELINED:
                ready.release()


def _read_to_end(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)

"""Who is listening, and what changed for them: one query per tick for every open stream of this process, however
many there are, instead of one per tab."""

import asyncio
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


class Watchers:
    """Open streams by person; each stream is a queue that hears the person's (all, unread) counts when they change."""

    def __init__(self, read_counts: Callable[[list[int]], dict[int, tuple[int, int]]], interval: float):
        self.read_counts = read_counts  # blocking (a database query): run on a worker thread
        self.interval = interval
        self.streams: dict[int, set[asyncio.Queue]] = {}
        self.seen: dict[int, tuple[int, int]] = {}

    @property
    def open_streams(self) -> int:
        return sum(len(queues) for queues in self.streams.values())

    def add(self, user_id: int, counts: tuple[int, int]) -> asyncio.Queue:
        """A new stream for the person, whose counts it was opened at."""
        queue: asyncio.Queue = asyncio.Queue(maxsize=8)
        self.streams.setdefault(user_id, set()).add(queue)
        self.seen.setdefault(user_id, counts)
        return queue

    def remove(self, user_id: int, queue: asyncio.Queue) -> None:
        queues = self.streams.get(user_id, set())
        queues.discard(queue)
        if not queues:
            self.streams.pop(user_id, None)
            self.seen.pop(user_id, None)

    async def tick(self) -> int:
        """Read every listening person's counts once and tell the streams of those whose counts changed; how many."""
        user_ids = list(self.streams)
        if not user_ids:
            return 0
        counts = await asyncio.to_thread(self.read_counts, user_ids)
        changed = 0
        for user_id in user_ids:
            now = counts.get(user_id, (0, 0))
            if user_id in self.streams and self.seen.get(user_id) != now:
                self.seen[user_id] = now
                changed += 1
                for queue in self.streams[user_id]:
                    if queue.full():  # a reader that fell behind needs only the latest counts
                        queue.get_nowait()
                    queue.put_nowait(now)
        return changed

    async def run(self) -> None:
        """Tick until cancelled; a failed read is tried again at the next tick."""
        while True:
            try:
                await self.tick()
            except Exception as exc:  # the database away for a moment: the streams stay open and catch up later
                log.warning("could not read the notification counts: %s", type(exc).__name__)
            await asyncio.sleep(self.interval)

"""One dispatcher process's wake-up channel shared by its lanes: a thread waits on it and rings the lanes of the
channels each wake-up names (every lane at a poll, or for a wake-up naming none)."""

import threading

from .wakeup import ANY, STOPPED, TIMED_OUT, WOKEN


class SharedWakeup:
    """One process's wake-up channel shared by its dispatchers (one per channel): a thread waits on it and rings
    every lane, so a commit wakes the email lane even while the CRM lane is busy probing a CRM that is down."""

    def __init__(self, waiter, poll_interval: float):
        self.waiter = waiter
        self.poll_interval = poll_interval
        self._bell = threading.Condition()
        self._rings_for_all = 0
        self._rings: dict[str, int] = {}  # by channel
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._listen, name="outbox-wakeup", daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        while not self._closed.is_set():
            outcome = self.waiter.wait(self.poll_interval)
            # A poll (the wait timed out) is every lane's; a wake-up, the lanes of the channels it names.
            named = getattr(self.waiter, "heard", None) if outcome == WOKEN else None
            with self._bell:
                if not named or ANY in named:
                    self._rings_for_all += 1
                else:
                    for channel in named:
                        self._rings[channel] = self._rings.get(channel, 0) + 1
                self._bell.notify_all()

    def rings(self, channel: str) -> int:
        """How many times the channel's lane has been rung so far (under the bell's lock)."""
        return self._rings_for_all + self._rings.get(channel, 0)

    def lane(self, channel: str) -> "LaneWaiter":
        """A waiter for the dispatcher of one channel."""
        return LaneWaiter(self, channel)

    def close(self) -> None:
        """Stop listening and close the channel (after the lanes have stopped)."""
        self._closed.set()
        self.waiter.wake()
        self._thread.join(timeout=5)
        self.waiter.close()


class LaneWaiter:
    """One dispatcher's view of a SharedWakeup: wait() returns at the next ring, the timeout, or a stop request."""

    def __init__(self, shared: SharedWakeup, channel: str):
        self.shared = shared
        self.channel = channel
        self._stopped = False

    def wait(self, timeout: float) -> str:
        shared, channel = self.shared, self.channel
        with shared._bell:
            seen = shared.rings(channel)
            shared._bell.wait_for(lambda: self._stopped or shared.rings(channel) != seen, timeout)
            return STOPPED if self._stopped else WOKEN if shared.rings(channel) != seen else TIMED_OUT

    def wake(self) -> None:
        """End the current wait and every later one (a stop request)."""
        self._stopped = True
        with self.shared._bell:
            self.shared._bell.notify_all()

    def close(self) -> None:
        """The shared channel is closed by its owner."""

"""memory:// counts kept safe under threads: limits' MemoryStorage starts its expiry Timer unguarded, and two
requests counting at once can start the same Timer twice, failing one request (alisaifee/limits#26)."""

import threading
from typing import ClassVar

from limits.storage import MemoryStorage

ONE_PROCESS_SCHEME = "memory-locked"


class LockedMemoryStorage(MemoryStorage):
    """MemoryStorage whose writes take one lock: a rate-limit count is microseconds, so requests barely wait."""

    STORAGE_SCHEME: ClassVar[list[str]] = [ONE_PROCESS_SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: str):
        self._writing = threading.RLock()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        """Add to a fixed window's count, one writer at a time."""
        with self._writing:
            return super().incr(key, expiry, amount)

    def decr(self, key: str, amount: int = 1) -> int:
        """Take back from a count, one writer at a time."""
        with self._writing:
            return super().decr(key, amount)

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        """Take a moving window's entry, one writer at a time."""
        with self._writing:
            return super().acquire_entry(key, limit, expiry, amount)


def thread_safe_uri(uri: str) -> str:
    """The storage URI to hand Flask-Limiter: memory:// becomes its locked twin, any other URI stays."""
    return uri.replace("memory://", f"{ONE_PROCESS_SCHEME}://", 1) if uri.startswith("memory://") else uri

"""memory:// counts kept safe under threads: limits' MemoryStorage starts its expiry Timer unguarded, and two
requests counting at once can start the same Timer twice, failing one request (alisaifee/limits#26); and Redis
Sentinel asked promptly, so that the in-memory fallback starts at once when no Sentinel answers."""

import threading
from typing import ClassVar

from limits.storage import MemoryStorage, RedisSentinelStorage
from redis.backoff import NoBackoff
from redis.retry import Retry

ONE_PROCESS_SCHEME = "memory-locked"
PROMPT_SENTINEL_SCHEME = "redis+sentinel-prompt"


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
    """The storage URI to hand Flask-Limiter: memory:// becomes its locked twin, redis+sentinel:// its prompt one,
    any other URI stays."""
    for scheme, ours in (("memory", ONE_PROCESS_SCHEME), ("redis+sentinel", PROMPT_SENTINEL_SCHEME)):
        if uri.startswith(f"{scheme}://"):
            return uri.replace(f"{scheme}://", f"{ours}://", 1)
    return uri


class PromptSentinelStorage(RedisSentinelStorage):
    """Redis Sentinel whose Sentinels are asked once, not retried: redis-py's default backs off for about 4 s before
    giving up on one that does not answer, and Flask-Limiter's in-memory fallback, which keeps logins and bookings
    going meanwhile, only starts once it has."""

    STORAGE_SCHEME: ClassVar[list[str]] = [PROMPT_SENTINEL_SCHEME]

    def __init__(self, uri: str, sentinel_kwargs: dict | None = None, **options):
        prompt = {"retry": Retry(NoBackoff(), 0), "socket_connect_timeout": 1.0, "socket_timeout": 1.0}
        super().__init__(uri, sentinel_kwargs={**prompt, **(sentinel_kwargs or {})}, **options)

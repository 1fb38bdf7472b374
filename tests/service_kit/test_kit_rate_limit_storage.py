"""memory:// counts under threads: limits' MemoryStorage can start its expiry Timer twice when requests count at
once (one of them fails with "threads can only be started once"); the locked twin the services use never does."""

import sys
import threading

import pytest
from flask import Flask
from limits.storage import MemoryStorage, storage_from_string

from service_kit import rate_limits
from service_kit.rate_limit_storage import LockedMemoryStorage, PromptSentinelStorage, thread_safe_uri
from service_kit.rate_limits import make_limiter

THREADS, ROUNDS = 8, 1500


def count_at_once(storage_class) -> list[str]:
    """Each round a fresh storage whose Timer has stopped, then THREADS requests counting at the same moment: the
    errors the counting raised."""
    errors, current = [], []
    start, done = threading.Barrier(THREADS + 1), threading.Barrier(THREADS + 1)

    def count():
        for _ in range(ROUNDS):
            start.wait()
            try:
                current[0].incr("address", 60)
            except RuntimeError as exc:
                errors.append(str(exc))
            done.wait()

    workers = [threading.Thread(target=count) for _ in range(THREADS)]
    for worker in workers:
        worker.start()
    for _ in range(ROUNDS):
        storage = storage_class()
        storage.timer.cancel()
        storage.timer.join()  # one thread so far: the Timer is stopped and the next count must start one
        current[:] = [storage]
        start.wait()
        done.wait()
        current[0].timer.cancel()
    for worker in workers:
        worker.join()
    return errors


@pytest.fixture
def switching_often():
    """The interpreter hands the GIL over every microsecond, so interleavings a busy server meets come quickly."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def test_requests_counting_at_once_never_fail(switching_often):
    assert count_at_once(LockedMemoryStorage) == []


def test_the_services_count_in_the_locked_storage_and_keep_other_storages():
    limiter, app = make_limiter("kit"), Flask(__name__)
    app.config["RATELIMIT_STORAGE_URI"] = "memory://"
    rate_limits.init_app(app, limiter)
    assert isinstance(limiter.storage, LockedMemoryStorage)
    assert isinstance(storage_from_string(thread_safe_uri("memory://")), LockedMemoryStorage)
    assert thread_safe_uri("redis://cache:6379/0") == "redis://cache:6379/0"
    assert type(storage_from_string("memory://")) is MemoryStorage  # the library's own scheme is left as it was


def test_a_sentinel_that_does_not_answer_is_not_retried_so_the_fallback_starts_at_once():
    # redis-py's default retries a Sentinel with backoff for about 4 s before Flask-Limiter may fall back to memory.
    uri = thread_safe_uri("redis+sentinel://127.0.0.1:26379,127.0.0.1:26380/limits")
    storage = storage_from_string(uri, sentinel_kwargs={"socket_keepalive": True})
    assert isinstance(storage, PromptSentinelStorage) and storage.service_name == "limits"
    sentinel = storage.sentinel.sentinels[0].connection_pool.connection_kwargs
    assert sentinel["retry"].get_retries() == 0 and sentinel["socket_connect_timeout"] == 1.0
    assert sentinel["socket_keepalive"] is True  # what the deployment set is kept
    assert thread_safe_uri("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/0"  # plain Redis: untouched

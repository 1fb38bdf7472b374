"""Rate limits through Redis Sentinel (RATELIMIT_STORAGE_URI=redis+sentinel://host:port,…/<service>): the counts go to
the master a real Sentinel names, and go on there when the Sentinel is gone. (With no Redis to reach, the limits
fall back to each process's memory: test_rate_limits.py; Sentinel not retried: test_kit_rate_limit_storage.py.)"""

import subprocess
import uuid
from urllib.parse import urlsplit

import pytest
import redis
from live_stack import free_port_number, wait_for
from test_rate_limits import attempt_login, redis_url  # noqa: F401 (a fixture)

SERVICE = "studio-limits"


@pytest.fixture
def sentinel(tmp_path, redis_url):  # noqa: F811
    """A Sentinel (redis-server --sentinel) watching the test Redis as SERVICE: its storage URI and its process."""
    watched = urlsplit(redis_url)
    port = free_port_number()
    config = tmp_path / "sentinel.conf"  # Sentinel rewrites its file: one of its own
    config.write_text(
        f"port {port}\nbind 127.0.0.1\ndaemonize no\nsentinel monitor {SERVICE} {watched.hostname} {watched.port} 1\n"
    )
    process = subprocess.Popen(
        ["redis-server", str(config), "--sentinel"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    asking = redis.Redis(port=port, socket_connect_timeout=1)

    def names_the_master():
        try:
            return asking.sentinel_get_master_addr_by_name(SERVICE)
        except redis.exceptions.RedisError:
            return None

    wait_for(names_the_master, timeout=20, message="the Sentinel naming its master")
    yield f"redis+sentinel://127.0.0.1:{port}/{SERVICE}", process
    process.terminate()
    process.wait(timeout=10)


def database_zero(redis_url: str) -> redis.Redis:  # noqa: F811
    """The watched Redis's database 0, where the Sentinel's master_for connects (the test URL names another)."""
    watched = urlsplit(redis_url)
    return redis.Redis(host=watched.hostname, port=watched.port, db=0)


@pytest.fixture
def prefix(redis_url):  # noqa: F811
    """A key prefix no other run uses; its keys (in the watched Redis's database 0) deleted afterwards."""
    prefix = f"sentinel-{uuid.uuid4().hex}"
    yield prefix
    watched = database_zero(redis_url)
    if keys := watched.keys(f"*{prefix}*"):
        watched.delete(*keys)


def test_the_counts_go_to_the_master_the_sentinel_names(make_app, make_user, sentinel, prefix, redis_url):  # noqa: F811
    uri, _process = sentinel
    client = make_app(RATELIMIT_LOGIN="2/minute", RATELIMIT_STORAGE_URI=uri, RATELIMIT_KEY_PREFIX=prefix).test_client()
    user = make_user()
    assert [attempt_login(client, user).status_code for _ in range(3)] == [401, 401, 429]
    # Counted in Redis (not this process's memory): the master holds the deployment's keys.
    assert database_zero(redis_url).keys(f"*{prefix}*")


def test_with_the_sentinel_gone_the_count_goes_on_at_the_master_it_named(make_app, make_user, sentinel, prefix):
    uri, process = sentinel
    client = make_app(RATELIMIT_LOGIN="2/minute", RATELIMIT_STORAGE_URI=uri, RATELIMIT_KEY_PREFIX=prefix).test_client()
    user = make_user()
    assert attempt_login(client, user).status_code == 401
    process.kill()
    process.wait(timeout=10)
    assert [attempt_login(client, user).status_code for _ in range(2)] == [401, 429]

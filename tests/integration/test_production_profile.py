"""The production profile, as docs/deployment.md describes it: APP_ENV=production with real
secrets, PostgreSQL, rate limits in Redis, several gunicorn workers, two dispatchers and two main API instances
(two "machines") over one database. PostgreSQL and Redis are required: skipped without them, never in CI."""

import os
import subprocess
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
import requests
from live_stack import Stack, free_port_number, launch_stack, stack_templates, wait_for

import start_services
from main_app.config import load_launcher_settings
from start_services import build_services

# Three API instances, the CRM and two dispatchers hold PostgreSQL connections enough that, beside the other
# processes' stacks, the server ran out of them: this module runs alone.
pytestmark = [pytest.mark.integration, pytest.mark.serial]

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
WORKERS, THREADS = 3, 2
LOGIN_LIMIT = 5


@dataclass
class Production:
    """The running system and what the tests need to know about it."""

    stack: Stack
    urls: tuple[str, str]  # the two main API instances behind the (pretend) load balancer, TRUSTED_PROXIES=1
    direct_url: str  # a third instance with no proxy in front, TRUSTED_PROXIES=0
    key_prefix: str
    redis: redis.Redis


def redis_or_skip() -> redis.Redis:
    """The test Redis; skip without one, except in CI."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.RedisError:
        if IN_CI:
            raise
        pytest.skip(f"the production profile needs Redis: none at {REDIS_URL} (set TEST_REDIS_URL)")
    return client


@pytest.fixture(scope="module")
def production(request, tmp_path_factory, db_templates):
    """The whole system on PostgreSQL and Redis, for the module (tests/plugins/databases.py fails CI without
    PostgreSQL)."""
    if not os.environ.get("TEST_DATABASE_URL", "").strip():
        pytest.skip("the production profile runs on PostgreSQL: set TEST_DATABASE_URL=postgresql://...")
    pg_databases = request.getfixturevalue("pg_databases")
    client = redis_or_skip()
    folder = tmp_path_factory.mktemp("production")
    key_prefix = f"production-test-{uuid.uuid4().hex[:12]}"  # a fresh set of counters every run
    settings = {
        "APP_ENV": "production",  # refuses default secrets: launch_stack's JWT secret and service token are not
        "SECRET_KEY": f"production-test-secret-{uuid.uuid4().hex}",
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "RATELIMIT_KEY_PREFIX": key_prefix,
        "RATELIMIT_LOGIN": f"{LOGIN_LIMIT}/minute",
        "TRUSTED_PROXIES": "1",  # one load balancer in front; the tests play it
        "PASSWORD_HASH_METHOD": "scrypt",  # production's cost, not the tests' (tests/conftest.py)
    }
    databases = {}  # copies of the run's migrated templates (no demo data in production)
    try:
        for variable, (_, kind) in stack_templates(settings).items():
            databases[variable] = db_templates.copy_postgres(kind)
        stack = launch_stack(
            {variable: url for variable, (_, url) in databases.items()},
            folder,
            free_port_number,
            workers=WORKERS,
            threads=THREADS,
            dispatchers=2,
            **settings,
        )
        try:
            second, second_url = stack.add_main_api(workers=WORKERS, threads=THREADS)
            direct, direct_url = stack.add_main_api(workers=1, threads=THREADS, TRUSTED_PROXIES="0")
            for instance in (second, direct):
                instance.start()
            for instance in (second, direct):
                instance.wait_healthy()
            yield Production(stack, (stack.main_url, second_url), direct_url, key_prefix, client)
        finally:
            stack.stop()
    finally:
        for name, _ in databases.values():
            pg_databases.drop(name)
        for key in client.scan_iter(f"*{key_prefix}*"):
            client.delete(key)
        client.close()


def children(pid: int) -> list[int]:
    """Direct child processes of pid (gunicorn's workers, for its master)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def login(
    url: str, email: str, client_address: str | None = None, sent_by_client: str | None = None
) -> requests.Response:
    """A wrong-password login. client_address: the load balancer appends it to X-Forwarded-For, after
    whatever the client itself sent (sent_by_client)."""
    forwarded = ", ".join(a for a in (sent_by_client, client_address) if a)
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return requests.post(
        f"{url}/auth/login", json={"email": email, "password": "wrong-password"}, headers=headers, timeout=10
    )


def test_each_service_runs_the_configured_workers_and_dispatchers(production):
    stack = production.stack

    def counts():
        return [len(children(p.proc.pid)) for p in (stack.crm, stack.main, *stack.extra_mains)]

    # gunicorn forks its workers a moment apart (it sleeps up to 0.1 s between them), after the first answers.
    wait_for(lambda: counts() == [WORKERS, WORKERS, WORKERS, 1], timeout=10, interval=0.1, message=str(counts()))
    assert [d.name for d in (stack.dispatcher, *stack.extra_dispatchers)] == ["dispatcher", "dispatcher-2"]
    assert all(d.alive() for d in (stack.dispatcher, *stack.extra_dispatchers))


@pytest.mark.both_databases
def test_bookings_through_both_instances_reach_the_crm_once_each_delivered_by_both_dispatchers(production):
    stack = production.stack
    session_ids = stack.add_sessions(3, capacity=40)
    tokens = stack.issue_tokens(stack.add_users(40))
    jobs = [
        (production.urls[n % 2], token, session_id)
        for n, (token, session_id) in enumerate((t, s) for s in session_ids for t in tokens)
    ]

    def book(job):
        url, token, session_id = job
        return url, requests.post(
            f"{url}/bookings/book",
            json={"session_id": session_id},
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(book, jobs))
    assert [r.status_code for _, r in answers] == [201] * len(jobs), answers[0][1].text
    assert Counter(url for url, _ in answers) == {url: len(jobs) // 2 for url in production.urls}
    booking_ids = [r.json()["id"] for _, r in answers]

    def settled():
        statuses = stack.outbox_statuses()
        return sum(statuses.values()) == len(jobs) and statuses["delivered"] == len(jobs)

    wait_for(settled, timeout=30, interval=0.2, message=f"{len(jobs)} outbox messages delivered")
    stored = Counter(n["booking_id"] for n in stack.crm_all(type="booking_created"))
    assert stored == Counter(booking_ids), "each booking stored exactly once"
    attempts = stack.delivery_attempts()
    assert Counter(a["message_id"] for a in attempts).most_common(1)[0][1] == 1, "a message was sent twice"
    per_dispatcher = Counter(a["worker_id"] for a in attempts)
    assert len(per_dispatcher) == 2, f"one dispatcher delivered everything: {per_dispatcher}"
    print(f"deliveries per dispatcher: {sorted(per_dispatcher.values())}")


def test_the_login_limit_is_one_count_across_both_instances(production):
    email = production.stack.add_users(1)[0]
    client, neighbour = "203.0.113.10", "203.0.113.11"
    first, second = production.urls
    assert [login(production.urls[n % 2], email, client).status_code for n in range(LOGIN_LIMIT)] == [401] * LOGIN_LIMIT
    for url in (first, second):
        blocked = login(url, email, client)
        assert blocked.status_code == 429, blocked.text
        assert 0 < int(blocked.headers["Retry-After"]) <= 60
    # A client cannot start afresh by sending its own X-Forwarded-For: only the load balancer's entry counts.
    assert login(second, email, client, sent_by_client="198.51.100.7").status_code == 429
    # Another client behind the same load balancer has a count of its own.
    assert login(first, email, neighbour).status_code == 401
    # The counts are in Redis under this deployment's prefix.
    keys = [key.decode() for key in production.redis.scan_iter(f"*{production.key_prefix}*")]
    assert any(client in key for key in keys) and any(neighbour in key for key in keys), keys


def test_without_trusted_proxies_x_forwarded_for_is_ignored(production):
    email = production.stack.add_users(1)[0]
    statuses = [login(production.direct_url, email, f"192.0.2.{n}").status_code for n in range(LOGIN_LIMIT + 1)]
    assert statuses == [401] * LOGIN_LIMIT + [429]  # every attempt counted against the real peer, 127.0.0.1


# -- start_services.py, without starting anything ---------------------------------------------------------


def test_start_services_sizes_the_system_from_the_environment(tmp_path):
    scale = load_launcher_settings({"GUNICORN_WORKERS": "3", "GUNICORN_THREADS": "2", "DISPATCHERS": "3"})
    services = build_services(
        "127.0.0.1",
        free_port_number(),
        free_port_number(),
        dev=False,
        env={},
        log_dir=tmp_path,
        web_port=free_port_number(),
        **scale,
    )
    assert [s.name for s in services] == ["crm", "main-api", "dispatcher", "dispatcher-2", "dispatcher-3", "web"]
    for service in services[:2]:
        assert " --workers 3 --threads 2 " in f" {' '.join(service.argv)} "
    dispatchers = services[2:5]
    assert all(d.argv[-1] == "crm-dispatch" for d in dispatchers)
    assert len({d.log_path for d in dispatchers}) == 3


def test_start_services_defaults_are_two_workers_of_four_threads_and_one_dispatcher(tmp_path):
    assert load_launcher_settings({}) == {"workers": 2, "threads": 4, "dispatchers": 1}
    ports = free_port_number(), free_port_number()
    services = build_services("127.0.0.1", *ports, dev=False, env={}, **load_launcher_settings({}))
    assert [s.name for s in services] == ["crm", "main-api", "dispatcher"]
    assert " --workers 2 --threads 4 " in f" {' '.join(services[1].argv)} "
    assert [s.argv for s in build_services("127.0.0.1", *ports, dev=False, env={})] == [s.argv for s in services]


@pytest.mark.parametrize(
    ("name", "value"), [("GUNICORN_WORKERS", "0"), ("GUNICORN_THREADS", "two"), ("DISPATCHERS", "-1")]
)
def test_start_services_refuses_a_bad_size_before_starting_anything(monkeypatch, capsys, name, value):
    monkeypatch.setenv(name, value)
    assert start_services.main([]) == 1
    error = capsys.readouterr().err
    assert "Start-up failed" in error and name in error


@pytest.mark.parametrize(("app_env", "seeded"), [("production", False), ("development", True)])
def test_start_services_loads_no_demo_accounts_in_production(monkeypatch, app_env, seeded):
    """The demo accounts' passwords are in the README: a production database never gets them."""
    commands = []

    def run(argv, **_):
        commands.append(argv[4:])  # after: python -m flask --app
        return subprocess.CompletedProcess(argv, 0, "", "")

    monkeypatch.setattr(start_services.subprocess, "run", run)
    start_services.prepare_databases({"APP_ENV": app_env})
    main = ["main_app", "seed-demo", "--upgrade", "--if-empty"] if seeded else ["main_app", "db", "upgrade"]
    assert commands == [["crm_microservice", "db", "upgrade"], main]

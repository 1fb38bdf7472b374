"""Fixtures of the integration tests (start_stack, the real system on free ports, is in tests/plugins/stacks.py)."""

import os

import pytest
from chaos_proxy import ChaosProxy
from pg_pair import PgPair


@pytest.fixture
def chaos_proxy():
    """A fault-injecting proxy on a free loopback port, in pass-through mode; pass it to start_stack."""
    proxy = ChaosProxy(seed=20240611).start()
    yield proxy
    proxy.close()


@pytest.fixture
def pair(db_backend):
    """A primary and its synchronous standby of the test's own (pg_pair.PgPair), with a database "app"; PostgreSQL's
    whatever the run's backend, so once per run: under the postgresql parameter when there is one."""
    if db_backend == "sqlite" and os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("run once, under the postgresql parameter: the nodes are PostgreSQL's whatever the backend")
    nodes = PgPair().start()
    nodes.create_database("app")
    yield nodes
    nodes.stop()

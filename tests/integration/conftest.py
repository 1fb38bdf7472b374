"""Fixtures of the integration tests (start_stack, the real system on free ports, is in tests/plugins/stacks.py)."""

import pytest
from chaos_proxy import ChaosProxy


@pytest.fixture
def chaos_proxy():
    """A fault-injecting proxy on a free loopback port, in pass-through mode; pass it to start_stack."""
    proxy = ChaosProxy(seed=20240611).start()
    yield proxy
    proxy.close()

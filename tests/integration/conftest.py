"""The real system as processes on free loopback ports: CRM and main API on gunicorn, plus the dispatcher."""
import pytest
from chaos_proxy import ChaosProxy
from live_stack import JWT_SECRET, SERVICE_TOKEN, Stack, prepare_databases_quickly

from start_services import build_services


@pytest.fixture
def start_stack(make_database_url, free_port, tmp_path):
    """Factory: start the whole system on the given backend; everything is stopped after the test.

    With proxy=<ChaosProxy>, the main API and the dispatcher reach the CRM through that proxy.
    """
    stacks = []

    def start(backend: str, proxy: ChaosProxy | None = None, **overrides) -> Stack:
        main_port, crm_port = free_port(), free_port()
        env = {
            "DATABASE_URL": make_database_url(backend, "main"),
            "CRM_DATABASE_URL": make_database_url(backend, "crm"),
            "CRM_AUTH_TOKEN": SERVICE_TOKEN,
            "JWT_SECRET_KEY": JWT_SECRET,
            "CRM_LOG_FILE": str(tmp_path / "crm_notifications.log"),
            "NOTIFICATION_LOG_FILE": str(tmp_path / "notifications.json"),
            "CRM_RETRY_SCHEDULE": "1,1,1,2,2,2,5,5,5,5",
            # Polling is only the fallback: a commit wakes the dispatcher on its own port.
            "DISPATCH_POLL_INTERVAL": "1",
            "DISPATCH_WAKE_PORT": str(free_port()),
            "DISPATCH_MAX_PROBE_INTERVAL": "0.5",
            "CRM_QUICK_RETRIES": "2",
            **({"CRM_BASE_URL": proxy.url} if proxy else {}),
            **overrides,
        }
        prepare_databases_quickly(env)
        services = build_services("127.0.0.1", main_port, crm_port, dev=False, env=env, log_dir=tmp_path)
        stack = Stack(services, services[0].env, f"http://127.0.0.1:{main_port}", f"http://127.0.0.1:{crm_port}")
        stacks.append(stack)
        if proxy:
            proxy.target = stack.crm_url
        stack.start()
        return stack

    yield start
    for stack in stacks:
        stack.stop()


@pytest.fixture
def chaos_proxy():
    """A fault-injecting proxy on a free loopback port, in pass-through mode; pass it to start_stack."""
    proxy = ChaosProxy(seed=20240611).start()
    yield proxy
    proxy.close()

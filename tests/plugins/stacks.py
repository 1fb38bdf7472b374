"""The real system as processes on free loopback ports: a stack per test, or one per run that tests share."""

import pytest
from live_stack import Stack, free_port_number, launch_stack, stack_templates, stop_stacks


@pytest.fixture
def free_port():
    """Factory: a TCP port on 127.0.0.1 that nothing listens on right now."""
    return free_port_number


@pytest.fixture
def start_stack(make_database_url, free_port, tmp_path):
    """Factory: start the whole system on the given backend, on copies of the run's migrated and demo-seeded
    template databases; everything is stopped after the test.

    With proxy=<ChaosProxy>, the main API and the dispatcher reach the CRM through that proxy;
    with web=True the built web app is served too (stack.web_url); with start_dispatcher=False the dispatcher
    starts only when the test calls stack.dispatcher.start().
    """
    stacks = []

    def start(backend: str, proxy=None, web: bool = False, start_dispatcher: bool = True, **overrides) -> Stack:
        databases = {
            variable: make_database_url(backend, name, template=kind)
            for variable, (name, kind) in stack_templates(overrides).items()
        }
        stack = launch_stack(
            databases, tmp_path, free_port, proxy=proxy, web=web, start_dispatcher=start_dispatcher, **overrides
        )
        stacks.append(stack)
        return stack

    yield start
    stop_stacks(stacks)


@pytest.fixture(scope="session")
def shared_stack(tmp_path_factory, db_templates):
    """Factory: shared_stack(backend, **overrides) → a running system that every test of this process asking for
    the same backend and settings shares, started on first use and stopped when the run ends.

    For tests that leave the system whole and only look at what they made themselves (their own sessions, users
    and bookings), never at totals: starting the services is most of what an integration test costs.
    """
    stacks: dict[tuple, Stack] = {}
    databases_made: list[str] = []

    def get(backend: str, **overrides) -> Stack:
        key = (backend, tuple(sorted(overrides.items())))
        if key not in stacks:
            folder = tmp_path_factory.mktemp(f"shared-{backend}")
            databases = {}
            for variable, (name, kind) in stack_templates(overrides).items():
                if backend == "sqlite":
                    databases[variable] = db_templates.copy_sqlite(kind, folder / f"{name}.sqlite")
                else:
                    database, databases[variable] = db_templates.copy_postgres(kind)
                    databases_made.append(database)
            stacks[key] = launch_stack(databases, folder, free_port_number, **overrides)
        return stacks[key]

    yield get
    stop_stacks(list(stacks.values()))
    for database in databases_made:
        db_templates.postgres.drop_later(database)

"""The tests' plugins (tests/plugins, one module a concern), the order files run in, and the contract run's figures."""

import os
import sys
from collections import Counter

import pytest

from main_app.extensions import catalogues

# As `dev.py test` does (its keep_bytecode): a run starts a few hundred Python processes (workers, services,
# dispatchers), and where PYTHONDONTWRITEBYTECODE is set each compiles what it imports again (the main API's
# import took 3.8 s of CPU so, 1.7 s from bytecode). pytest called directly keeps it too, from here on.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

# Password hashes at scrypt N=1024 instead of production's 32768: each register, log-in and password change in the
# tests (thousands, in this process and in the services it starts) took ~0.1 s of CPU, ~0.003 s so. What is tested
# is the same code; tests/main_app/test_config.py holds the default and production's refusal of anything cheaper.
# APP_ENV=production runs leave it out (test_production_profile.py), as production refuses it.
TEST_PASSWORD_HASH_METHOD = "scrypt:1024:8:1"
os.environ.setdefault("PASSWORD_HASH_METHOD", TEST_PASSWORD_HASH_METHOD)

# pytest reads pytest_plugins in this, the top conftest, only. Fixtures defined there are visible to every test; a
# closer conftest's fixture of the same name (the CRM's app, client...) still wins for the tests under it.
pytest_plugins = (
    "plugins.databases",
    "plugins.write_checks",
    "plugins.stacks",
    "plugins.main_api",
    "plugins.accounts",
    "plugins.families",
    "plugins.catalogue",
    "plugins.messages",
    "plugins.outside",
    "plugins.cpu_figures",
)
# Not a plugin, as its checks are autouse for the main API's tests only: tests/main_app/conftest.py imports it, so
# pytest would not rewrite its asserts unless told here, before that import.
pytest.register_assert_rewrite("plugins.after_test_checks")


def pytest_sessionstart(session):
    """The catalogues compiled where a .po is newer than its .mo, as dev.py's install step does (.mo files are build
    output, not in git): the services this run starts read them too."""
    catalogues.compile_stale()


# -- the longest files first ------------------------------------------------------------------------------

# pytest-xdist hands whole files to its workers in collection order; a long file collected last keeps one worker
# busy while the other waits. These directories hold the files that start services, longest per file first.
LONG_FIRST = ("contract", "e2e", "integration")


def pytest_collection_modifyitems(items):
    """Put the files that start services first (a stable sort: each file keeps its own order)."""

    def rank(item) -> int:
        parts = item.path.relative_to(item.config.rootpath / "tests").parts
        return LONG_FIRST.index(parts[0]) if parts[0] in LONG_FIRST else len(LONG_FIRST)

    items.sort(key=rank)


# -- what the contract run covered, printed once however the run was split -------------------------------------

_WORKER_FIGURES: dict[str, Counter] = {}


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist: add a finished worker's contract figures (tests/contract/conftest.py) to the controller's."""
    for service, cases in getattr(node, "workeroutput", {}).get("contract_figures", {}).items():
        _WORKER_FIGURES.setdefault(service, Counter()).update(cases)


def pytest_terminal_summary(terminalreporter):
    """Print what the contract run covered (docs/testing.md tells where to find them)."""
    # Split over workers the figures arrive above; in one process the contract module kept them itself.
    figures = _WORKER_FIGURES or getattr(sys.modules.get("contract_world"), "FIGURES", {})
    for service, cases in figures.items():
        if cases:
            terminalreporter.write_line(
                f"contract run, {service}: {len(cases)} operations, {sum(cases.values())} cases "
                f"(fewest {min(cases.values())}, most {max(cases.values())} per operation)"
            )

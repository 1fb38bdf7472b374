"""Which tests run on SQLite as well as PostgreSQL: chosen by the both_databases marker, never by accident."""

import ast
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from plugins import databases

TESTS = Path(__file__).parent
# What in a test's own code makes its behaviour differ between the databases: threads racing, or a dialect branch.
RACING = re.compile(r"\brace\(|Barrier|Thread\(|threading\.|ThreadPoolExecutor|concurrent\.futures|\.dialect\b")


class FakeItem(SimpleNamespace):
    def get_closest_marker(self, name):
        return name if name in self.markers else None


def collected(backend: str | None, *markers: str) -> FakeItem:
    params = {"db_backend": backend} if backend else {}
    return FakeItem(callspec=SimpleNamespace(params=params), markers=markers)


def run_selection(monkeypatch, items, all_databases=False, url="postgresql://x@127.0.0.1/test"):
    monkeypatch.setattr(databases, "TEST_DATABASE_URL", url)
    left_out = []
    config = SimpleNamespace(
        getoption=lambda name: all_databases,
        hook=SimpleNamespace(pytest_deselected=lambda items: left_out.extend(items)),
    )
    databases.pytest_collection_modifyitems(config, items)
    return left_out


def test_only_the_sqlite_runs_of_unmarked_tests_are_left_out_when_postgresql_is_there(monkeypatch):
    neutral_sqlite, neutral_pg = collected("sqlite"), collected("postgresql")
    marked_sqlite, no_database = collected("sqlite", "both_databases"), collected(None)
    items = [neutral_sqlite, neutral_pg, marked_sqlite, no_database]
    assert run_selection(monkeypatch, items) == [neutral_sqlite]
    assert items == [neutral_pg, marked_sqlite, no_database]


@pytest.mark.parametrize(("all_databases", "url"), [(True, "postgresql://x@127.0.0.1/test"), (False, "")])
def test_all_databases_or_no_postgresql_keeps_every_run(monkeypatch, all_databases, url):
    items = [collected("sqlite"), collected("postgresql")]
    assert run_selection(monkeypatch, items, all_databases, url) == []
    assert len(items) == 2


def _marked(node: ast.AST) -> bool:
    return "both_databases" in ast.unparse(node)


def test_every_test_that_races_threads_or_branches_on_the_dialect_runs_on_both():
    """A new race test in a module without the marker would run on PostgreSQL alone: this names it."""
    unmarked = []
    for path in sorted(TESTS.rglob("test_*.py")):
        source = path.read_text()
        if not RACING.search(source):
            continue
        tree = ast.parse(source)
        if any(isinstance(n, ast.Assign) and _marked(n) for n in tree.body):
            continue
        tests = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]
        for node in tests:
            if RACING.search(ast.get_source_segment(source, node)) and not any(map(_marked, node.decorator_list)):
                unmarked.append(f"{path.relative_to(TESTS)}::{node.name}")
    assert not unmarked, "mark these both_databases (docs/testing.md): " + ", ".join(unmarked)

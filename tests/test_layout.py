"""The shape of the code that the import contracts (.importlinter, tests/test_import_contracts.py) can't state:
no cycle between modules, and no module over 300 lines."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "main_app"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for path in (ROOT / PACKAGE).rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts
    }


MODULES = _modules()


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    """The main_app modules an import statement names (a package's own module when it imports a name from it)."""
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - node.level + 1]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    if not target.startswith(PACKAGE):
        return []
    found = []
    for alias in node.names:
        candidate = f"{target}.{alias.name}"
        found.append(candidate if candidate in MODULES else target)
    return found


def _imports(module: str) -> dict[str, int]:
    """Every main_app module this one imports, anywhere in it (top level or inside a function), with a line."""
    path = MODULES[module]
    found = {}
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            for target in _resolve(module, path.name == "__init__.py", node):
                found.setdefault(target, node.lineno)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(PACKAGE):
                    found.setdefault(alias.name, node.lineno)
    return found


GRAPH = {module: _imports(module) for module in MODULES}


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph, as the path around it, or None."""
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == "open":
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_module_imports_itself_round_a_cycle():
    edges = {module: {t for t in targets if t in MODULES and t != module} for module, targets in GRAPH.items()}
    # A package's __init__ is imported on the way to any of its modules; only real module edges count.
    assert _cycle(edges) is None, " -> ".join(_cycle(edges))


@pytest.mark.parametrize(
    "source, cycle",
    [
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, ["a", "b", "c", "a"]),
        ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
    ],
)
def test_the_cycle_finder_finds_cycles(source, cycle):
    assert _cycle(source) == cycle


MAX_LINES = 300


@pytest.mark.parametrize("package", ["main_app", "crm_microservice", "service_kit", "launcher"])
def test_no_module_is_over_300_lines(package):
    """Long modules hide more than one concern; migrations are history and exempt."""
    long = {
        str(path.relative_to(ROOT)): count
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts and (count := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}

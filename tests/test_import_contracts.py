"""The import contracts in .importlinter hold: layers of main_app and crm_microservice, the domain packages one way,
delivery/ free of domains, the domains free of the edge (dev.py's lint step runs the same check); and every name a
face exports is imported through it somewhere, so faces stay lean."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_import_contract_is_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


FACES = sorted(
    [path.parent for path in (ROOT / "main_app" / "services").glob("*/__init__.py")]
    + [ROOT / "main_app" / "delivery", ROOT / "main_app" / "plumbing"]
)
IMPORTERS = [
    path
    for folder in ("main_app", "crm_microservice", "tests", "service_kit", "launcher", "web_ui")
    for path in (ROOT / folder).rglob("*.py")
] + [ROOT / "dev.py", ROOT / "start_services.py"]


def _dotted(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _exported(face: Path) -> list[str]:
    """The names in a face's __all__."""
    for node in ast.parse((face / "__init__.py").read_text()).body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", "") == "__all__" for target in node.targets):
            return [element.value for element in node.value.elts]
    return []


def _imported_from(path: Path, node: ast.ImportFrom) -> str:
    """The module an import statement reads from, relative imports resolved."""
    if not node.level:
        return node.module or ""
    package = _dotted(path).split(".") if path.name == "__init__.py" else _dotted(path).split(".")[:-1]
    return ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))


def _names_used(path: Path, faces: set[str]) -> set[tuple[str, str]]:
    """(face, name) for each name this module takes through a face from outside its package: imported by name, read
    as an attribute of the imported package, or named in a dotted string (a patch target)."""
    module, used, aliases = _dotted(path), set(), {}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = _imported_from(path, node)
            for alias in node.names:
                if source in faces and not module.startswith(source + "."):
                    used.add((source, alias.name))
                if f"{source}.{alias.name}" in faces and not module.startswith(f"{source}.{alias.name}."):
                    aliases[alias.asname or alias.name] = f"{source}.{alias.name}"
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "." in node.value:
            face, _, name = node.value.rpartition(".")
            used |= {(face, name)} if face in faces else set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            used.add((aliases[node.value.id], node.attr))
    return used


def test_every_name_a_face_exports_is_imported_somewhere():
    faces = {_dotted(face): face for face in FACES}
    used = set().union(*(_names_used(path, set(faces)) for path in IMPORTERS))
    unused = {
        dotted: names
        for dotted, face in faces.items()
        if (names := [name for name in _exported(face) if (dotted, name) not in used])
    }
    assert unused == {}, f"drop these from their face's imports and __all__ (nothing outside imports them): {unused}"

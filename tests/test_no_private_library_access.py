"""No private name of a third-party library is read or set anywhere in our Python: not imported (`from x import _y`,
`import x._y`), not reached as an attribute of an imported module or of an object a library made, not overridden or
read through `self` in a subclass of a library's class. Our own objects' `_attrs` are ours to use."""

import ast
import importlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TREES = ("main_app", "crm_microservice", "service_kit", "launcher", "bench", "tests", "web_ui")
SCRIPTS = ("dev.py", "start_services.py")
# Underscore names the libraries document as their public API, with where they say so.
DOCUMENTED = {
    ("marshmallow", "_serialize"),  # marshmallow: "Creating a field class" (override _serialize/_deserialize)
    ("marshmallow", "_deserialize"),
    ("werkzeug", "_get_current_object"),  # Flask/Werkzeug: "Notes on proxies" (the object behind a proxy)
    ("flask", "_get_current_object"),
    ("sqlalchemy", "_mapping"),  # SQLAlchemy: Row._mapping, Row._asdict, Row._fields, Row._tuple (Row's API)
    ("sqlalchemy", "_asdict"),
    ("sqlalchemy", "_fields"),
    ("sqlalchemy", "_tuple"),
}
# pytest's own fixtures arrive as arguments, not imports: what a test reaches through them is pytest's.
PYTEST_FIXTURES = {"request", "monkeypatch", "caplog", "capsys", "capfd", "pytestconfig", "tmp_path_factory"}


def python_files() -> list[Path]:
    """Every Python file of ours."""
    files = [path for tree in TREES for path in sorted((ROOT / tree).rglob("*.py"))]
    return files + [ROOT / script for script in SCRIPTS]


def own_modules() -> set[str]:
    """Names our code imports itself by: its packages, and every module that sits beside a script (bench/, tests/)."""
    names = set(TREES) | {Path(script).stem for script in SCRIPTS}
    for path in python_files():
        names.add(path.stem)
        names.update(part for part in path.relative_to(ROOT).parts[:-1])
    return names


OWN = own_modules()


def is_private(name: str) -> bool:
    """One leading underscore, not a dunder (and not the bare `_`)."""
    return name.startswith("_") and not name.startswith("__") and name != "_"


def third_party(module: str | None) -> bool:
    top = (module or "").split(".")[0]
    return bool(top) and top not in sys.stdlib_module_names and top not in OWN


def root_name(node: ast.expr) -> str | None:
    """The name an expression's chain of attributes, calls and subscripts starts from."""
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


class Checker(ast.NodeVisitor):
    """Collects (line, what) for each private access of a third-party name in one module."""

    def __init__(self):
        self.found: list[tuple[int, str]] = []
        self.scopes: list[dict[str, str]] = [{}]  # name -> the third-party module it comes from

    def library_of(self, name: str | None) -> str | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    def flag(self, node: ast.AST, what: str) -> None:
        self.found.append((node.lineno, what))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if third_party(alias.name):
                if any(is_private(part) for part in alias.name.split(".")):
                    self.flag(node, f"import {alias.name}")
                bound = alias.asname or alias.name.split(".")[0]
                self.scopes[-1][bound] = alias.name if alias.asname else bound

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level or not third_party(node.module):
            return
        if any(is_private(part) for part in node.module.split(".")):
            self.flag(node, f"from {node.module} import …")
        for alias in node.names:
            if is_private(alias.name) and not self.documented(node.module, alias.name):
                self.flag(node, f"from {node.module} import {alias.name}")
            self.scopes[-1][alias.asname or alias.name] = node.module

    def documented(self, module: str, name: str) -> bool:
        return (module.split(".")[0], name) in DOCUMENTED

    def visit_Assign(self, node: ast.Assign) -> None:
        self.generic_visit(node)
        library = self.library_of(root_name(node.value))
        if library:  # a name bound to what a library made (Limiter(…), app.test_client(), …) is the library's
            for target in node.targets:
                if isinstance(target, ast.Name):
                    self.scopes[-1][target.id] = library

    def visit_Attribute(self, node: ast.Attribute) -> None:
        library = self.library_of(root_name(node.value))
        if library and is_private(node.attr) and not self.documented(library, node.attr):
            self.flag(node, f"{ast.unparse(node)} ({library})")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        # getattr(x, "_y") / setattr(x, "_y", v) / monkeypatch.setattr(x, "_y", v) on a library's module or object
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        if name in ("getattr", "setattr", "delattr", "hasattr") and len(node.args) >= 2:
            target, attribute = node.args[0], node.args[1]
            library = self.library_of(root_name(target))
            named = attribute.value if isinstance(attribute, ast.Constant) else None
            if library and isinstance(named, str) and is_private(named) and not self.documented(library, named):
                self.flag(node, f"{name}({ast.unparse(target)}, {named!r}) ({library})")
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.scopes.append({arg.arg: "pytest" for arg in node.args.args if arg.arg in PYTEST_FIXTURES})
        self.generic_visit(node)
        self.scopes.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for base in node.bases:
            library = self.library_of(root_name(base))
            if library:
                self.check_subclass(node, base, library)
        self.generic_visit(node)

    def check_subclass(self, node: ast.ClassDef, base: ast.expr, library: str) -> None:
        """A subclass of a library's class may not override the library's private methods, nor read or set through
        self (or super()) a private name the library's class has or that our class does not define itself."""
        ours = {item.name for item in node.body if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)}
        ours |= {t.id for item in node.body if isinstance(item, ast.Assign) for t in item.targets if hasattr(t, "id")}
        ours |= {
            sub.attr
            for sub in ast.walk(node)
            if isinstance(sub, ast.Attribute)
            and isinstance(sub.ctx, ast.Store)
            and isinstance(sub.value, ast.Name)
            and sub.value.id == "self"
        }
        base_class = self.resolve(base, library)
        for name in sorted(n for n in ours if is_private(n) and hasattr(base_class, n)):
            if not self.documented(library, name):
                self.flag(node, f"{node.name}.{name} overrides {library}'s private {name}")
        for sub in ast.walk(node):
            if not (isinstance(sub, ast.Attribute) and is_private(sub.attr)) or self.documented(library, sub.attr):
                continue
            through_super = isinstance(sub.value, ast.Call) and getattr(sub.value.func, "id", None) == "super"
            through_self = isinstance(sub.value, ast.Name) and sub.value.id in ("self", "cls")
            if through_super or (through_self and (sub.attr not in ours or hasattr(base_class, sub.attr))):
                self.flag(sub, f"{ast.unparse(sub)} in {node.name}, a subclass of {library}'s {ast.unparse(base)}")

    def resolve(self, base: ast.expr, library: str) -> object:
        """The library's class a base names (None when it cannot be imported: then only the names checks apply)."""
        parts = ast.unparse(base).split(".")
        try:
            found = importlib.import_module(library)
            for part in parts[1:] if parts[0] == library.split(".")[-1] or parts[0] == library else parts:
                found = getattr(found, part)
            return found
        except (ImportError, AttributeError):
            return None


def private_accesses(source: str) -> list[tuple[int, str]]:
    """(line, what) for each private access of a third-party name in source."""
    checker = Checker()
    checker.visit(ast.parse(source))
    return checker.found


def test_no_module_of_ours_touches_a_librarys_private_names():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in python_files()
        for line, what in private_accesses(path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        "from flask_jwt_extended.tokens import _decode_jwt",
        "from flask_jwt_extended.config import config\nfrom flask_limiter._extension import Limiter",
        "import flask_limiter._extension",
        "import jwt\njwt._secret = 1",
        "import flask_limiter as fl\nvalue = fl.util._internal",
        "from flask_limiter import Limiter\nlimiter = Limiter(key_func=str)\nlimiter._storage_dead = True",
        "from flask_limiter import Limiter\nlimiter = Limiter(key_func=str)\nlimiter.limit_manager._default_limits",
        "from flask_jwt_extended import JWTManager\nclass M(JWTManager):\n    def f(self):\n"
        "        return self._decode_key_callback",
        "from flask_jwt_extended import JWTManager\nclass M(JWTManager):\n    def _decode_jwt_from_config(self, t):\n"
        "        return super()._decode_jwt_from_config(t)",
        "import flask\ndef f(monkeypatch):\n    monkeypatch.setattr(flask, '_cv_app', None)",
        "def fixture(request):\n    request.node._nodeid = request.node.nodeid",
        "def fixture(monkeypatch):\n    return monkeypatch._setattr",
    ],
)
def test_each_kind_of_private_access_is_found(source):
    assert private_accesses(source)


@pytest.mark.parametrize(
    "source",
    [
        "class Ours:\n    def f(self):\n        return self._mine",
        "from flask import Flask\nclass App(Flask):\n    def f(self):\n        self._ours = 1\n"
        "        return self._ours",
        "from .extensions import db\ndb._anything",
        "import threading\nthreading._shutdown",
        "from marshmallow import fields\nclass F(fields.Field):\n    def _deserialize(self, value, attr, data):\n"
        "        return super()._deserialize(value, attr, data)",
        "from flask import current_app\napp = current_app._get_current_object()",
    ],
)
def test_our_own_private_names_and_documented_ones_are_fine(source):
    assert private_accesses(source) == []

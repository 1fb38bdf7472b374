"""Every package the services import is pinned in requirements.txt, so a production install (runtime requirements
only) has it: the test requirements must not be what makes an import work."""

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ["main_app", "crm_microservice", "service_kit", "launcher", "web_ui", "start_services.py", "dev.py"]
OURS = {"main_app", "crm_microservice", "service_kit", "launcher", "web_ui", "start_services", "dev"}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pinned() -> set[str]:
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    return {_canonical(re.split(r"[\[=<>~ ]", line, maxsplit=1)[0]) for line in lines if "==" in line}


def _imported(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_every_package_the_services_import_is_a_runtime_requirement():
    files = [
        p for entry in RUNTIME for p in ((ROOT / entry).rglob("*.py") if (ROOT / entry).is_dir() else [ROOT / entry])
    ]
    modules = set().union(*(_imported(path) for path in files)) - OURS - set(sys.stdlib_module_names)
    providers = importlib.metadata.packages_distributions()
    pinned = _pinned()
    missing = {
        module: providers.get(module)
        for module in modules
        if not pinned & set(map(_canonical, providers.get(module, [])))
    }
    assert not missing, f"imported but not pinned in requirements.txt: {missing}"

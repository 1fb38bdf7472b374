#!/usr/bin/env python3
"""The commands: `python3 dev.py run` starts everything, `python3 dev.py test` runs every test,
`python3 dev.py docs [--write]` checks (or rewrites) what docs/ makes from the code: the service packages in
docs/architecture.md, the error codes in docs/api.md, the WhatsApp templates in docs/channels.md and
docs/permissions.md, made from the permission table; and
`python3 dev.py translations` extracts the words to translate, updates the catalogues and compiles them.

Both create a virtual environment in .venv and install the pinned requirements into it on first use,
install the web app's packages with `npm ci` and build it; later runs redo a step only when its inputs
changed (requirements, package-lock.json, the web app's sources), so they are fast the second time.
"""

import ast
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import venv
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
FRONTEND = ROOT / "frontend"
# The table of the main API's domain packages, between these markers, is made from their __init__.py docstrings.
SERVICES = ROOT / "main_app" / "services"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
TABLE_START = "<!-- service packages: made from their docstrings by `python3 dev.py docs --write` -->"
TABLE_END = "<!-- end of service packages -->"
# The table of the main API's error codes in docs/api.md, between these markers, is made from its catalogue.
ERROR_CODES = ROOT / "main_app" / "error_codes.py"
API_DOC = ROOT / "docs" / "api.md"
ERRORS_START = "<!-- error codes: made from main_app/error_codes.py by `python3 dev.py docs --write` -->"
ERRORS_END = "<!-- end of error codes -->"
# The WhatsApp templates' table in docs/channels.md, between these markers, is made from the literals of their table.
WHATSAPP_TEMPLATES = SERVICES / "whatsapp" / "templates.py"
# The table's rows: each file and the literal it holds them in.
WHATSAPP_ROWS = (
    (SERVICES / "whatsapp" / "seat_templates.py", "SEAT_TEMPLATES"),
    (SERVICES / "whatsapp" / "account_templates.py", "ACCOUNT_TEMPLATES"),
)
CHANNELS_DOC = ROOT / "docs" / "channels.md"
WHATSAPP_START = (
    "<!-- whatsapp templates: made from services/whatsapp/templates.py by `python3 dev.py docs --write` -->"
)
WHATSAPP_END = "<!-- end of whatsapp templates -->"
# docs/permissions.md is made whole from the studio roles' permission table (two literals, read without importing).
PERMISSION_TABLE = SERVICES / "studios" / "permissions.py"
PERMISSIONS_PAGE = ROOT / "docs" / "permissions.md"
# The server's catalogues: the words to translate (messages.pot, extracted as babel.cfg says) and a .po for each
# language, compiled to the .mo files the services read (build output, not committed).
TRANSLATIONS = ROOT / "main_app" / "translations"
POT = TRANSLATIONS / "messages.pot"
TRANSLATED = ("hi", "mr")  # English is the source: its words are the msgids
# pybabel extract as the catalogues are made (tests/main_app/test_translations.py extracts the same way), from the
# folders babel.cfg's patterns are relative to; no source lines, so that the .pot changes only when the words do.
EXTRACT = (
    *("extract", "--mapping-file", "babel.cfg", "--keywords", "lazy_gettext", "--add-comments", "Translators:"),
    *("--keywords", "words:2", "--keywords", "plural_words:2,3"),  # web_ui.languages': the language comes first
    *("--project", "Sessions & Retreats", "--no-location", "--no-wrap", "--sort-output"),
)
EXTRACTED = ("main_app", "service_kit", "web_ui")
# What the web app's build is made from; dist/ is rebuilt when any of it changes.
FRONTEND_SOURCES = ("src", "build-tools", "public", "index.html", "vite.config.js", "package.json", "package-lock.json")


def _requirements_digest(requirements: Path) -> str:
    """Hash of a requirements file and the files it includes with -r."""
    digest = hashlib.sha256()
    for path in sorted({requirements, ROOT / "requirements.txt"}):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def keep_bytecode() -> None:
    """Let the processes started from here keep compiled bytecode (in __pycache__ folders, which git ignores).

    A run starts dozens of Python processes (services, dispatchers, test workers); where PYTHONDONTWRITEBYTECODE is
    set, each would compile the whole project again, and pytest would rewrite every test module's asserts again."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def ensure_environment(requirements: Path) -> None:
    """Create .venv and install requirements unless the same set is already installed."""
    if not PYTHON.exists():
        print(f"Creating virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed-{requirements.stem}-{_requirements_digest(requirements)}"
    # The test set includes the runtime one (-r requirements.txt): `dev.py run` after `dev.py test` installs nothing.
    includes = VENV / f".installed-requirements-dev-{_requirements_digest(ROOT / 'requirements-dev.txt')}"
    if stamp.exists() or includes.exists():
        return
    print(f"Installing {requirements.name} ...", flush=True)
    # --no-compile: pip would compile every module of every package, most of them never imported here; the
    # processes started from here compile and keep (keep_bytecode) only the modules they import.
    pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-compile"]
    subprocess.run([*pip, "-r", str(requirements)], check=True)
    for old in VENV.glob(f".installed-{requirements.stem}-*"):
        old.unlink()
    stamp.touch()


def ensure_translations() -> None:
    """Compile the catalogues when a .po is newer than its .mo (or has none)."""
    stale = [po for po in TRANSLATIONS.glob("*/LC_MESSAGES/*.po") if _newer(po, po.with_suffix(".mo"))]
    if stale:
        print("Compiling the translations (pybabel compile) ...", flush=True)
        _babel("compile", "--directory", TRANSLATIONS)


def _newer(source: Path, target: Path) -> bool:
    return not target.exists() or target.stat().st_mtime < source.stat().st_mtime


def _babel(*args) -> None:
    """pybabel's command with args, from the project's folder (babel.cfg's paths are relative to it)."""
    subprocess.run([str(PYTHON), "-m", "babel.messages.frontend", "--quiet", *map(str, args)], cwd=ROOT, check=True)


def translations(_args: list[str]) -> int:
    """Extract the words to translate into messages.pot, add the new ones to each language's .po (and drop the
    gone), then compile them: after this, fill in the .po files' empty msgstr (docs/translating.md)."""
    ensure_environment(ROOT / "requirements.txt")
    _babel(*EXTRACT, "--output-file", POT, *EXTRACTED)
    for language in TRANSLATED:
        if not (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").exists():
            _babel("init", "--input-file", POT, "--output-dir", TRANSLATIONS, "--locale", language, "--no-wrap")
    _babel("update", "--input-file", POT, "--output-dir", TRANSLATIONS, "--ignore-obsolete", "--no-wrap")
    _babel("compile", "--directory", TRANSLATIONS)
    return 0


def _npm() -> str:
    """The npm executable; a clear error when Node.js is missing."""
    npm = shutil.which("npm")
    if not npm:
        raise SystemExit("npm not found: install Node.js 20 or newer (https://nodejs.org) and run this again.")
    return npm


def _tree_digest(paths) -> str:
    """Hash of every file under the given paths (names and contents)."""
    digest = hashlib.sha256()
    for top in paths:
        top = FRONTEND / top
        files = sorted(p for p in top.rglob("*") if p.is_file()) if top.is_dir() else [top] if top.exists() else []
        for path in files:
            digest.update(str(path.relative_to(FRONTEND)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def ensure_frontend(build: bool = True) -> None:
    """`npm ci` when package-lock.json changed, then `npm run build` when the web app's sources changed."""
    modules_stamp = FRONTEND / "node_modules" / f".installed-{_tree_digest(['package-lock.json'])}"
    if not modules_stamp.exists():
        print("Installing the web app's packages (npm ci) ...", flush=True)
        subprocess.run([_npm(), "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=FRONTEND, check=True)
        modules_stamp.touch()
    if not build:
        return
    build_stamp = FRONTEND / "dist" / f".built-{_tree_digest(FRONTEND_SOURCES)}"
    if not build_stamp.exists():
        print("Building the web app (vite build) ...", flush=True)
        subprocess.run([_npm(), "run", "build", "--silent"], cwd=FRONTEND, check=True, stdout=subprocess.DEVNULL)
        build_stamp.touch()


def run(args: list[str]) -> int:
    """Install what is needed, build the web app and start the whole system."""
    ensure_environment(ROOT / "requirements.txt")
    ensure_translations()
    ensure_frontend(build="--dev" not in args)  # --dev serves the sources through Vite's dev server
    keep_bytecode()
    return launch([str(PYTHON), str(ROOT / "start_services.py"), *args])


def launch(argv: list[str]) -> int:
    """Run start_services.py until it has stopped every service. A terminal's Ctrl-C reaches it directly (it
    shares our process group), so here SIGINT is only waited out, and SIGTERM is passed on to it: exiting before
    it (as subprocess.call does, killing it) would leave its services running."""
    child = []
    handlers = {
        signal.SIGINT: signal.signal(signal.SIGINT, lambda *_: None),  # not SIG_IGN: the child would inherit that
        signal.SIGTERM: signal.signal(signal.SIGTERM, lambda *_: child and child[0].send_signal(signal.SIGTERM)),
    }
    try:
        child.append(subprocess.Popen(argv))
        code = child[0].wait()
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    return code if code >= 0 else 128 - code  # killed by a signal: the shell's way of saying which


def web_app_checks() -> list[subprocess.Popen]:
    """Start ESLint and the web app's unit tests (Vitest), which need only its packages; the caller waits."""
    print("Linting the web app (eslint) and running its unit tests (vitest) ...", flush=True)
    return [
        subprocess.Popen([_npm(), "run", "lint", "--silent"], cwd=FRONTEND),
        subprocess.Popen([_npm(), "test", "--silent"], cwd=FRONTEND),
    ]


def python_lint() -> list[subprocess.Popen]:
    """Start ruff (lint and format check) and lint-imports (the contracts in .importlinter); the caller waits."""
    print("Linting the Python code (ruff check, ruff format --check, lint-imports) ...", flush=True)
    ruff = str(BIN / "ruff")
    return [
        subprocess.Popen([ruff, "check", "--quiet", "."], cwd=ROOT),
        subprocess.Popen([ruff, "format", "--check", "--quiet", "."], cwd=ROOT),
        subprocess.Popen([str(BIN / "lint-imports"), "--no-cache"], cwd=ROOT),
    ]


def pytest(args: list[str]) -> int:
    """Every Python test: one process more than there are cores shares the tests that keep to themselves (a whole
    file each, so a module's stack starts once; the extra one works while the others wait on their services), then
    the timing-sensitive ones (marked serial) run alone. With -m, -n or -p, one plain run."""
    command = [str(PYTHON), "-m", "pytest"]
    if any(arg.split("=")[0] in ("-m", "-n", "-p", "--numprocesses") for arg in args):
        return subprocess.call([*command, *args], cwd=ROOT)
    processes = (os.cpu_count() or 1) + 1
    print(f"Running the Python tests, {processes} at a time, then the serial ones ...", flush=True)
    # Files in collection order (tests/conftest.py puts those that start services first), not by test count.
    together = ["-n", str(processes), "--dist", "loadfile", "--no-loadscope-reorder"]
    shared = subprocess.call([*command, *together, "-m", "not serial", *args], cwd=ROOT)
    alone = subprocess.call([*command, "-p", "no:xdist", "-m", "serial", *args], cwd=ROOT)
    # 5: nothing selected in that half (a run narrowed to some files), which is not a failure.
    return next((code for code in (shared, alone) if code not in (0, 5)), 0)


def test(args: list[str]) -> int:
    """Install what is needed, lint, run the web app's unit tests (Vitest), then every Python test (pytest)."""
    # The Python packages install from the start, beside the web app's install and build (the end-to-end tests
    # drive the build) and then Vitest, which runs beside them and ruff, never beside pytest: its waits allow for
    # a busy machine (frontend/src/test/setup.js), but not for one running the whole Python suite.
    checks = []
    with ThreadPoolExecutor(max_workers=1) as background:
        python_ready = background.submit(ensure_environment, ROOT / "requirements-dev.txt")
        try:
            ensure_frontend()
            checks += web_app_checks()
            python_ready.result()
            ensure_translations()
            keep_bytecode()
            checks += python_lint()
        finally:
            codes = [check.wait() for check in checks]
            python_ready.result()  # a failed install ends the run with its error
    return next((code for code in codes if code), 0) or pytest(args)


def package_table() -> str:
    """The Markdown table of main_app/services' packages, in name order, each with its __init__.py's docstring."""
    rows = ["| package | what |", "| --- | --- |"]
    for init in sorted(SERVICES.glob("*/__init__.py")):
        what = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        rows.append(f"| `services/{init.parent.name}/` | {what.removesuffix('.')} |")
    return "\n".join(rows)


def error_table() -> str:
    """The Markdown table of main_app/error_codes.py's catalogue, read as a literal (its messages' N_() marks
    dropped) so the app need not import."""
    tree = ast.parse(ERROR_CODES.read_text(encoding="utf-8"))
    catalogue = next(
        ast.literal_eval(_unmarked(node.value))
        for node in tree.body
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "ERRORS"
    )
    rows = ["| code | status | message |", "| --- | --- | --- |"]
    for key, (status, message) in sorted(catalogue.items()):
        rows.append(f"| `{key.partition('.')[0]}` | {status} | {message} |")
    return "\n".join(rows)


def _unmarked(tree: ast.AST) -> ast.AST:
    """tree with each N_("...") (gettext's mark for extraction) replaced by its string."""

    class Unmark(ast.NodeTransformer):
        def visit_Call(self, node: ast.Call) -> ast.AST:
            return node.args[0] if getattr(node.func, "id", "") == "N_" and len(node.args) == 1 else node

    return Unmark().visit(tree)


def whatsapp_table() -> str:
    """The Markdown tables of the WhatsApp templates (what each says, with what) and of the kinds none carries."""
    parameters, links, without = _literals(WHATSAPP_TEMPLATES, "PARAMETERS", "LINKS", "WITHOUT_TEMPLATE")
    templates = {name: row for path, table in WHATSAPP_ROWS for name, row in _literals(path, table)[0].items()}
    rows = ["| template | category | carries | says | parameters | button |", "| --- | --- | --- | --- | --- | --- |"]
    for name, template in templates.items():
        kinds = [f"`{kind}`" for kind in template["kinds"]]
        kinds += [f"`{kind}` with `{part}`" for kind, part in template.get("with_part", {}).items()]
        said = "; ".join(f"{{{{{n}}}}} {parameters[field][0]}" for n, field in enumerate(template["parameters"], 1))
        text, link = template.get("button") or ("", "")
        opens = f"`/{{{{1}}}}`, {links[link][0]}" if link in links else f"`{link}`"
        button = f"{text}: {opens}" if text else "—"
        category = template["category"].lower()
        rows.append(f"| `{name}` | {category} | {', '.join(kinds)} | {template['body']} | {said} | {button} |")
    rows += ["", "| kind | why no template |", "| --- | --- |"]
    rows += [f"| `{kind}` | {why} |" for kind, why in without.items()]
    return "\n".join(rows)


def documented_table(text: str, start_marker: str = TABLE_START, end_marker: str = TABLE_END) -> str:
    """The table between the markers in text (empty without them)."""
    start, end = text.find(start_marker), text.find(end_marker)
    return text[start + len(start_marker) : end].strip() if 0 <= start < end else ""


def _literals(path: Path, *names: str) -> list:
    """The values of these module-level assignments of literals in path, in the order named (N_ marks dropped)."""
    found = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None
        if isinstance(target, ast.Name) and target.id in names:
            found[target.id] = ast.literal_eval(_unmarked(node.value))
    return [found[name] for name in names]


REACH = [
    "A route may name several permissions: any one lets a member in. Within the studio, what the route then reaches",
    "follows the role (`main_app/services/studios/staff.py`): owners and managers reach every event and session,",
    "instructors the sessions they teach, the front desk today's and tomorrow's sessions on the studio's clock; any",
    "other event or session, and any of another studio, is a 404. The seed routes (`/api/facilitator/<id>/...`)",
    "reach the sessions that facilitator teaches; the last column is what a facilitator may do there, with no studio",
    "chosen (`my_permissions` of `/auth/login` and `/auth/me`).",
    "",
    "The role read is today's on both services: the CRM (client book, segments, a studio's inbox) asks the main API",
    "what a token reaches on every request (`GET /auth/access`), so a member taken out of a studio or given another",
    "role, and a logged-out token, are refused there at the same moment as on the main API.",
]


def permissions_page() -> str:
    """docs/permissions.md: every permission, what it allows and which member roles have it."""
    permissions, roles, seed = _literals(PERMISSION_TABLE, "PERMISSIONS", "ROLE_PERMISSIONS", "SEED_PERMISSIONS")
    roles = {**roles, "facilitator (seed routes)": seed}
    lines = [
        "# Permissions",
        "",
        "What each member role of a studio may do there. One table in code",
        "(`main_app/services/studios/permissions.py`) decides every studio route: a member whose role lacks the",
        "route's permission gets a 403 naming it (`details.permission`), anyone who is not a member a 404, as for a",
        "studio that does not exist. This page is made from that table by `python3 dev.py docs --write`; the",
        "[API](api.md#studios) lists the studio routes.",
        "",
        "| permission | allows | " + " | ".join(f"`{role}`" for role in roles) + " |",
        "| --- | --- | " + " | ".join("---" for _ in roles) + " |",
    ]
    for permission, allows in permissions.items():
        marks = " | ".join("yes" if permission in granted else "—" for granted in roles.values())
        lines.append(f"| `{permission}` | {allows} | {marks} |")
    lines += ["", *REACH]
    return "\n".join(lines) + "\n"


def docs(args: list[str]) -> int:
    """Check that docs/ made from the code (packages, error codes, WhatsApp templates, permissions) is up to date;
    --write rewrites it."""
    stale = _permissions_page(args)
    generated = (
        (ARCHITECTURE, TABLE_START, TABLE_END, package_table()),
        (API_DOC, ERRORS_START, ERRORS_END, error_table()),
        (CHANNELS_DOC, WHATSAPP_START, WHATSAPP_END, whatsapp_table()),
    )
    for page, start_marker, end_marker, table in generated:
        text = page.read_text(encoding="utf-8")
        if documented_table(text, start_marker, end_marker) == table:
            continue
        if "--write" not in args or start_marker not in text or end_marker not in text:
            print(f"docs/{page.name}'s table between {start_marker} and {end_marker} is not the code's:")
            print("python3 dev.py docs --write rewrites it")
            stale = 1
            continue
        start, end = text.index(start_marker) + len(start_marker), text.index(end_marker)
        page.write_text(f"{text[:start]}\n{table}\n{text[end:]}", encoding="utf-8")
    return stale


def _permissions_page(args: list[str]) -> int:
    """1 when docs/permissions.md is not the permission table's (rewritten with --write, then 0)."""
    page = permissions_page()
    written = PERMISSIONS_PAGE.read_text(encoding="utf-8") if PERMISSIONS_PAGE.exists() else ""
    if written == page:
        return 0
    if "--write" not in args:
        print("docs/permissions.md is not the permission table's: python3 dev.py docs --write rewrites it")
        return 1
    PERMISSIONS_PAGE.write_text(page, encoding="utf-8")
    return 0


COMMANDS = {"run": run, "test": test, "docs": docs, "translations": translations}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        print("usage: python3 dev.py run [--dev] | test [pytest options] | docs [--write] | translations")
        return 2
    try:
        return COMMANDS[sys.argv[1]](sys.argv[2:])
    except KeyboardInterrupt:
        return 130
    except subprocess.CalledProcessError as exc:
        print(f"Set-up step failed (exit {exc.returncode}): {' '.join(map(str, exc.cmd))}", file=sys.stderr)
        return exc.returncode


if __name__ == "__main__":
    sys.exit(main())

"""The README and docs/ stay documentation: short README, every page linked, links that resolve, no lab notebook."""

import ast
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

import dev
from main_app.services.studios import PERMISSIONS, ROLE_PERMISSIONS

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PAGES = sorted((ROOT / "docs").glob("*.md"))
DOCUMENTS = [README, *PAGES]

# [text](target) and ![alt](target), and <img src="target">; a title after the target ("...") is dropped.
MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_SOURCE = re.compile(r"""<(?:img|a)\b[^>]*?\b(?:src|href)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # http:, https:, mailto:, //host
FENCE = re.compile(r"^\s*(```|~~~)")

# Diary and references a newcomer cannot follow. Word boundaries keep "rounding", "round-trip" and "seed 42" out.
FORBIDDEN = {
    "this round": re.compile(r"\bthis round\b", re.IGNORECASE),
    "round <number>": re.compile(r"\brounds? \d", re.IGNORECASE),
    "this stop": re.compile(r"\bthis stop\b", re.IGNORECASE),
    "next steps": re.compile(r"\bnext steps?\b", re.IGNORECASE),
    "last run": re.compile(r"\blast run\b", re.IGNORECASE),
    "seed documents": re.compile(r"\bseed 0\d*\b", re.IGNORECASE),
    "issue numbers": re.compile(r"\bissue #?\d+\b", re.IGNORECASE),
    "DESIGN.md": re.compile(r"\bDESIGN\.md\b", re.IGNORECASE),
    "LAYOUT-SKETCH": re.compile(r"\bLAYOUT-SKETCH\b", re.IGNORECASE),
    "TOOLCHAIN.md": re.compile(r"\bTOOLCHAIN\.md\b", re.IGNORECASE),
}


def _prose_lines(path: Path) -> list[tuple[int, str]]:
    """Numbered lines outside fenced code blocks (links in code are examples, not links)."""
    lines, fenced = [], False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            lines.append((number, line))
    return lines


def _links(path: Path) -> list[tuple[int, str]]:
    """Every link target written in path's prose, with its line number."""
    found = []
    for number, line in _prose_lines(path):
        prose = re.sub(r"`[^`]*`", "", line)  # inline code is not a link either
        found += [(number, target) for target in MARKDOWN_LINK.findall(prose) + HTML_SOURCE.findall(prose)]
    return found


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[`*_]|<[^>]+>", "", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    """The anchors of path's headings, a repeated one numbered as GitHub numbers it."""
    anchors, seen = set(), {}
    for _, line in _prose_lines(path):
        if match := re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line):
            slug = _slug(match.group(1))
            anchors.add(f"{slug}-{seen[slug]}" if slug in seen else slug)
            seen[slug] = seen.get(slug, 0) + 1
    return anchors


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_docs_folder_has_pages():
    assert PAGES, "docs/*.md is empty"


def test_readme_is_short():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) < 250, f"README.md has {len(lines)} lines; move detail to a docs/ page"


def test_every_docs_page_is_linked_from_the_readme():
    linked = {(README.parent / unquote(target.split("#")[0])).resolve() for _, target in _links(README)}
    missing = [_name(page) for page in PAGES if page.resolve() not in linked]
    assert not missing, f"README.md does not link {missing}"


@pytest.mark.parametrize("path", DOCUMENTS, ids=_name)
def test_relative_links_resolve(path):
    broken = []
    for number, target in _links(path):
        if EXTERNAL.match(target):
            continue
        file_part, _, anchor = target.partition("#")
        destination = (path.parent / unquote(file_part)).resolve() if file_part else path
        if not destination.exists():
            broken.append(f"line {number}: {target} (no such file)")
        elif anchor and destination.suffix == ".md" and anchor.lower() not in _anchors(destination):
            broken.append(f"line {number}: {target} (no such heading)")
    assert not broken, f"{_name(path)}: " + "; ".join(broken)


@pytest.mark.parametrize("path", DOCUMENTS, ids=_name)
def test_no_diary_or_private_references(path):
    hits = [
        f"line {number} ({label}): {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for label, pattern in FORBIDDEN.items()
        if pattern.search(line)
    ]
    assert not hits, f"{_name(path)}: " + "; ".join(hits)


@pytest.mark.parametrize(
    "line, label",
    [
        ("Amounts are stored in minor units, so no rounding happens.", None),
        ("three round trips instead of five", None),
        ("a round-trip through the parser", None),
        ("derandomized with a fixed seed", None),
        ("Hypothesis seed 42", None),
        ("the issue's targets", None),
        ("the profile from this round's five runs", "this round"),
        ("Round 3 made it faster", "round <number>"),
        ("rounds 2 and 3", "round <number>"),
        ("The next steps:", "next steps"),
        ("as seed 003 says", "seed documents"),
        ("see DESIGN.md §8", "DESIGN.md"),
        ("per issue 26", "issue numbers"),
    ],
)
def test_the_diary_patterns_are_precise(line, label):
    """The patterns catch the diary and leave ordinary words alone."""
    assert [name for name, pattern in FORBIDDEN.items() if pattern.search(line)] == ([label] if label else [])


def test_every_service_package_says_in_one_line_what_it_holds():
    docstrings = {
        init.parent.name: ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        for init in dev.SERVICES.glob("*/__init__.py")
    }
    silent = sorted(name for name, docstring in docstrings.items() if not docstring or "\n" in docstring)
    assert not silent, f"main_app/services packages without a one-line docstring in __init__.py: {silent}"


def test_the_architecture_pages_table_of_service_packages_is_made_from_their_docstrings():
    documented = dev.documented_table(dev.ARCHITECTURE.read_text(encoding="utf-8"))
    stale = "docs/architecture.md's table of service packages is stale: python3 dev.py docs --write"
    assert documented == dev.package_table(), stale


def test_the_permissions_page_is_made_from_the_permission_table():
    stale = "docs/permissions.md is stale: python3 dev.py docs --write"
    assert dev.PERMISSIONS_PAGE.read_text(encoding="utf-8") == dev.permissions_page(), stale
    page = dev.permissions_page()
    assert all(f"| `{permission}` |" in page for permission in PERMISSIONS)
    assert all(f"`{role}`" in page for role in ROLE_PERMISSIONS)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_no_merge_conflict_left(path):
    markers = [n for n, line in enumerate(path.read_text().splitlines(), 1) if re.match(r"(<{7}|>{7}|={7})( |$)", line)]
    assert not markers, f"{path.name}: merge conflict markers on lines {markers}"


# A code reference in docs/architecture.md: `path/to/file.py` or `path/to/file.py::name`, the path from the root or
# from main_app/, main_app/services/, crm_microservice/ or frontend/ (where the page's sections stand).
CODE_REFERENCE = re.compile(r"`((?:[\w.-]+/)*[\w.-]+\.(?:py|js|jsx|ini))(?:::([\w.]+))?`")
REFERENCE_BASES = [ROOT, *(ROOT / base for base in ("main_app", "main_app/services", "crm_microservice", "frontend"))]


def _defines(path: Path, name: str) -> bool:
    """Whether the file defines name (Python: a module-level def, class or assignment, or Class.member; JavaScript:
    a function, class or binding of that name, or a name in an export list)."""
    if path.suffix != ".py":
        word = re.escape(name)
        declared = rf"\b(?:function\*?|const|let|var|class)\s+{word}\b|\bexport\s*\{{[^}}]*\b{word}\b[^}}]*\}}"
        return re.search(declared, path.read_text(encoding="utf-8")) is not None
    scope = ast.parse(path.read_text(encoding="utf-8")).body
    for part in name.split("."):
        found = [node for node in scope if part in _bound_names(node)]
        if not found:
            return False
        scope = getattr(found[0], "body", [])
    return True


def _bound_names(node: ast.stmt) -> set[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return {name.id for target in targets for name in ast.walk(target) if isinstance(name, ast.Name)}
    return set()


def _broken_references(text: str) -> list[str]:
    broken = []
    for path_text, name in CODE_REFERENCE.findall(text):
        paths = [base / path_text for base in REFERENCE_BASES if (base / path_text).is_file()]
        if not paths:
            broken.append(f"{path_text} (no such file)")
        elif name and not any(_defines(path, name) for path in paths):
            broken.append(f"{path_text}::{name} (not defined there)")
    return broken


def test_every_code_reference_of_the_architecture_page_exists():
    broken = _broken_references(dev.ARCHITECTURE.read_text(encoding="utf-8"))
    assert broken == [], f"docs/architecture.md points at code that is not there: {broken}"


def test_a_reference_to_nothing_is_caught():
    assert _broken_references("`main_app/lanes.py::build_lanes` and `services/seats/__init__.py`") == []
    assert _broken_references("`main_app/lanes.py::no_such` `main_app/nowhere.py`") == [
        "main_app/lanes.py::no_such (not defined there)",
        "main_app/nowhere.py (no such file)",
    ]


def test_a_reference_into_the_web_app_is_checked_too():
    """Frontend references resolve from frontend/ and name a function, binding, class or export of the file."""
    found = "`src/lib/api-client.js::createApiClient` `src/lib/paths.js::paths` `src/lib/format.js::browserZone`"
    assert _broken_references(found + " `src/app/App.jsx` `eslint.config.js`") == []
    assert _broken_references("`src/lib/api-client.js::noSuch` `src/lib/nowhere.js` `src/app/App.jsx::Nope`") == [
        "src/lib/api-client.js::noSuch (not defined there)",
        "src/lib/nowhere.js (no such file)",
        "src/app/App.jsx::Nope (not defined there)",
    ]

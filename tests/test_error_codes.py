"""The main API's error catalogue is the one place its refusals come from, and docs/api.md lists it."""

import ast
import string
from pathlib import Path

import dev
from main_app.error_codes import ERRORS

MAIN_APP = Path(dev.ROOT, "main_app")
CATALOGUE = MAIN_APP / "error_codes.py"
# The kit's error classes; main_app builds them through api_error only (ValidationFailed without a code names bad
# fields at the raise site, and a code passed on from a caught error is already the catalogue's).
ERROR_CLASSES = {
    "APIError",
    "Conflict",
    "Forbidden",
    "NotFound",
    "ServiceUnavailable",
    "Unauthorized",
    "ValidationFailed",
}


def _calls() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted(MAIN_APP.rglob("*.py")):
        if "migrations" in path.parts or path == CATALOGUE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(dev.ROOT))
        found += [(where, node) for node in ast.walk(tree) if isinstance(node, ast.Call)]
    return found


def _name(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else ""


def _keys(call: ast.Call) -> list[str]:
    """The catalogue keys api_error's first argument can be (a literal, or literals in a conditional)."""
    pending, keys = list(call.args[:1]), []
    while pending:
        node = pending.pop()
        if isinstance(node, ast.IfExp):
            pending += [node.body, node.orelse]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            keys.append(node.value)
    return keys


def test_every_key_raised_is_in_the_catalogue_and_every_entry_is_raised():
    raised = {key: where for where, call in _calls() if _name(call) in {"api_error", "message"} for key in _keys(call)}
    assert sorted(set(raised) - set(ERRORS)) == [], "keys raised but not in main_app/error_codes.py"
    assert sorted(set(ERRORS) - set(raised)) == [], "catalogue entries nothing raises"


def test_every_api_error_fills_its_messages_fields():
    for where, call in _calls():
        if _name(call) != "api_error":
            continue
        given = {keyword.arg for keyword in call.keywords}
        for key in _keys(call):
            wanted = {field for _, field, _, _ in string.Formatter().parse(ERRORS[key][1]) if field}
            assert wanted <= given, f"{where}:{call.lineno} api_error({key!r}) lacks {sorted(wanted - given)}"


def test_main_app_builds_its_errors_through_the_catalogue():
    direct = []
    for where, call in _calls():
        if _name(call) not in ERROR_CLASSES:
            continue
        code = next((keyword.value for keyword in call.keywords if keyword.arg == "code"), None)
        passed_on = isinstance(code, ast.Attribute)  # `code=exc.code` of a caught, catalogued error
        if not passed_on and (code is not None or _name(call) != "ValidationFailed"):
            direct.append(f"{where}:{call.lineno}")
    assert direct == [], "errors built outside main_app/error_codes.py's api_error"


def test_the_api_pages_error_table_is_made_from_the_catalogue():
    documented = dev.documented_table(dev.API_DOC.read_text(encoding="utf-8"), dev.ERRORS_START, dev.ERRORS_END)
    assert documented == dev.error_table(), "docs/api.md's error codes are stale: python3 dev.py docs --write"

"""Every JSON body both services read, decoded in one place: whatever cannot be decoded, or could not be stored and
answered again, is a 400 in our shape here, before any schema or service sees it."""

import json
import math
from collections.abc import Mapping

import orjson

from .errors import ValidationFailed

# Deeper than any body of ours; also far below the recursion limit of anything that walks the value later.
MAX_DEPTH = 32


class _Refused(ValueError):
    """A body json.loads could read but we do not accept."""


def _object(pairs: list) -> dict:
    keys = [key for key, _value in pairs]
    if len(set(keys)) != len(keys):
        # Parsers disagree on which duplicate wins; a proxy and this service could read different requests.
        duplicated = sorted({key for key in keys if keys.count(key) > 1})
        raise _Refused(f"Duplicate keys in an object: {', '.join(map(repr, duplicated))[:200]}.")
    return dict(pairs)


def _constant(name: str):
    raise _Refused(f"{name} is not a JSON number.")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused("A number is too large.")
    return value


def text_problem(text: str) -> str | None:
    """Why text cannot be stored as given (NUL, invalid Unicode), or None."""
    if "\x00" in text:
        # PostgreSQL cannot store NUL in text and SQLite would: refuse it at the edge, the same on both.
        return "Must not contain NUL (\\u0000) characters."
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "Must be valid Unicode (no lone surrogates such as \\ud800)."
    return None


def unstorable_fields(data) -> dict[str, list[str]]:
    """{dotted name: [why]} for every string, key or value, in data that cannot be stored; walked without
    recursion, so any depth is safe."""
    if _all_storable(data):
        return {}
    found: dict[str, list[str]] = {}
    stack = [("", data)]
    while stack:
        prefix, value = stack.pop()
        if isinstance(value, str):
            if problem := text_problem(value):
                found[prefix or "body"] = [problem]
            continue
        items = value.items() if isinstance(value, Mapping) else enumerate(value) if isinstance(value, list) else ()
        for key, item in items:
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(key, str) and (problem := text_problem(key)):
                found[_printable(name)] = [problem]
            else:
                stack.append((name, item))
    return found


def _all_storable(data) -> bool:
    """True when data surely holds no unstorable text, found in one pass in C (each nested schema checks its part
    again, and walking the CRM's batches in Python was 8 % of its CPU): orjson refuses a lone surrogate and
    writes NUL as \\u0000. Anything else (other types, far deeper values, a backslash before "u0000") is walked."""
    try:
        return b"\\u0000" not in orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
    except TypeError:
        return False


def _printable(name: str) -> str:
    """name with NUL and lone surrogates written as escapes (key\\u0000, k\\ud800), so an answer can show it."""
    return json.dumps(name, ensure_ascii=False)[1:-1].encode("utf-8", "backslashreplace").decode()


def _depth(data) -> int:
    """How deeply data's lists and objects nest (a scalar: 0), without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is not None:
            deepest = max(deepest, depth)
            if depth <= MAX_DEPTH:
                stack.extend((child, depth + 1) for child in children)
    return deepest


def _invalid(reason: str) -> ValidationFailed:
    return ValidationFailed("The request body is not valid JSON.", code="invalid_json", details={"body": [reason]})


def decode_json(raw: bytes, *, check_text: bool = True):
    """The value of a JSON body, or a 400: not UTF-8, not JSON, duplicate keys, NaN or infinite numbers, nested
    deeper than MAX_DEPTH, or text that cannot be stored (NUL, lone surrogates; named per field). check_text=False
    leaves that last check to the caller (a batch refuses only its items that hold such text)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _invalid(f"Not UTF-8: byte {exc.start} cannot be decoded.") from None
    try:
        value = json.loads(text, object_pairs_hook=_object, parse_constant=_constant, parse_float=_finite_float)
    except RecursionError:
        raise _invalid(f"Nested deeper than {MAX_DEPTH} levels.") from None
    except ValueError as exc:  # JSONDecodeError, _Refused, an integer of more than 4,300 digits
        raise _invalid(str(exc)[:300]) from None
    if _depth(value) > MAX_DEPTH:
        raise _invalid(f"Nested deeper than {MAX_DEPTH} levels.")
    if check_text and (bad := unstorable_fields(value)):
        raise ValidationFailed(f"Invalid input: {', '.join(sorted(bad))}.", details=bad)
    return value

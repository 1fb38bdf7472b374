"""service_kit.json_input: every JSON body of both services decoded in one place, each refusal a 400 saying why."""

import json

import pytest
from werkzeug.datastructures import MultiDict

from service_kit.errors import ValidationFailed
from service_kit.json_input import MAX_DEPTH, decode_json, unstorable_fields


def refusal(raw: bytes) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as caught:
        decode_json(raw)
    assert caught.value.status == 400
    return caught.value


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"[" * 100_000 + b"]" * 100_000, "Nested deeper"),  # RecursionError inside json.loads
        (json.dumps(json.loads("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))).encode(), "Nested deeper"),
        (b'{"a": 1, "a": 2}', "Duplicate keys"),
        (b'{"n": NaN}', "NaN is not a JSON number"),
        (b'{"n": -Infinity}', "-Infinity is not a JSON number"),
        (b'{"n": 1e400}', "too large"),
        (b'{"n": ' + b"9" * 5000 + b"}", "4300"),
        (b'{"name": "\xff"}', "Not UTF-8"),
        (b"\xef\xbb\xbf{}", "BOM"),
        (b'{"name": "x"', "Expecting"),
    ],
    ids=[
        "100k deep",
        "one too deep",
        "duplicate keys",
        "NaN",
        "-Infinity",
        "1e400",
        "5000 digits",
        "not utf-8",
        "bom",
        "truncated",
    ],
)
def test_undecodable_bodies_are_invalid_json_saying_why(raw, reason):
    error = refusal(raw)
    assert error.code == "invalid_json"
    assert reason in error.details["body"][0]


def test_as_deep_as_allowed_decodes():
    raw = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert decode_json(raw.encode()) == json.loads(raw)


@pytest.mark.parametrize(
    "raw, field",
    [
        (b'{"name": "a\\ud800b"}', "name"),
        (b'{"name": "\\udfff"}', "name"),
        (b'{"data": {"deep": ["ok", "\\udc00"]}}', "data.deep.1"),
        (b'{"k\\ud800": 1}', "k\\ud800"),
        (b'{"note": "a\\u0000b"}', "note"),
    ],
)
def test_text_that_cannot_be_stored_is_named_per_field(raw, field):
    error = refusal(raw)
    assert error.code == "validation_error"
    assert list(error.details) == [field]
    assert field in error.message


def test_valid_surrogate_pairs_and_any_unicode_pass():
    assert decode_json(b'{"name": "\\ud83d\\ude00 \xc3\xa9 \xe4\xb8\xad"}') == {"name": "\U0001f600 é 中"}


def test_unstorable_fields_walks_any_depth_without_recursion():
    value = "\ud800"
    for _ in range(10_000):
        value = [value]
    [(name, [problem])] = unstorable_fields(value).items()
    assert name == ".".join(["0"] * 10_000) and "lone surrogates" in problem


NUL, LONE = "Must not contain NUL (\\u0000) characters.", "Must be valid Unicode (no lone surrogates such as \\ud800)."


@pytest.mark.parametrize(
    "value, found",
    [
        ({"a": ["ok", {"b": "x\x00y"}]}, {"a.1.b": [NUL]}),
        ({"a": ["ok", {"b": "\ud800"}]}, {"a.1.b": [LONE]}),
        ({"k\x00": 1, "big": 2**70}, {"k\\u0000": [NUL]}),  # a NUL key beside what orjson cannot write
        (MultiDict([("q", "x\x00")]), {"q": [NUL]}),  # a query string's
        ({"a": "\\u0000 is how JSON writes NUL", "b": "\U0001f600 é 中", "c": [1.5, None, True]}, {}),
        ({1: "one", "n": 2**70}, {}),
    ],
)
def test_unstorable_fields_finds_every_bad_string_and_nothing_else(value, found):
    assert unstorable_fields(value) == found


def test_check_text_false_leaves_unstorable_text_to_the_caller_but_still_refuses_bad_json():
    assert decode_json(b'{"a": "\\ud800", "b": "x\\u0000"}', check_text=False) == {"a": "\ud800", "b": "x\x00"}
    with pytest.raises(ValidationFailed):
        decode_json(b"[" * 40 + b"]" * 40, check_text=False)

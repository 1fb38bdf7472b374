"""Check-in codes: short and read aloud, a MAC under the session's key, useless for another session or seat."""

import pytest

from main_app.services.common import checkin_codes as codes

KEY = codes.session_key("a-long-secret-key-for-these-tests-only", 12)


def test_a_seat_code_is_eight_crockford_characters_and_stable():
    code = codes.seat_code(KEY, 12, 345, 1)
    assert len(code) == 8 and set(code) <= set(codes.ALPHABET)
    assert not set(code) & set("ILOU")
    assert code == codes.seat_code(KEY, 12, 345, 1)


def test_every_seat_session_and_key_has_its_own_code():
    seen = {
        codes.seat_code(KEY, 12, 345, 1),
        codes.seat_code(KEY, 12, 345, 2),
        codes.seat_code(KEY, 12, 346, 1),
        codes.seat_code(KEY, 13, 345, 1),
        codes.seat_code(codes.session_key("another-secret-key-entirely-000000", 12), 12, 345, 1),
    }
    assert len(seen) == 5
    assert codes.session_key("s" * 40, 12) != codes.session_key("s" * 40, 13)


def test_a_qr_code_reads_back_and_only_its_own_mac_is_genuine():
    code = codes.seat_code(KEY, 12, 345, 2)
    scanned = codes.read(codes.qr_text(12, 345, 2, code))
    assert scanned == codes.Scanned(12, 345, 2, code)
    assert codes.genuine(KEY, scanned)
    assert not codes.genuine(KEY, codes.Scanned(12, 345, 3, code))  # another seat's
    assert not codes.genuine(KEY, codes.Scanned(12, 346, 2, code))  # another booking's
    forged = "0" * 8 if code != "0" * 8 else "1" * 8
    assert not codes.genuine(KEY, codes.Scanned(12, 345, 2, forged))


@pytest.mark.parametrize(
    "typed, expected",
    [("k7q2-m9xd", "K7Q2M9XD"), (" K7Q2 M9XD ", "K7Q2M9XD"), ("O1IL2345", "01112345")],
)
def test_a_typed_code_is_forgiving(typed, expected):
    assert codes.read(typed) == expected


@pytest.mark.parametrize(
    "text",
    ["", "K7Q2M9X", "K7Q2M9XDD", "K7Q2M9XU", "CHK1:12:345:1:SHORT", "CHK1:x:345:1:K7Q2M9XD", "CHK2:12:345:1:K7Q2M9XD"],
)
def test_anything_else_is_not_a_code(text):
    assert codes.read(text) is None

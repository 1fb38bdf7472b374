"""Check-in codes. Each seat of an active booking has a short code, 8 characters of Crockford base32 (no I, L, O or U:
easy to read aloud), which is a MAC of the session, the booking and the seat under the session's check-in key. Its QR
code carries the ids as well (CHK1:<session>:<booking>:<seat>:<code>), so a facilitator's device that holds the key
checks it with no network. The key is derived from SECRET_KEY and the session's id: a code is useless elsewhere."""

import hashlib
import hmac
import re
from dataclasses import dataclass
from functools import lru_cache

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "CHK1"
CODE_LENGTH = 8
_READ_ALOUD = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SCANNED = re.compile(rf"^{PREFIX}:(\d{{1,12}}):(\d{{1,12}}):(\d{{1,3}}):([0-9A-Z]{{{CODE_LENGTH}}})$")


@dataclass(frozen=True)
class Scanned:
    """What a QR code names: a seat of a booking of a session, and its code (verified or not)."""

    session_id: int
    booking_id: int
    seat: int
    code: str


@lru_cache(maxsize=4096)
def session_key(secret_key: str, session_id: int) -> bytes:
    """The session's check-in key: what its facilitator's devices verify codes with (derived once per session in a
    process: every booking's emails of a busy session carry a code under it)."""
    return hmac.new(secret_key.encode(), f"checkin-key:{session_id}".encode(), hashlib.sha256).digest()


def seat_code(key: bytes, session_id: int, booking_id: int, seat: int) -> str:
    """A seat's short code: the first 40 bits of its MAC, in Crockford base32."""
    mac = hmac.new(key, f"{session_id}:{booking_id}:{seat}".encode(), hashlib.sha256).digest()
    number = int.from_bytes(mac[:5], "big")
    return "".join(ALPHABET[(number >> shift) & 31] for shift in range(35, -1, -5))


def qr_text(session_id: int, booking_id: int, seat: int, code: str) -> str:
    """What a seat's QR code holds."""
    return f"{PREFIX}:{session_id}:{booking_id}:{seat}:{code}"


def read(text: str) -> Scanned | str | None:
    """A scanned QR code (Scanned), a typed short code (normalised: upper case, no spaces or dashes, O as 0, I and L
    as 1), or None for anything else."""
    cleaned = text.strip().upper()
    if found := _SCANNED.match(cleaned):
        session_id, booking_id, seat, code = found.groups()
        return Scanned(int(session_id), int(booking_id), int(seat), code)
    short = re.sub(r"[\s-]", "", cleaned).translate(_READ_ALOUD)
    if len(short) == CODE_LENGTH and all(char in ALPHABET for char in short):
        return short
    return None


def genuine(key: bytes, scanned: Scanned) -> bool:
    """The scanned code is the MAC of what it names (compared in constant time)."""
    expected = seat_code(key, scanned.session_id, scanned.booking_id, scanned.seat)
    return hmac.compare_digest(expected, scanned.code)

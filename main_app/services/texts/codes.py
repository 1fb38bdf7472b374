"""One-time codes that prove a number: six digits derived from a verification's id and nonce with the app's secret,
so the code is in no table and no outbox row, and the lane that texts it and the check that reads it agree."""

import hashlib
import hmac

from main_app.services.languages import N_, gettext

DIGITS = 6
CODE_TEXT = N_("Your Sessions & Retreats code is {code}. It works for {minutes} minutes. Did not ask? Ignore this.")


def code_for(secret: str, verification_id: int, nonce: str) -> str:
    """The code of one verification: HMAC-SHA256 over its id and nonce, read as a number, its last six digits."""
    message = f"phone-code:{verification_id}:{nonce}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return f"{int.from_bytes(digest[:8], 'big') % 10**DIGITS:0{DIGITS}d}"


def matches(secret: str, verification_id: int, nonce: str, typed: str) -> bool:
    """True when typed is the verification's code, compared in constant time."""
    return hmac.compare_digest(code_for(secret, verification_id, nonce).encode(), typed.encode())


def code_text(secret: str, verification: dict) -> str:
    """The text that carries a code ({id, nonce, minutes} from the outbox payload), in the language spoken now."""
    code = code_for(secret, verification["id"], verification["nonce"])
    return gettext(CODE_TEXT).format(code=code, minutes=verification["minutes"])

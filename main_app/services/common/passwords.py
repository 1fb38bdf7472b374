"""Password hashes made the way the app is configured (PASSWORD_HASH_METHOD; checked by werkzeug from the hash)."""

from functools import cache

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

# The hash of an account nobody has chosen a password for yet (a client import's): no password matches it, and its
# owner sets one through "Forgot your password".
NO_PASSWORD = "!"


def hash_password(password: str) -> str:
    """A salted hash of password with the configured method."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def dummy_password_hash() -> str:
    """A hash to check when no account matches, made as real ones are: a wrong email costs as long as a wrong
    password."""
    return _dummy_hash(current_app.config["PASSWORD_HASH_METHOD"])


@cache
def _dummy_hash(method: str) -> str:
    return generate_password_hash("not-a-real-password", method=method)


def password_matches(stored: str, given: str) -> bool:
    """Whether given is the password stored's hash was made from; as slow for an account without a password, so
    the time taken tells nobody which accounts have one."""
    if stored == NO_PASSWORD:
        check_password_hash(dummy_password_hash(), given)
        return False
    return check_password_hash(stored, given)

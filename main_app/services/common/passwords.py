"""Password hashes made the way the app is configured (PASSWORD_HASH_METHOD; checked by werkzeug from the hash)."""

from functools import cache

from flask import current_app
from werkzeug.security import generate_password_hash


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

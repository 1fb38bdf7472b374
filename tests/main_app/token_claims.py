"""Claim sets for hand-made JWTs, shared by the token tests and the hostile-input tests."""

import uuid
from datetime import UTC, datetime, timedelta


def claims(user_id, **changes) -> dict:
    """A claim set shaped like flask-jwt-extended's own access tokens."""
    now = datetime.now(UTC)
    body = {
        "fresh": False,
        "iat": now,
        "jti": str(uuid.uuid4()),
        "type": "access",
        "sub": str(user_id),
        "nbf": now,
        "exp": now + timedelta(minutes=5),
        "role": "user",
        "name": "Asha Rao",
    }
    body.update(changes)
    return body

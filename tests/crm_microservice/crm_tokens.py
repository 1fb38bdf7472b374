"""JWTs as the main API issues them: flask-jwt-extended in a stand-in app with the shared secret."""

import datetime as dt
import functools

from flask import Flask
from flask.testing import FlaskClient
from flask_jwt_extended import JWTManager, create_access_token, create_refresh_token

JWT_SECRET = "test-jwt-secret-0123456789abcdefghij"  # the CRM test apps' JWT_SECRET_KEY (conftest.make_app)
FACILITATOR_ID = 101  # SEED_NESTED's facilitator
OTHER_FACILITATOR_ID = 102
USER_ID = 456  # SEED_NESTED's user
NAMES = {FACILITATOR_ID: "Dr. Priya Sharma", OTHER_FACILITATOR_ID: "Arjun Patel", USER_ID: "Test User"}


@functools.lru_cache
def _issuer(secret: str) -> Flask:
    """A bare Flask app with JWTManager: the main API's token set-up, nothing else."""
    app = Flask("main-api-stand-in")
    app.config["JWT_SECRET_KEY"] = secret
    JWTManager(app)
    return app


def mint(
    user_id,
    role: str,
    *,
    secret: str = JWT_SECRET,
    expires_in: dt.timedelta = dt.timedelta(minutes=15),
    refresh: bool = False,
    claims: dict | None = None,
) -> str:
    """A signed token with the main API's claims: sub = str(user_id), role, name (and any extra claims)."""
    additional = {"role": role, "name": NAMES.get(user_id, "Someone"), **(claims or {})}
    create = create_refresh_token if refresh else create_access_token
    with _issuer(secret).app_context():
        return create(identity=str(user_id), additional_claims=additional, expires_delta=expires_in)


def bearer(token: str) -> dict:
    """The Authorization header of a token."""
    return {"Authorization": f"Bearer {token}"}


class BearerClient(FlaskClient):
    """A test client that sends one bearer token (a facilitator's or a user's JWT) on every request."""

    def __init__(self, *args, token: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.token = token

    def open(self, *args, **kwargs):
        headers = dict(bearer(self.token), **(kwargs.pop("headers", None) or {}))
        return super().open(*args, headers=headers, **kwargs)


def jwt_client(app, user_id: int, role: str) -> BearerClient:
    """A client of `app` logged in as this account (a token minted as the main API does)."""
    return BearerClient(app, app.response_class, use_cookies=True, token=mint(user_id, role))

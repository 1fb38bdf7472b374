"""The main API's JWTs on the CRM: verified with the shared secret, every failure a 401 in our shape."""

import base64
import datetime as dt
import json

import jwt as pyjwt
import pytest
from crm_payloads import AUTH, SEED_NESTED
from crm_tokens import FACILITATOR_ID, OTHER_FACILITATOR_ID, USER_ID, bearer, mint

BOOKINGS = f"/api/facilitator/{FACILITATOR_ID}/bookings"
# A route of each kind: a facilitator route, the shared list, an inbox route.
JWT_ROUTES = [("GET", BOOKINGS), ("GET", "/notifications"), ("POST", "/notifications/read-all")]


def _segment(value: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


def unsigned_token() -> str:
    """alg "none": a token anybody can write."""
    claims = {
        "sub": str(FACILITATOR_ID),
        "role": "facilitator",
        "type": "access",
        "exp": int(dt.datetime.now(dt.UTC).timestamp()) + 600,
    }
    return f"{_segment({'alg': 'none', 'typ': 'JWT'})}.{_segment(claims)}."


def assert_401(response, code: str) -> None:
    assert response.status_code == 401, response.get_data(as_text=True)
    assert response.headers["WWW-Authenticate"] == "Bearer"
    error = response.get_json()["error"]
    assert error["code"] == code
    assert set(error) == {"code", "message", "details"}


BAD_TOKENS = {
    "forged": (
        lambda: mint(FACILITATOR_ID, "facilitator", secret="another-secret-0123456789abcdefghij"),
        "invalid_token",
    ),
    "expired": (lambda: mint(FACILITATOR_ID, "facilitator", expires_in=dt.timedelta(seconds=-5)), "token_expired"),
    "malformed": (lambda: "eyJhbGciOiJIUzI1NiJ9.not-base64-json.c2ln", "invalid_token"),
    "tampered": (lambda: tamper(mint(USER_ID, "user")), "invalid_token"),
    "refresh token": (lambda: mint(FACILITATOR_ID, "facilitator", refresh=True), "invalid_token"),
    "sub not a user id": (lambda: mint("priya", "facilitator"), "invalid_token"),
    "unsigned (alg none)": (unsigned_token, "unauthorized"),
    "not a JWT": (lambda: "just-some-token", "unauthorized"),
}


def tamper(token: str) -> str:
    """The same signature over claims that now say facilitator: what a user would try."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims.update(role="facilitator", sub=str(FACILITATOR_ID))
    return f"{header}.{_segment(claims)}.{signature}"


@pytest.mark.parametrize("kind", list(BAD_TOKENS))
@pytest.mark.parametrize(("method", "path"), JWT_ROUTES)
def test_bad_tokens_are_401_in_our_shape(client, kind, method, path):
    make_token, code = BAD_TOKENS[kind]

    assert_401(client.open(path, method=method, headers=bearer(make_token())), code)


@pytest.mark.parametrize(
    ("method", "path"), [("GET", BOOKINGS), ("POST", "/notifications/read-all"), ("GET", "/notifications/unread-count")]
)
@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer", "Basic cHJpeWE6cHJpeWExMjM=", f"Bearer {'a.b.c'} extra"],
    ids=["missing", "empty", "basic", "two words"],
)
def test_missing_or_malformed_header_is_401_unauthorized(client, method, path, authorization):
    headers = {} if authorization is None else {"Authorization": authorization}

    assert_401(client.open(path, method=method, headers=headers), "unauthorized")


@pytest.mark.parametrize("role", ["user", "admin", None])
@pytest.mark.parametrize(("method", "path"), JWT_ROUTES)
def test_valid_token_of_another_role_is_403(client, role, method, path):
    token = mint(USER_ID, role)

    response = client.open(path, method=method, headers=bearer(token))

    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"


def test_role_comes_from_the_token(client, facilitator_client):
    """The CRM has no users table: a facilitator token for an id it never heard of is that facilitator."""
    assert facilitator_client.get(BOOKINGS).status_code == 200
    assert client.get("/api/facilitator/999/bookings", headers=bearer(mint(999, "facilitator"))).status_code == 200


def test_a_facilitator_request_checks_the_token_signature_once(facilitator_client, monkeypatch):
    """One verification per request, as on the main API (flask-jwt-extended's unverified read is not counted)."""
    checked, decode = [], pyjwt.decode

    def counting_decode(*args, **kwargs):
        if (kwargs.get("options") or {}).get("verify_signature", True):
            checked.append(args[0])
        return decode(*args, **kwargs)

    monkeypatch.setattr(pyjwt, "decode", counting_decode)

    assert facilitator_client.get(BOOKINGS).status_code == 200
    assert len(checked) == 1


def test_the_secret_is_jwt_secret_key(make_app):
    app = make_app(JWT_SECRET_KEY="rotated-secret-0123456789abcdefghijkl")
    client = app.test_client()

    old = client.get(BOOKINGS, headers=bearer(mint(FACILITATOR_ID, "facilitator")))
    new = client.get(
        BOOKINGS, headers=bearer(mint(FACILITATOR_ID, "facilitator", secret="rotated-secret-0123456789abcdefghijkl"))
    )

    assert_401(old, "invalid_token")
    assert new.status_code == 200


def test_the_development_default_secret_verifies_the_main_apis_default_tokens(make_app):
    app = make_app(JWT_SECRET_KEY=...)  # from the environment or the default
    if app.config["JWT_SECRET_KEY"] != "dev-jwt-secret-change-me-in-production":
        pytest.skip("JWT_SECRET_KEY is set in this environment")
    token = mint(FACILITATOR_ID, "facilitator", secret="dev-jwt-secret-change-me-in-production")

    assert app.test_client().get(BOOKINGS, headers=bearer(token)).status_code == 200


def test_the_service_token_still_reads_everything(service_client, other_facilitator_client):
    service_client.post("/notify", json=SEED_NESTED)

    assert service_client.get("/notifications").get_json()["total"] == 1
    assert other_facilitator_client.get("/notifications").get_json()["total"] == 0


def test_a_bearer_that_is_neither_is_still_401_unauthorized_on_notify(client):
    """POST /notify takes the service token only: a facilitator's valid JWT is refused there."""
    response = client.post("/notify", json=SEED_NESTED, headers=bearer(mint(FACILITATOR_ID, "facilitator")))

    assert_401(response, "unauthorized")


def test_auth_logs_hold_no_token(app, client):
    tokens = [
        mint(OTHER_FACILITATOR_ID, "facilitator", secret="another-secret-0123456789abcdefghij"),
        mint(FACILITATOR_ID, "facilitator", expires_in=dt.timedelta(seconds=-5)),
        mint(USER_ID, "user"),
    ]
    for token in tokens:
        client.get(BOOKINGS, headers=bearer(token))
    client.get(f"/api/facilitator/{OTHER_FACILITATOR_ID}/bookings", headers=bearer(mint(FACILITATOR_ID, "facilitator")))
    client.get("/notifications/unread-count", headers=AUTH)
    for handler in app.logger.handlers:
        handler.flush()

    with open(app.config["CRM_LOG_FILE"], encoding="utf-8") as file:
        log = file.read()
    assert f"auth failed (invalid_token) on GET {BOOKINGS}" in log
    assert f"auth failed (token_expired) on GET {BOOKINGS}" in log
    assert "forbidden (role 'user')" in log
    assert f"forbidden (facilitator {FACILITATOR_ID} on another's route)" in log
    assert "forbidden (service credentials) on GET /notifications/unread-count" in log
    for token in tokens:
        assert token not in log and token.split(".")[2] not in log

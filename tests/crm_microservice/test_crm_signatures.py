"""Standard Webhooks signatures on POST /notify: required only when CRM_SIGNING_SECRET is set."""

import json
import time

import pytest
from crm_payloads import AUTH, SEED_NESTED, SERVICE_TOKEN, assert_error, body

from service_kit.signatures import generate_secret, sign, signing_key

WHSEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
OTHER_SECRET = generate_secret()  # as an operator would make one
PAYLOAD = json.dumps(SEED_NESTED).encode()
MSG_ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"


def signed_headers(key: bytes, raw: bytes = PAYLOAD, msg_id: str = MSG_ID, timestamp=None, **extra) -> dict:
    """Bearer token plus the three webhook headers, signed over `raw`; `extra` adds or (None) drops headers."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    headers = {
        **AUTH,
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(key, msg_id, timestamp, raw),
    }
    headers.update(extra)
    return {name: value for name, value in headers.items() if value is not None}


def post(client, headers: dict, raw: bytes = PAYLOAD):
    return client.post("/notify", data=raw, content_type="application/json", headers=headers)


@pytest.fixture(params=[WHSEC_SECRET, OTHER_SECRET], ids=["spec vector", "generated"])
def secret(request):
    return request.param


@pytest.fixture
def key(secret):
    return signing_key(secret)


@pytest.fixture
def signed_client(make_app, database_url, secret):
    """A client of a CRM that requires signatures; it sends no token unless told."""
    return make_app(database_url, CRM_SIGNING_SECRET=secret).test_client()


# --- start-up -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad", ["whsec_not*base64", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS", "whsec_", "plain-shared-signing-secret"]
)
def test_startup_with_a_bad_whsec_secret_fails(make_app, bad):
    with pytest.raises(RuntimeError, match="CRM_SIGNING_SECRET") as info:
        make_app(CRM_SIGNING_SECRET=bad)
    key_text = bad.removeprefix("whsec_")
    assert not key_text or key_text not in str(info.value)


@pytest.mark.parametrize("bad", ["0", "-5", "five minutes", True])
def test_startup_with_a_bad_tolerance_fails(make_app, bad):
    with pytest.raises(RuntimeError, match="CRM_SIGNATURE_TOLERANCE"):
        make_app(CRM_SIGNATURE_TOLERANCE=bad)


def test_defaults(make_app):
    app = make_app()

    assert app.config["CRM_SIGNING_KEY"] == b""
    assert app.config["CRM_SIGNATURE_TOLERANCE"] == 300


# --- signed requests ----------------------------------------------------------------------------


def test_correctly_signed_request_is_stored_under_its_webhook_id(signed_client, key):
    response = post(signed_client, signed_headers(key))

    assert response.status_code == 201, response.get_data(as_text=True)
    assert response.get_json()["notification"]["notification_id"] == MSG_ID


def test_signature_of_a_different_body_is_401(signed_client, key):
    other = json.dumps(body(SEED_NESTED, booking_id=999)).encode()

    response = post(signed_client, signed_headers(key, raw=other))

    assert_error(response, 401, "invalid_signature", ("webhook-signature",))
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_tampered_body_with_the_old_signature_is_401(signed_client, key):
    headers = signed_headers(key)
    # Same JSON value, other bytes: the signature covers the bytes as sent.
    tampered = json.dumps(SEED_NESTED, indent=2).encode()

    assert_error(post(signed_client, headers, tampered), 401, "invalid_signature")
    assert signed_client.get("/notifications", headers=AUTH).get_json()["total"] == 0


@pytest.mark.parametrize(
    "change",
    [{"msg_id": "msg_other"}, {"timestamp": "shifted"}],
    ids=["other-id", "other-timestamp"],
)
def test_id_and_timestamp_are_covered_by_the_signature(signed_client, key, change):
    headers = signed_headers(key)
    if "msg_id" in change:
        headers["webhook-id"] = change["msg_id"]
    else:
        headers["webhook-timestamp"] = str(int(headers["webhook-timestamp"]) - 1)

    assert_error(post(signed_client, headers), 401, "invalid_signature")


def test_signature_with_another_key_is_401(signed_client):
    assert_error(post(signed_client, signed_headers(b"some-other-key")), 401, "invalid_signature")


@pytest.mark.parametrize("offset", [-360, 360], ids=["6-minutes-old", "6-minutes-ahead"])
def test_timestamp_outside_the_window_is_401_stale(signed_client, key, offset):
    response = post(signed_client, signed_headers(key, timestamp=int(time.time()) + offset))

    error = assert_error(response, 401, "stale_timestamp", ("webhook-timestamp",))
    assert "300 seconds" in error["message"]
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("offset", [-240, 240])
def test_timestamp_inside_the_window_is_accepted(signed_client, key, offset):
    response = post(signed_client, signed_headers(key, timestamp=int(time.time()) + offset))

    assert response.status_code == 201


@pytest.mark.parametrize("timestamp", ["1614265330.5", "abc", "-5", "+1700000000", "2024-01-15T09:00:00Z"])
def test_non_integer_timestamp_is_401_stale(signed_client, key, timestamp):
    # Signed over the bad value itself, so only the timestamp check can refuse it.
    assert_error(post(signed_client, signed_headers(key, timestamp=timestamp)), 401, "stale_timestamp")


def test_tolerance_is_configurable(make_app, database_url, key, secret):
    client = make_app(database_url, CRM_SIGNING_SECRET=secret, CRM_SIGNATURE_TOLERANCE="30").test_client()

    response = post(client, signed_headers(key, timestamp=int(time.time()) - 60))

    assert "30 seconds" in assert_error(response, 401, "stale_timestamp")["message"]


@pytest.mark.parametrize("header", ["webhook-id", "webhook-timestamp", "webhook-signature"])
@pytest.mark.parametrize("value", [None, ""], ids=["absent", "empty"])
def test_missing_header_is_401_signature_required(signed_client, key, header, value):
    response = post(signed_client, signed_headers(key, **{header: value}))

    assert_error(response, 401, "signature_required", (header,))
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_unsigned_request_is_401_before_the_body_is_read(signed_client):
    response = signed_client.post("/notify", data="not json", content_type="text/plain", headers=AUTH)

    assert_error(response, 401, "signature_required")


def test_any_matching_signature_of_several_is_enough(signed_client, key):
    headers = signed_headers(key)
    stale = sign(b"rotated-out-key", MSG_ID, headers["webhook-timestamp"], PAYLOAD)
    headers["webhook-signature"] = f"{stale} {headers['webhook-signature']}"

    assert post(signed_client, headers).status_code == 201


def test_entries_of_other_versions_are_ignored(signed_client, key):
    headers = signed_headers(key)
    good = headers["webhook-signature"]
    v2_only = "v2," + good.partition(",")[2]

    assert_error(post(signed_client, {**headers, "webhook-signature": v2_only}), 401, "invalid_signature")
    mixed = f"v1a,xyz v2,{good.partition(',')[2]} {good}"
    assert post(signed_client, {**headers, "webhook-signature": mixed}).status_code == 201


@pytest.mark.parametrize(
    "auth",
    [{}, {"Authorization": "Bearer wrong-token"}],
    ids=["no-token", "wrong-token"],
)
def test_bearer_token_is_still_required_and_checked_first(signed_client, key, auth):
    headers = signed_headers(key, Authorization=None)
    headers.update(auth)

    response = post(signed_client, headers)

    assert_error(response, 401, "unauthorized")
    # Token first: an unsigned request without a token is also `unauthorized`.
    assert_error(signed_client.post("/notify", json=SEED_NESTED), 401, "unauthorized")


def test_signed_retry_is_a_duplicate(signed_client, key):
    first = post(signed_client, signed_headers(key))
    # The main API signs each attempt afresh: same id, new timestamp and signature.
    second = post(signed_client, signed_headers(key, timestamp=int(time.time()) - 5))

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.get_json()["duplicate"] is True


def test_idempotency_key_equal_to_webhook_id_is_fine(signed_client, key):
    response = post(signed_client, signed_headers(key, **{"Idempotency-Key": MSG_ID}))

    assert response.status_code == 201


def test_idempotency_key_other_than_the_signed_id_is_400(signed_client, key):
    response = post(signed_client, signed_headers(key, **{"Idempotency-Key": "unsigned-other-id"}))

    assert_error(response, 400, "validation_error", ("webhook-id",))
    assert signed_client.get("/notifications", headers=AUTH).get_json()["total"] == 0


def test_signed_body_is_still_validated(signed_client, key):
    raw = b'{"booking_id": 123,'

    assert_error(post(signed_client, signed_headers(key, raw=raw), raw), 400, "invalid_json")


def test_failures_are_logged_without_signature_or_token(signed_client, key, tmp_path):
    headers = signed_headers(key, raw=b"{}")

    post(signed_client, headers)

    log_text = (tmp_path / "crm.log").read_text()
    assert "invalid_signature" in log_text
    assert MSG_ID in log_text
    assert headers["webhook-signature"].partition(",")[2] not in log_text
    assert SERVICE_TOKEN not in log_text


# --- without a secret ---------------------------------------------------------------------------


def test_without_a_secret_unsigned_requests_work(service_client):
    assert service_client.post("/notify", json=SEED_NESTED).status_code == 201


@pytest.mark.parametrize("signature_key", [signing_key(WHSEC_SECRET), b"whatever"], ids=["valid", "unverifiable"])
def test_without_a_secret_signature_headers_are_ignored(client, signature_key):
    response = post(client, signed_headers(signature_key, timestamp=int(time.time()) - 3600))

    assert response.status_code == 201
    assert response.get_json()["notification"]["notification_id"] == MSG_ID


def test_production_does_not_require_a_secret(make_app, database_url):
    app = make_app(database_url, APP_ENV="production", CRM_ANONYMOUS_READ=False)

    response = app.test_client().post("/notify", json=SEED_NESTED, headers=AUTH)

    assert response.status_code == 201

"""WhatsApp's settings, checked when the app is made: the install's number needs all its parts, ids are Meta's digits,
the API's address is an http(s) one, WHATSAPP_KEYS_KEY is Fernet keys, and production refuses weak or published
secrets here as everywhere."""

import secrets

import pytest

from main_app.config import load_config

STRONG = {name: secrets.token_urlsafe(48) for name in ("SECRET_KEY", "JWT_SECRET_KEY", "CRM_AUTH_TOKEN")}
PRODUCTION = {"APP_ENV": "production", "GUNICORN_WORKERS": "1", **STRONG}
INSTALL = {
    "WHATSAPP_PHONE_NUMBER_ID": "100000000000001",
    "WHATSAPP_BUSINESS_ACCOUNT_ID": "200000000000001",
    "WHATSAPP_ACCESS_TOKEN": "EAA" + secrets.token_urlsafe(60),
    "WHATSAPP_APP_SECRET": secrets.token_hex(16),
    "WHATSAPP_VERIFY_TOKEN": secrets.token_urlsafe(32),
}

# A valid key written out: one made at collection would differ between pytest-xdist's workers.
A_FERNET_KEY = "Y_vXvp4THmA2GooNrNqfAI_r6Bqja8a15VcaLD9g5rs="


def test_without_settings_there_is_no_install_number_and_the_graph_api_is_metas():
    config = load_config({})
    assert config["WHATSAPP_PHONE_NUMBER_ID"] == "" and config["WHATSAPP_KEYS_KEY"] == ""
    assert config["WHATSAPP_API_BASE"] == "https://graph.facebook.com/v21.0"


def test_the_install_number_is_read_whole():
    config = load_config({**INSTALL, "WHATSAPP_API_BASE": "http://127.0.0.1:8099/v21.0/"})
    assert {name: config[name] for name in INSTALL} == INSTALL
    assert config["WHATSAPP_API_BASE"] == "http://127.0.0.1:8099/v21.0"


@pytest.mark.parametrize("left_out", [name for name in INSTALL if name != "WHATSAPP_PHONE_NUMBER_ID"])
def test_an_install_number_without_one_of_its_parts_stops_start_up_naming_it(left_out):
    with pytest.raises(RuntimeError, match=f"WHATSAPP_PHONE_NUMBER_ID needs {left_out}"):
        load_config({**INSTALL, left_out: ""})


@pytest.mark.parametrize(
    "name, value, words",
    [
        ("WHATSAPP_PHONE_NUMBER_ID", "+91 98123 45678", "6 to 20 digits"),
        ("WHATSAPP_BUSINESS_ACCOUNT_ID", "waba-1", "6 to 20 digits"),
        ("WHATSAPP_API_BASE", "graph.facebook.com", "http(s) address"),
        ("WHATSAPP_API_BASE", "ftp://graph.facebook.com", "http(s) address"),
        ("WHATSAPP_KEYS_KEY", f"{A_FERNET_KEY},not-a-key", "must be Fernet keys"),
    ],
)
def test_bad_values_stop_start_up_naming_the_variable(name, value, words):
    with pytest.raises(RuntimeError) as caught:
        load_config({**INSTALL, name: value})
    assert name in str(caught.value) and words in str(caught.value)


def test_production_takes_strong_secrets():
    assert load_config({**PRODUCTION, **INSTALL})["WHATSAPP_APP_SECRET"] == INSTALL["WHATSAPP_APP_SECRET"]


@pytest.mark.parametrize(
    "name, value",
    [
        ("WHATSAPP_VERIFY_TOKEN", "verify-me-please"),  # short
        ("WHATSAPP_VERIFY_TOKEN", "your-secret-token-here"),  # a published placeholder
        ("WHATSAPP_APP_SECRET", "ab" * 16),  # one short pattern repeated
        ("WHATSAPP_ACCESS_TOKEN", "EAA" + "x" * 60),
    ],
)
def test_production_refuses_weak_or_published_whatsapp_secrets(name, value):
    with pytest.raises(RuntimeError, match=f"weak secrets: {name}"):
        load_config({**PRODUCTION, **INSTALL, name: value})
    load_config({**INSTALL, name: value})  # development takes it

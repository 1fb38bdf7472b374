"""One policy for both services' production settings: short, monotonous and published secrets are refused, and so are
rate-limit counts kept in each worker's memory unless the service runs one worker."""

import secrets

import pytest

from crm_microservice import config as crm_config
from main_app import config as main_config
from service_kit.settings import (
    DEFAULT_SECRETS,
    PUBLISHED_SECRETS,
    SHARED_COUNTS_RECIPE,
    TOKEN_RECIPE,
    secret_weakness,
)
from service_kit.signatures import generate_secret

SHARED = ("JWT_SECRET_KEY", "CRM_AUTH_TOKEN")  # the secrets both services hold
LOADERS = pytest.mark.parametrize("load", [main_config.load_config, crm_config.load_config], ids=["main", "crm"])
WEAK = {
    "one letter": ("a", "shorter than 32 bytes"),
    "31 random bytes": (secrets.token_hex(32)[:31], "shorter than 32 bytes"),
    "one letter repeated": ("a" * 48, "fewer than 8 different characters"),
    "seven letters": ("abcdefg" * 7, "fewer than 8 different characters"),
    "a pattern repeated": ("Tr0ub4dor&3" * 4, "one short pattern repeated"),
    "a pattern and a bit": ("k9#Lq2!zX" * 4 + "k9#", "one short pattern repeated"),
    "the default": (DEFAULT_SECRETS["JWT_SECRET_KEY"], "a published value"),
    "the default in capitals": (DEFAULT_SECRETS["JWT_SECRET_KEY"].upper(), "a published value"),
    "the default spaced out": (f"  {DEFAULT_SECRETS['SECRET_KEY'].replace('-', ' - ')} ", "a published value"),
    "a seed example mixed case": ("Crm_Secret_123", "a published value"),
    "the default with a suffix": (
        f"{DEFAULT_SECRETS['JWT_SECRET_KEY']}-1",
        "a published value with a few characters added",
    ),
    "the default with a prefix": (
        f"prod-{DEFAULT_SECRETS['SECRET_KEY']}",
        "a published value with a few characters added",
    ),
}


def real() -> dict:
    """Fresh random secrets for everything both services hold, on one worker (its rate-limit counts in memory)."""
    return {name: secrets.token_urlsafe(48) for name in ("SECRET_KEY", *SHARED)} | {"GUNICORN_WORKERS": "1"}


@pytest.mark.parametrize("value, reason", WEAK.values(), ids=WEAK.keys())
def test_a_weak_secret_is_named_with_its_reason(value, reason):
    assert secret_weakness(value) == reason


@pytest.mark.parametrize("make", [lambda: secrets.token_urlsafe(48), lambda: secrets.token_hex(16)])
def test_random_secrets_are_fit(make):
    assert secret_weakness(make()) is None


def test_a_published_value_inside_enough_random_characters_is_fit():
    assert secret_weakness(DEFAULT_SECRETS["JWT_SECRET_KEY"] + secrets.token_hex(32)) is None


@LOADERS
@pytest.mark.parametrize("name", SHARED)
@pytest.mark.parametrize("value, reason", WEAK.values(), ids=WEAK.keys())
def test_both_services_refuse_weak_secrets_and_say_how_to_make_one(load, name, value, reason):
    with pytest.raises(RuntimeError) as caught:
        load({**real(), "APP_ENV": "production", name: value})
    message = str(caught.value)
    assert f"refuses weak secrets: {name} ({reason})." in message
    assert TOKEN_RECIPE in message
    assert len(value) < 4 or value.strip() not in message  # the secret itself is never quoted
    assert load({**real(), "APP_ENV": "development", name: value})["APP_ENV"] == "development"


@LOADERS
@pytest.mark.parametrize("name", SHARED)
@pytest.mark.parametrize("published", sorted(PUBLISHED_SECRETS))
def test_both_services_refuse_every_published_value(load, name, published):
    with pytest.raises(RuntimeError, match=rf"refuses weak secrets: {name} \("):
        load({**real(), "APP_ENV": "production", name: published})


@pytest.mark.parametrize("value, reason", WEAK.values(), ids=WEAK.keys())
def test_the_main_api_refuses_weak_session_keys(value, reason):
    with pytest.raises(RuntimeError, match=rf"SECRET_KEY \({reason}\)"):
        main_config.load_config({**real(), "APP_ENV": "production", "SECRET_KEY": value})


@LOADERS
def test_a_weak_signing_secret_is_refused_with_its_own_recipe(load):
    monotonous = "whsec_" + "QUJD" * 8  # valid base64 of 24 bytes, but "ABC" over and over
    with pytest.raises(RuntimeError, match=r"CRM_SIGNING_SECRET \(fewer than 8.*python -m service_kit.signatures"):
        load({**real(), "APP_ENV": "production", "CRM_SIGNING_SECRET": monotonous})


def test_a_weak_stripe_webhook_secret_is_refused():
    env = {**real(), "APP_ENV": "production", "PAYMENT_PROVIDER": "stripe", "STRIPE_SECRET_KEY": "sk_live_x"}
    with pytest.raises(RuntimeError, match=r"STRIPE_WEBHOOK_SECRET \(shorter than 32 bytes\).*Stripe shows"):
        main_config.load_config({**env, "STRIPE_WEBHOOK_SECRET": "whsec_x"})
    stripe_like = "whsec_" + secrets.token_urlsafe(24)
    assert main_config.load_config({**env, "STRIPE_WEBHOOK_SECRET": stripe_like})["PAYMENT_PROVIDER"] == "stripe"


def test_a_weak_razorpay_webhook_secret_is_refused():
    keys = {"RAZORPAY_KEY_ID": "rzp_live_x", "RAZORPAY_KEY_SECRET": "x" * 24}
    env = {**real(), "APP_ENV": "production", "PAYMENT_PROVIDER": "razorpay", **keys}
    with pytest.raises(RuntimeError, match=r"RAZORPAY_WEBHOOK_SECRET \(shorter than 32 bytes\).*Razorpay's Dashboard"):
        main_config.load_config({**env, "RAZORPAY_WEBHOOK_SECRET": "secret"})
    strong = secrets.token_urlsafe(48)
    assert main_config.load_config({**env, "RAZORPAY_WEBHOOK_SECRET": strong})["PAYMENT_PROVIDER"] == "razorpay"


@pytest.mark.parametrize("missing", ["RAZORPAY_KEY_ID", "RAZORPAY_KEY_SECRET", "RAZORPAY_WEBHOOK_SECRET"])
def test_razorpay_needs_its_keys_and_webhook_secret(missing):
    env = {"PAYMENT_PROVIDER": "razorpay", "RAZORPAY_KEY_ID": "rzp_test_x", "RAZORPAY_KEY_SECRET": "s"}
    env["RAZORPAY_WEBHOOK_SECRET"] = "w"
    with pytest.raises(RuntimeError, match=rf"PAYMENT_PROVIDER=razorpay needs {missing}"):
        main_config.load_config({**env, missing: ""})
    config = main_config.load_config(env)
    assert (config["RAZORPAY_API_BASE"], config["RAZORPAY_TIMEOUT"]) == ("https://api.razorpay.com", 10.0)
    assert config["RAZORPAY_CHECKOUT_JS"] == "https://checkout.razorpay.com/v1/checkout.js"


@LOADERS
def test_both_services_start_in_production_with_real_secrets(load):
    config = load({**real(), "APP_ENV": "production", "CRM_SIGNING_SECRET": generate_secret()})
    assert config["APP_ENV"] == "production"


@LOADERS
@pytest.mark.parametrize(
    "workers",
    [{}, {"GUNICORN_WORKERS": "4"}, {"WEB_CONCURRENCY": "3"}, {"GUNICORN_WORKERS": "1", "WEB_CONCURRENCY": "2"}],
    ids=["not said", "four", "gunicorn's own setting", "the two disagree"],
)
def test_production_refuses_counts_in_memory_unless_one_worker_and_says_what_to_do(load, workers):
    env = {**real(), "APP_ENV": "production", "GUNICORN_WORKERS": "", **workers}
    with pytest.raises(RuntimeError) as caught:
        load(env)
    message = str(caught.value)
    assert "RATELIMIT_STORAGE_URI=memory://" in message and SHARED_COUNTS_RECIPE in message
    assert "GUNICORN_WORKERS=1" in message
    assert load({**env, "APP_ENV": "development"})["APP_ENV"] == "development"


@LOADERS
@pytest.mark.parametrize(
    "setting",
    [
        {"GUNICORN_WORKERS": "1"},
        {"WEB_CONCURRENCY": "1"},
        {"GUNICORN_WORKERS": "4", "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0"},
    ],
)
def test_production_takes_counts_in_memory_from_one_worker_or_shared_ones_from_any(load, setting):
    env = {**real(), "APP_ENV": "production", "GUNICORN_WORKERS": "", **setting}
    assert load(env)["APP_ENV"] == "production"

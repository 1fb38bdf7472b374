"""Settings: read from the environment in create_app, development defaults, production refuses weak secrets."""

import secrets
from datetime import timedelta

import pytest
from sqlalchemy import select

from main_app import create_app
from main_app.config import load_config, load_launcher_settings
from main_app.extensions import db
from main_app.models import User
from main_app.services.common import hash_password
from service_kit.settings import DEFAULT_SECRETS

# Strong secrets for production, made once for the module.
STRONG = {name: secrets.token_urlsafe(48) for name in ("SECRET_KEY", "JWT_SECRET_KEY", "CRM_AUTH_TOKEN")}
SETTINGS = (
    "APP_ENV",
    "SECRET_KEY",
    "JWT_SECRET_KEY",
    "CRM_AUTH_TOKEN",
    "DATABASE_URL",
    "CRM_BASE_URL",
    "CRM_TIMEOUT",
    "CRM_HEALTH_TIMEOUT",
    "CRM_QUICK_RETRIES",
    "CRM_BATCH_SIZE",
    "CRM_RETRY_SCHEDULE",
    "DISPATCH_POLL_INTERVAL",
    "DISPATCH_BATCH_SIZE",
    "DISPATCH_MAX_PROBE_INTERVAL",
    "DISPATCH_LEASE_SECONDS",
    "JWT_EXPIRES_MINUTES",
    "MAIN_PORT",
    "FLASK_DEBUG",
    "MAX_CONTENT_LENGTH",
    "CRM_SIGNING_SECRET",
    "DISPATCH_WAKE_PORT",
    "TRUSTED_PROXIES",
    "RATELIMIT_KEY_PREFIX",
    "GUNICORN_WORKERS",
    "GUNICORN_THREADS",
    "DISPATCHERS",
    "PASSWORD_HASH_METHOD",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    """Each test sets exactly the variables it is about."""
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def build(make_database_url):
    """build(): create_app from the environment, on a throwaway SQLite file."""
    url = make_database_url("sqlite")

    def make(**test_config):
        return create_app({"SQLALCHEMY_DATABASE_URI": url, **test_config})

    return make


def production_env(monkeypatch, **given):
    """APP_ENV=production on one worker (its rate-limit counts in memory) with each secret either given or set
    explicitly to its published default."""
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("GUNICORN_WORKERS", "1")
    for name, default in DEFAULT_SECRETS.items():
        monkeypatch.setenv(name, given.get(name, default))


def test_development_defaults():
    config = load_config({})
    assert config["APP_ENV"] == "development"
    assert config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///main.db"
    assert config["CRM_BASE_URL"] == "http://localhost:5001"
    assert config["CRM_AUTH_TOKEN"] == "your-static-bearer-token-here"
    assert (config["CRM_TIMEOUT"], config["CRM_HEALTH_TIMEOUT"], config["CRM_QUICK_RETRIES"]) == (10.0, 5.0, 3)
    assert config["JWT_ACCESS_TOKEN_EXPIRES"] == timedelta(hours=1)
    assert config["MAIN_PORT"] == 5000
    assert config["DEBUG"] is False
    schedule = config["CRM_RETRY_SCHEDULE"]
    assert schedule == sorted(schedule) and schedule[0] <= 10
    assert timedelta(days=1.5) < timedelta(seconds=sum(schedule)) < timedelta(days=3)  # "about two days"


def test_environment_values_are_read():
    config = load_config(
        {
            "CRM_BASE_URL": "http://crm:5001/",
            "CRM_TIMEOUT": "2.5",
            "DISPATCH_BATCH_SIZE": "7",
            "CRM_RETRY_SCHEDULE": "1, 2,3",
            "FLASK_DEBUG": "true",
            "DATABASE_URL": "sqlite:///x.db",
            "JWT_EXPIRES_MINUTES": "15",
        }
    )
    assert config["CRM_BASE_URL"] == "http://crm:5001"
    assert (config["CRM_TIMEOUT"], config["DISPATCH_BATCH_SIZE"]) == (2.5, 7)
    assert config["CRM_RETRY_SCHEDULE"] == [1.0, 2.0, 3.0]
    assert config["DEBUG"] is True
    assert config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///x.db"
    assert config["JWT_ACCESS_TOKEN_EXPIRES"] == timedelta(minutes=15)


def test_create_app_reads_the_environment_when_called(build, monkeypatch):
    monkeypatch.setenv("CRM_BASE_URL", "http://crm.internal:7000")
    monkeypatch.setenv("CRM_TIMEOUT", "3")
    app = build()
    assert (app.config["CRM_BASE_URL"], app.config["CRM_TIMEOUT"]) == ("http://crm.internal:7000", 3.0)
    monkeypatch.setenv("CRM_BASE_URL", "http://elsewhere:7001")
    assert build().config["CRM_BASE_URL"] == "http://elsewhere:7001"


def test_test_config_wins_over_the_environment(build, monkeypatch):
    monkeypatch.setenv("CRM_BASE_URL", "http://from-env:1")
    assert build(CRM_BASE_URL="http://from-test:2").config["CRM_BASE_URL"] == "http://from-test:2"


def test_production_refuses_default_secrets_naming_them(build, monkeypatch):
    production_env(monkeypatch)
    with pytest.raises(RuntimeError) as caught:
        build()
    message = str(caught.value)
    assert "APP_ENV=production" in message
    for name in ("SECRET_KEY", "JWT_SECRET_KEY", "CRM_AUTH_TOKEN"):
        assert name in message


def test_production_names_only_the_secrets_still_default(build, monkeypatch):
    production_env(monkeypatch, SECRET_KEY=STRONG["SECRET_KEY"], CRM_AUTH_TOKEN=STRONG["CRM_AUTH_TOKEN"])
    with pytest.raises(RuntimeError) as caught:
        build()
    assert "weak secrets: JWT_SECRET_KEY (a published value)." in str(caught.value)  # only the one still default


def test_production_with_every_secret_set_builds(build, monkeypatch):
    production_env(monkeypatch, **STRONG)
    app = build()
    assert app.config["APP_ENV"] == "production"
    assert {name: app.config[name] for name in STRONG} == STRONG
    assert app.test_client().get("/health").status_code == 200


def test_production_secrets_given_as_test_config_are_checked_too(build, monkeypatch):
    production_env(monkeypatch, **STRONG)
    with pytest.raises(RuntimeError, match="CRM_AUTH_TOKEN"):
        build(CRM_AUTH_TOKEN=DEFAULT_SECRETS["CRM_AUTH_TOKEN"])


def test_development_accepts_default_secrets(build, monkeypatch):
    monkeypatch.setenv("APP_ENV", "development")
    assert build().config["SECRET_KEY"] == DEFAULT_SECRETS["SECRET_KEY"]


@pytest.mark.parametrize(
    "name, value, words",
    [
        ("CRM_TIMEOUT", "abc", "must be a number"),
        ("CRM_TIMEOUT", "nan", "must be a number"),
        ("CRM_TIMEOUT", "0", "must be positive"),
        ("CRM_HEALTH_TIMEOUT", "-1", "must be positive"),
        ("DISPATCH_LEASE_SECONDS", "inf", "must be a number"),
        ("CRM_QUICK_RETRIES", "1.5", "must be a number"),
        ("DISPATCH_BATCH_SIZE", "ten", "must be a number"),
        ("CRM_BATCH_SIZE", "0", "must be positive"),
        ("CRM_BATCH_SIZE", "501", "at most 500"),
        ("MAIN_PORT", "http", "must be a number"),
        ("JWT_EXPIRES_MINUTES", "soon", "must be a number"),
        ("MAX_CONTENT_LENGTH", "64k", "must be a number"),
        ("CRM_RETRY_SCHEDULE", "5,ten", "comma-separated"),
        ("CRM_RETRY_SCHEDULE", "5,-1", "non-negative"),
        ("CRM_RETRY_SCHEDULE", "5,nan", "non-negative"),
        ("CRM_RETRY_SCHEDULE", ",", "non-negative"),
        ("APP_ENV", "staging", "'development' or 'production'"),
        ("CORS_ORIGINS", "*", "origins like"),
        ("CORS_ORIGINS", "localhost:5173", "origins like"),
        ("CORS_ORIGINS", "http://localhost:5173/app", "origins like"),
        ("TRUSTED_PROXIES", "-1", "0 or more"),
        ("TRUSTED_PROXIES", "one", "whole number"),
        ("TRUSTED_PROXIES", "1.5", "whole number"),
        ("PASSWORD_HASH_METHOD", "pbkdf2", "'scrypt' or 'scrypt:N:r:p'"),
        ("PASSWORD_HASH_METHOD", "scrypt:1000:8:1", "N a power of 2"),
        ("PASSWORD_HASH_METHOD", "scrypt:1024:8", "'scrypt' or 'scrypt:N:r:p'"),
        ("PASSWORD_HASH_METHOD", "scrypt:1024:0:1", "'scrypt' or 'scrypt:N:r:p'"),
    ],
)
def test_bad_values_stop_start_up_naming_the_variable(build, monkeypatch, name, value, words):
    monkeypatch.setenv(name, value)
    with pytest.raises(RuntimeError) as caught:
        build()
    assert name in str(caught.value)
    assert words in str(caught.value)


def test_empty_values_mean_default():
    config = load_config({"CRM_TIMEOUT": "", "CRM_BASE_URL": "", "SECRET_KEY": ""})
    assert config["CRM_TIMEOUT"] == 10.0
    assert config["CRM_BASE_URL"] == "http://localhost:5001"
    assert config["SECRET_KEY"] == DEFAULT_SECRETS["SECRET_KEY"]


@pytest.mark.parametrize("secret", ["whsec_not*base64", "whsec_", "a-plain-text-secret"])
def test_unusable_signing_secret_stops_start_up(build, monkeypatch, secret):
    monkeypatch.setenv("CRM_SIGNING_SECRET", secret)
    with pytest.raises(RuntimeError, match="CRM_SIGNING_SECRET"):
        build()


def test_plain_postgres_urls_use_psycopg_3():
    assert (
        load_config({"DATABASE_URL": "postgresql://u@h/db"})["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"
    )
    assert (
        load_config({"DATABASE_URL": "postgres://u@h/db"})["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"
    )


def test_production_profile_settings_default_to_one_machine():
    config = load_config({})
    assert config["TRUSTED_PROXIES"] == 0  # X-Forwarded-For is ignored
    assert config["RATELIMIT_KEY_PREFIX"] == ""
    assert config["RATELIMIT_STORAGE_URI"] == "memory://"
    assert load_launcher_settings({}) == {"workers": 2, "threads": 4, "dispatchers": 1}


def test_production_profile_settings_are_read():
    config = load_config(
        {
            "TRUSTED_PROXIES": "2",
            "RATELIMIT_KEY_PREFIX": " blue ",
            "RATELIMIT_STORAGE_URI": "redis://cache.internal:6379/0",
        }
    )
    assert (config["TRUSTED_PROXIES"], config["RATELIMIT_KEY_PREFIX"]) == (2, "blue")
    assert config["RATELIMIT_STORAGE_URI"] == "redis://cache.internal:6379/0"
    assert load_config({"TRUSTED_PROXIES": ""})["TRUSTED_PROXIES"] == 0
    settings = load_launcher_settings({"GUNICORN_WORKERS": "5", "GUNICORN_THREADS": "8", "DISPATCHERS": "3"})
    assert settings == {"workers": 5, "threads": 8, "dispatchers": 3}


def test_launcher_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "4")
    monkeypatch.setenv("DISPATCHERS", "2")
    assert load_launcher_settings() == {"workers": 4, "threads": 4, "dispatchers": 2}


@pytest.mark.parametrize(
    "name, value, words",
    [
        ("GUNICORN_WORKERS", "0", "must be positive"),
        ("GUNICORN_THREADS", "many", "must be a number"),
        ("DISPATCHERS", "1.5", "must be a number"),
        ("DISPATCHERS", "-2", "must be positive"),
    ],
)
def test_bad_launcher_settings_are_refused_naming_the_variable(name, value, words):
    with pytest.raises(RuntimeError) as caught:
        load_launcher_settings({name: value})
    assert name in str(caught.value) and words in str(caught.value)


def test_passwords_are_hashed_at_full_cost_by_default(build):
    app = build()
    assert app.config["PASSWORD_HASH_METHOD"] == "scrypt:32768:8:1"  # werkzeug's default, ~0.1 s of CPU a hash
    with app.app_context():
        assert hash_password("correct-horse-9").startswith("scrypt:32768:8:1$")


@pytest.mark.parametrize("method", ["scrypt:1024:8:1", "scrypt:32768:4:1"])
def test_production_refuses_cheaper_password_hashes(build, monkeypatch, method):
    production_env(monkeypatch, **STRONG)
    monkeypatch.setenv("PASSWORD_HASH_METHOD", method)
    with pytest.raises(RuntimeError, match="APP_ENV=production refuses PASSWORD_HASH_METHOD"):
        build()
    monkeypatch.setenv("PASSWORD_HASH_METHOD", "scrypt:65536:8:1")  # dearer is fine
    assert build().config["PASSWORD_HASH_METHOD"] == "scrypt:65536:8:1"


def test_a_password_hashed_at_either_cost_still_logs_in_after_the_setting_changes(app, client):
    app.config["PASSWORD_HASH_METHOD"] = "scrypt:1024:8:1"
    body = {"name": "Cost Change", "email": "cost@example.com", "password": "correct-horse-9"}
    assert client.post("/auth/register", json=body).status_code == 201
    with app.app_context():
        stored = db.session.scalar(select(User.password_hash).where(User.email == body["email"]))
    assert stored.startswith("scrypt:1024:8:1$")
    app.config["PASSWORD_HASH_METHOD"] = "scrypt:32768:8:1"
    login = {"email": body["email"], "password": body["password"]}
    assert client.post("/auth/login", json=login).status_code == 200

"""Settings of the CRM service, read from the environment when the app is created."""

import os
from collections.abc import Mapping
from pathlib import Path

from service_kit.database import database_url
from service_kit.settings import (
    DEFAULT_CORS_ORIGINS,
    DEFAULT_SECRETS,
    parse_origins,
    refuse_counts_per_worker,
    refuse_weak_secrets,
    single_worker,
)
from service_kit.signatures import checked_signing_key

PROJECT_ROOT = Path(__file__).resolve().parent.parent

ENV_NAMES = (
    "CRM_AUTH_TOKEN",
    "CRM_HOST",
    "CRM_PORT",
    "CRM_STORAGE",
    "CRM_DATABASE_URL",
    "NOTIFICATION_LOG_FILE",
    "CRM_LOG_FILE",
    "CRM_DEBUG",
    "JWT_SECRET_KEY",
    "APP_ENV",
    "CRM_ANONYMOUS_READ",
    "CRM_SIGNING_SECRET",
    "CRM_SIGNATURE_TOLERANCE",
    "MAIN_API_URL",
    "MAIN_API_TIMEOUT",
    "CORS_ORIGINS",
    "RATELIMIT_ENABLED",
    "RATELIMIT_STORAGE_URI",
    "RATELIMIT_NOTIFY",
    "RATELIMIT_NOTIFY_BATCH",
    "NOTIFY_BATCH_MAX_CONTENT_LENGTH",
    "RATELIMIT_KEY_PREFIX",
    "TRUSTED_PROXIES",
    "CRM_RETENTION_DAYS",
)
STORAGE_CHOICES = ("sqlite", "json")
APP_ENV_CHOICES = ("development", "production")
TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")


def load_config(env: Mapping | None = None, overrides: Mapping | None = None) -> dict:
    """The Flask config: environment variables (os.environ by default), then overrides on top, all checked.

    Relative file paths are taken from the project root (as in .env.example), whatever the working
    directory; a relative SQLite URL is Flask-SQLAlchemy's business: it lands in the instance folder.
    """
    env = os.environ if env is None else env
    # Empty variables count as unset, so `CRM_AUTH_TOKEN=` in .env cannot mean "no token".
    raw = {name: env[name] for name in ENV_NAMES if env.get(name, "").strip()}
    raw.update(overrides or {})

    app_env = _choice(raw, "APP_ENV", APP_ENV_CHOICES, "development")
    config = dict(raw)
    config.update(
        APP_ENV=app_env,
        CRM_AUTH_TOKEN=str(raw.get("CRM_AUTH_TOKEN", DEFAULT_SECRETS["CRM_AUTH_TOKEN"])),
        # The same default as the main API's: the secret is shared, so facilitator tokens verify in development.
        JWT_SECRET_KEY=str(raw.get("JWT_SECRET_KEY", DEFAULT_SECRETS["JWT_SECRET_KEY"])),
        CRM_HOST=str(raw.get("CRM_HOST", "127.0.0.1")),
        CRM_PORT=_port(raw),
        CRM_STORAGE=_choice(raw, "CRM_STORAGE", STORAGE_CHOICES, "sqlite"),
        CRM_DEBUG=_flag(raw, "CRM_DEBUG", False),
        CRM_ANONYMOUS_READ=_flag(raw, "CRM_ANONYMOUS_READ", app_env == "development"),
        NOTIFICATION_LOG_FILE=_path(raw, "NOTIFICATION_LOG_FILE", "crm_microservice/notifications.json"),
        CRM_LOG_FILE=_path(raw, "CRM_LOG_FILE", "crm_microservice/crm_notifications.log"),
        CRM_SIGNING_SECRET=str(raw.get("CRM_SIGNING_SECRET", "")),
        CRM_SIGNATURE_TOLERANCE=_positive_int(raw, "CRM_SIGNATURE_TOLERANCE", 300),
        # Where facilitator changes are forwarded: the main API decides on them (services/main_api.py).
        MAIN_API_URL=_http_url(raw, "MAIN_API_URL", "http://localhost:5000"),
        MAIN_API_TIMEOUT=_positive_seconds(raw, "MAIN_API_TIMEOUT", 10.0),
        CORS_ORIGINS=parse_origins(raw.get("CORS_ORIGINS", DEFAULT_CORS_ORIGINS)),
        **_rate_limits(raw, env),
        # POST /notify/batch alone takes bodies this large (500 notifications of about 1 KB fit four times over).
        NOTIFY_BATCH_MAX_CONTENT_LENGTH=_positive_int(raw, "NOTIFY_BATCH_MAX_CONTENT_LENGTH", 2 * 1024 * 1024, "bytes"),
        # Reverse proxies in front of the CRM; their X-Forwarded-* headers are believed (0: none are).
        TRUSTED_PROXIES=_whole_number(raw, "TRUSTED_PROXIES", 0),
        # Unset or 0: notifications are kept for ever.
        CRM_RETENTION_DAYS=_whole_number(raw, "CRM_RETENTION_DAYS", 0),
    )
    _derive(config, raw)
    refuse_weak_secrets(config)
    refuse_counts_per_worker(config)
    return config


def _derive(config: dict, raw: Mapping) -> None:
    """Add to config what follows from its settings: the signing key, the database URL and the body limits."""
    # Empty key: signatures are not required (the bearer token still is).
    config["CRM_SIGNING_KEY"] = checked_signing_key(config["CRM_SIGNING_SECRET"])
    url = raw.get("CRM_DATABASE_URL") or f"sqlite:///{PROJECT_ROOT / 'instance' / 'crm.db'}"
    config["CRM_DATABASE_URL"] = url
    config.setdefault("SQLALCHEMY_DATABASE_URI", database_url(url))
    config.setdefault("MAX_CONTENT_LENGTH", 64 * 1024)
    config["MAX_CONTENT_LENGTH_BY_PATH"] = {"/notify/batch": config["NOTIFY_BATCH_MAX_CONTENT_LENGTH"]}


def _rate_limits(raw: Mapping, env: Mapping) -> dict:
    """Rate limits: where they are counted and the limits of /notify and /notify/batch."""
    return dict(
        RATELIMIT_ENABLED=_flag(raw, "RATELIMIT_ENABLED", True),
        RATELIMIT_STORAGE_URI=str(raw.get("RATELIMIT_STORAGE_URI", "memory://")),
        # memory:// is one process's count: production takes it only from a service said to run one worker.
        SINGLE_WORKER=bool(raw.get("SINGLE_WORKER", single_worker(env))),
        # Deployments (or test runs) sharing one Redis keep their counts apart (service_kit.rate_limits).
        RATELIMIT_KEY_PREFIX=str(raw.get("RATELIMIT_KEY_PREFIX", "")).strip(),
        # Redis unreachable: count per process until it is back, rather than answer 500 to every /notify.
        RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True,
        RATELIMIT_HEADERS_ENABLED=True,
        # Far above what a dispatcher sends (bench/delivery.py measures its drain), far below a flood.
        RATELIMIT_NOTIFY=str(raw.get("RATELIMIT_NOTIFY", "300/second")),
        # A batch counts once, whatever it holds: 100 batches of up to 500 a second is far above any dispatcher.
        RATELIMIT_NOTIFY_BATCH=str(raw.get("RATELIMIT_NOTIFY_BATCH", "100/second")),
    )


def _choice(raw: Mapping, name: str, choices: tuple, default: str) -> str:
    """One of `choices`, case-insensitive."""
    value = str(raw.get(name, default)).strip().lower()
    if value not in choices:
        raise RuntimeError(f"Invalid {name}={raw.get(name)!r}: expected one of {', '.join(choices)}.")
    return value


def _flag(raw: Mapping, name: str, default: bool) -> bool:
    """A boolean from true/false, yes/no, on/off, 1/0 (or a real bool from test_config)."""
    value = raw.get(name, default)
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise RuntimeError(f"Invalid {name}={value!r}: expected true or false.")


def _port(raw: Mapping) -> int:
    """A TCP port number."""
    value = raw.get("CRM_PORT", 5001)
    try:
        port = int(value)
    except (TypeError, ValueError):
        port = -1
    if isinstance(value, bool) or not 0 < port < 65536:
        raise RuntimeError(f"Invalid CRM_PORT={value!r}: expected a port number 1-65535.")
    return port


def _positive_int(raw: Mapping, name: str, default: int, unit: str = "seconds") -> int:
    """A whole number (of unit) of at least 1."""
    value = raw.get(name, default)
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if isinstance(value, bool) or number < 1:
        raise RuntimeError(f"Invalid {name}={value!r}: expected a whole number of {unit}, at least 1.")
    return number


def _whole_number(raw: Mapping, name: str, default: int) -> int:
    """A whole number of at least 0."""
    value = raw.get(name, default)
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if isinstance(value, (bool, float)) or number < 0:
        raise RuntimeError(f"Invalid {name}={value!r}: expected a whole number, 0 or more.")
    return number


def _positive_seconds(raw: Mapping, name: str, default: float) -> float:
    """A finite number of seconds above zero (fractions allowed)."""
    value = raw.get(name, default)
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = 0.0
    if isinstance(value, bool) or not 0 < seconds < float("inf"):
        raise RuntimeError(f"Invalid {name}={value!r}: expected a number of seconds above 0.")
    return seconds


def _http_url(raw: Mapping, name: str, default: str) -> str:
    """An http(s) base URL, without its trailing slash."""
    value = str(raw.get(name, default)).strip().rstrip("/")
    scheme, _, rest = value.partition("://")
    if scheme.lower() not in ("http", "https") or not rest:
        raise RuntimeError(f"Invalid {name}={value!r}: expected an http:// or https:// URL.")
    return value


def _path(raw: Mapping, name: str, default: str) -> str:
    """An absolute path; relative ones are taken from the project root."""
    return os.path.abspath(os.path.join(PROJECT_ROOT, os.path.expanduser(str(raw.get(name, default)))))

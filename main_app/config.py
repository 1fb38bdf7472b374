"""Settings of the main API, read from the environment when the app is created."""

import math
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from .services.notify_crm import signing_key

PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULT_SECRETS = {
    "SECRET_KEY": "dev-secret-key-change-me-in-production",
    "JWT_SECRET_KEY": "dev-jwt-secret-change-me-in-production",
    "CRM_AUTH_TOKEN": "your-static-bearer-token-here",
}

# Delays before each rescheduled delivery attempt; about two days in all, then the message is dead.
# The web app's own server on 5173 (start_services.py adds its real port when it differs).
DEFAULT_CORS_ORIGINS = "http://localhost:5173,http://127.0.0.1:5173"
DEFAULT_RETRY_SCHEDULE = "5,30,120,600,1800,3600,7200,14400,28800,43200,43200,43200"


def _bool(value: str) -> bool:
    """Parse a yes/no environment value."""
    return value.strip().lower() in ("1", "true", "yes", "on")


def _number(env: dict, name: str, default, kind=float, allow_zero: bool = False):
    """Read a positive (or, if allowed, zero) number from the environment, with a clear error when it is not one."""
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise RuntimeError(f"{name} must be a number, got {raw!r}") from None
    if not math.isfinite(value):  # float() accepts "nan" and "inf", which break timeouts and timedeltas later
        raise RuntimeError(f"{name} must be a number, got {raw!r}")
    if value < 0 or (value == 0 and not allow_zero):
        raise RuntimeError(f"{name} must be {'zero or more' if allow_zero else 'positive'}, got {raw!r}")
    return value


def _count(env: dict, name: str, default: int) -> int:
    """Read a whole number of at least 0 from the environment, with a clear error when it is not one."""
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise RuntimeError(f"{name} must be a whole number, got {raw!r}") from None
    if value < 0:
        raise RuntimeError(f"{name} must be 0 or more, got {raw!r}")
    return value


def parse_schedule(raw: str) -> list[float]:
    """Turn '5,30,120' into [5.0, 30.0, 120.0] seconds."""
    try:
        delays = [float(part) for part in raw.split(",") if part.strip()]
    except ValueError:
        raise RuntimeError(f"CRM_RETRY_SCHEDULE must be comma-separated seconds, got {raw!r}") from None
    if not delays or any(d < 0 or not math.isfinite(d) for d in delays):
        raise RuntimeError("CRM_RETRY_SCHEDULE must list at least one non-negative delay")
    return delays


def database_url(url: str) -> str:
    """Use the installed psycopg 3 driver for plain postgresql:// and postgres:// URLs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def parse_origins(text: str) -> list[str]:
    """Comma-separated browser origins (scheme://host[:port]) allowed to call the API; no wildcard."""
    origins = [item.strip().rstrip("/") for item in text.split(",") if item.strip()]
    for origin in origins:
        parts = urlsplit(origin)
        if origin == "*" or parts.scheme not in ("http", "https") or not parts.netloc or parts.path:
            raise RuntimeError(f"CORS_ORIGINS must list origins like http://localhost:5173, got {origin!r}")
    return origins


def load_config(env: dict | None = None) -> dict:
    """Build the Flask config mapping from environment variables."""
    env = dict(os.environ if env is None else env)
    app_env = env.get("APP_ENV", "development").strip().lower()
    if app_env not in ("development", "production"):
        raise RuntimeError(f"APP_ENV must be 'development' or 'production', got {app_env!r}")
    config = {name: env.get(name) or default for name, default in DEFAULT_SECRETS.items()}
    config.update(
        APP_ENV=app_env,
        SQLALCHEMY_DATABASE_URI=database_url(env.get("DATABASE_URL") or "sqlite:///main.db"),
        CRM_BASE_URL=(env.get("CRM_BASE_URL") or "http://localhost:5001").rstrip("/"),
        CRM_TIMEOUT=_number(env, "CRM_TIMEOUT", 10.0),
        CRM_HEALTH_TIMEOUT=_number(env, "CRM_HEALTH_TIMEOUT", 5.0),
        CRM_QUICK_RETRIES=_number(env, "CRM_QUICK_RETRIES", 3, int),
        CRM_RETRY_SCHEDULE=parse_schedule(env.get("CRM_RETRY_SCHEDULE") or DEFAULT_RETRY_SCHEDULE),
        CRM_SIGNING_SECRET=env.get("CRM_SIGNING_SECRET", ""),
        # A fallback only: committed messages wake the dispatcher at once (see services/wakeup.py).
        DISPATCH_POLL_INTERVAL=_number(env, "DISPATCH_POLL_INTERVAL", 1.0),
        DISPATCH_WAKE_PORT=_number(env, "DISPATCH_WAKE_PORT", 5002, int),
        DISPATCH_BATCH_SIZE=_number(env, "DISPATCH_BATCH_SIZE", 50, int),
        DISPATCH_CONCURRENCY=_number(env, "DISPATCH_CONCURRENCY", 8, int),
        DISPATCH_MAX_PROBE_INTERVAL=_number(env, "DISPATCH_MAX_PROBE_INTERVAL", 5.0),
        DISPATCH_LEASE_SECONDS=_number(env, "DISPATCH_LEASE_SECONDS", 60.0),
        JWT_ACCESS_TOKEN_EXPIRES=timedelta(minutes=_number(env, "JWT_EXPIRES_MINUTES", 60.0)),
        MAIN_PORT=_number(env, "MAIN_PORT", 5000, int),
        CORS_ORIGINS=parse_origins(env.get("CORS_ORIGINS") or DEFAULT_CORS_ORIGINS),
        DEBUG=_bool(env.get("FLASK_DEBUG", "0")),
        MAX_CONTENT_LENGTH=_number(env, "MAX_CONTENT_LENGTH", 64 * 1024, int),
        RATELIMIT_ENABLED=_bool(env.get("RATELIMIT_ENABLED", "1")),
        RATELIMIT_STORAGE_URI=env.get("RATELIMIT_STORAGE_URI") or "memory://",
        # Flask-Limiter's own key: deployments (or test runs) sharing one Redis keep their counts apart.
        RATELIMIT_KEY_PREFIX=(env.get("RATELIMIT_KEY_PREFIX") or "").strip(),
        # Redis unreachable: count per process until it is back, rather than answer 500 to every login.
        RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True,
        RATELIMIT_HEADERS_ENABLED=True,
        # Against password guessing and account spam, per client address; flask-limiter strings.
        RATELIMIT_LOGIN=env.get("RATELIMIT_LOGIN") or "10/minute;100/hour",
        RATELIMIT_REGISTER=env.get("RATELIMIT_REGISTER") or "10/minute;50/hour",
        # Reverse proxies in front of the app; their X-Forwarded-* headers are believed (0: none are).
        TRUSTED_PROXIES=_count(env, "TRUSTED_PROXIES", 0),
        # How long a rendered catalogue page (GET /events) may be served again by the same process; 0 = never.
        CATALOGUE_CACHE_SECONDS=_number(env, "CATALOGUE_CACHE_SECONDS", 2.0, allow_zero=True),
        DEFAULT_PAGE_SIZE=20,
        MAX_PAGE_SIZE=100,
    )
    return config


def load_launcher_settings(env: dict | None = None) -> dict:
    """How start_services.py sizes the system: gunicorn workers and threads per service, dispatcher processes."""
    env = dict(os.environ if env is None else env)
    return {
        "workers": _number(env, "GUNICORN_WORKERS", 2, int),
        "threads": _number(env, "GUNICORN_THREADS", 4, int),
        "dispatchers": _number(env, "DISPATCHERS", 1, int),
    }


def check_signing_secret(config: dict) -> None:
    """Refuse to start with a CRM_SIGNING_SECRET that cannot be used (same rule as the CRM's)."""
    if config.get("CRM_SIGNING_SECRET"):
        try:
            signing_key(config["CRM_SIGNING_SECRET"])
        except ValueError as exc:
            raise RuntimeError(str(exc)) from None


def refuse_default_secrets(config: dict) -> None:
    """In production, stop start-up while any secret still has its published default."""
    if config["APP_ENV"] != "production":
        return
    still_default = [name for name, default in DEFAULT_SECRETS.items() if config.get(name) == default]
    if still_default:
        raise RuntimeError("APP_ENV=production refuses default secrets; set " + ", ".join(sorted(still_default)))

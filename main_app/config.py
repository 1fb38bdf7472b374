"""Settings of the main API, read from the environment when the app is created."""

import math
import os
from collections.abc import Mapping
from datetime import timedelta
from email.utils import formataddr, parseaddr
from pathlib import Path
from urllib.parse import urlsplit

import phonenumbers

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

from .services.crm.batches import DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Delays before each rescheduled delivery attempt; about two days in all, then the message is dead.
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


def parse_schedule(raw: str, name: str = "CRM_RETRY_SCHEDULE") -> list[float]:
    """Turn '5,30,120' into [5.0, 30.0, 120.0] seconds."""
    try:
        delays = [float(part) for part in raw.split(",") if part.strip()]
    except ValueError:
        raise RuntimeError(f"{name} must be comma-separated seconds, got {raw!r}") from None
    if not delays or any(d < 0 or not math.isfinite(d) for d in delays):
        raise RuntimeError(f"{name} must list at least one non-negative delay")
    return delays


def _batch_size(env: Mapping) -> int:
    """CRM_BATCH_SIZE: 1 to the most the CRM's batch route takes."""
    size = _number(env, "CRM_BATCH_SIZE", DEFAULT_BATCH_SIZE, int)
    if size > MAX_BATCH_SIZE:
        raise RuntimeError(f"CRM_BATCH_SIZE must be at most {MAX_BATCH_SIZE} (the CRM's limit), got {size}")
    return size


def _sender(raw: str) -> str:
    """MAIL_FROM as a From header: "Name <address@domain>" or a bare address."""
    name, address = parseaddr(raw)
    if "@" not in address or any(c in raw for c in "\r\n"):
        raise RuntimeError(
            f"MAIL_FROM must be an email address such as 'Sessions & Retreats <bookings@example.com>', got {raw!r}"
        )
    return formataddr((name, address)) if name else address


def _mail_url(raw: str) -> str:
    """MAIL_URL checked at start-up (empty: emails go to MAIL_FOLDER)."""
    if raw and urlsplit(raw).scheme not in ("smtp", "smtps"):
        raise RuntimeError("MAIL_URL must look like smtp://user:password@host:587?starttls=1 or smtps://host:465")
    return raw


def _currency(raw: str) -> str:
    """DEFAULT_CURRENCY: an ISO 4217 code."""
    code = raw.strip().upper()
    if not (len(code) == 3 and code.isascii() and code.isalpha()):
        raise RuntimeError(f"DEFAULT_CURRENCY must be an ISO 4217 code such as INR, got {raw!r}")
    return code


def _phone_region(raw: str) -> str:
    """PHONE_DEFAULT_REGION: where a number typed without +country code is from (ISO 3166 alpha-2)."""
    region = raw.strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise RuntimeError(f"PHONE_DEFAULT_REGION must be a two-letter region code such as IN or GB, got {raw!r}")
    return region


def _sms_provider(env: Mapping) -> str:
    """SMS_PROVIDER, with what the one named needs."""
    name = (env.get("SMS_PROVIDER") or "file").strip().lower()
    if name not in ("file", "twilio"):
        raise RuntimeError(f"SMS_PROVIDER must be 'file' or 'twilio', got {name!r}")
    missing = [key for key in ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM") if not env.get(key)]
    if name == "twilio" and missing:
        raise RuntimeError(f"SMS_PROVIDER=twilio needs {', '.join(missing)} (from the Twilio console)")
    return name


def _payment_provider(env: Mapping) -> str:
    """PAYMENT_PROVIDER, with what the one named needs."""
    name = (env.get("PAYMENT_PROVIDER") or "test").strip().lower()
    if name not in ("test", "stripe"):
        raise RuntimeError(f"PAYMENT_PROVIDER must be 'test' or 'stripe', got {name!r}")
    missing = [key for key in ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET") if name == "stripe" and not env.get(key)]
    if missing:
        raise RuntimeError(f"PAYMENT_PROVIDER=stripe needs {' and '.join(missing)} (see docs/payments.md)")
    return name


def _studio_signup(env: Mapping, app_env: str) -> str:
    """STUDIO_SIGNUP: who may make a studio, any account ("open") or only platform admins ("admin")."""
    name = (env.get("STUDIO_SIGNUP") or ("admin" if app_env == "production" else "open")).strip().lower()
    if name not in ("open", "admin"):
        raise RuntimeError(f"STUDIO_SIGNUP must be 'open' or 'admin', got {name!r}")
    return name


def load_config(env: Mapping | None = None, overrides: Mapping | None = None) -> dict:
    """The Flask config: environment variables (os.environ by default), then overrides on top, checked."""
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
        CRM_RETRY_SCHEDULE=parse_schedule(
            env.get("CRM_RETRY_SCHEDULE") or DEFAULT_RETRY_SCHEDULE, "CRM_RETRY_SCHEDULE"
        ),
        CRM_SIGNING_SECRET=env.get("CRM_SIGNING_SECRET", ""),
        # Notifications per request to the CRM's POST /notify/batch (at most 500); 1: one /notify request each.
        CRM_BATCH_SIZE=_batch_size(env),
        # A fallback only: committed messages wake the dispatcher at once (see delivery/wakeup.py).
        DISPATCH_POLL_INTERVAL=_number(env, "DISPATCH_POLL_INTERVAL", 1.0),
        DISPATCH_WAKE_PORT=_number(env, "DISPATCH_WAKE_PORT", 5002, int),
        DISPATCH_BATCH_SIZE=_number(env, "DISPATCH_BATCH_SIZE", 500, int),
        DISPATCH_CONCURRENCY=_number(env, "DISPATCH_CONCURRENCY", 8, int),
        OUTBOX_RETENTION_DAYS=_number(env, "OUTBOX_RETENTION_DAYS", 30, int, allow_zero=True),
        DISPATCH_MAX_PROBE_INTERVAL=_number(env, "DISPATCH_MAX_PROBE_INTERVAL", 5.0),
        DISPATCH_LEASE_SECONDS=_number(env, "DISPATCH_LEASE_SECONDS", 60.0),
        JWT_ACCESS_TOKEN_EXPIRES=timedelta(minutes=_number(env, "JWT_EXPIRES_MINUTES", 60.0)),
        MAIN_PORT=_number(env, "MAIN_PORT", 5000, int),
        # Where people open the web app: links in calendar entries (and mails) point there.
        PUBLIC_WEB_URL=(env.get("PUBLIC_WEB_URL") or "http://localhost:5173").rstrip("/"),
        # Where mail clients reach the main API (one-click unsubscribe); the launcher derives MAIN_API_URL.
        PUBLIC_API_URL=(env.get("PUBLIC_MAIN_API_URL") or env.get("MAIN_API_URL") or "http://localhost:5000").rstrip(
            "/"
        ),
        # Emails to the people who book: SMTP when MAIL_URL is set, else .eml files in MAIL_FOLDER (development).
        MAIL_URL=_mail_url((env.get("MAIL_URL") or "").strip()),
        MAIL_FROM=_sender(env.get("MAIL_FROM") or "Sessions & Retreats <bookings@localhost>"),
        # Relative to the project, whichever directory the process started in.
        MAIL_FOLDER=str(PROJECT_ROOT / (env.get("MAIL_FOLDER") or "instance/mail")),
        MAIL_TIMEOUT=_number(env, "MAIL_TIMEOUT", 10.0),
        # Emails to addresses a booker typed (their guests'), per booker and per address, per hour and per day.
        GUEST_EMAILS_PER_BOOKER_HOUR=_number(env, "GUEST_EMAILS_PER_BOOKER_HOUR", 20, int),
        GUEST_EMAILS_PER_BOOKER_DAY=_number(env, "GUEST_EMAILS_PER_BOOKER_DAY", 60, int),
        GUEST_EMAILS_PER_ADDRESS_HOUR=_number(env, "GUEST_EMAILS_PER_ADDRESS_HOUR", 4, int),
        GUEST_EMAILS_PER_ADDRESS_DAY=_number(env, "GUEST_EMAILS_PER_ADDRESS_DAY", 10, int),
        MAIL_QUICK_RETRIES=_number(env, "MAIL_QUICK_RETRIES", 2, int),
        # Who may make a studio; and the invitations one studio may email a day, in all and to one address.
        STUDIO_SIGNUP=_studio_signup(env, app_env),
        STUDIO_INVITATIONS_PER_DAY=_number(env, "STUDIO_INVITATIONS_PER_DAY", 50, int),
        STUDIO_INVITATIONS_PER_ADDRESS_DAY=_number(env, "STUDIO_INVITATIONS_PER_ADDRESS_DAY", 3, int),
        MAIL_RETRY_SCHEDULE=parse_schedule(
            env.get("MAIL_RETRY_SCHEDULE") or DEFAULT_RETRY_SCHEDULE, "MAIL_RETRY_SCHEDULE"
        ),
        # Paid sessions: who takes the money, how long a seat waits for it, the currency new sessions get.
        PAYMENT_PROVIDER=_payment_provider(env),
        PAYMENT_HOLD_SECONDS=_number(env, "PAYMENT_HOLD_SECONDS", 900, int),
        # The day of a session: how long before its start check-in opens (it closes at the session's end).
        CHECKIN_OPENS_MINUTES=_number(env, "CHECKIN_OPENS_MINUTES", 60, int),
        # After a session where check-in was taken: how long after its end the bookings nobody checked in are no-shows.
        NO_SHOW_GRACE_MINUTES=_number(env, "NO_SHOW_GRACE_MINUTES", 15, int, allow_zero=True),
        # Answers to questions marked sensitive (health): emptied this many days after their session ends.
        SENSITIVE_ANSWERS_RETENTION_DAYS=_number(env, "SENSITIVE_ANSWERS_RETENTION_DAYS", 30, int, allow_zero=True),
        # Events that require approval: how many days a request holds its seat while the facilitator decides.
        APPROVAL_HOLD_DAYS=_number(env, "APPROVAL_HOLD_DAYS", 5, int),
        # A payment plan's balance still unpaid this many days after its last due date cancels the booking.
        BALANCE_GRACE_DAYS=_number(env, "BALANCE_GRACE_DAYS", 3, int, allow_zero=True),
        DEFAULT_CURRENCY=_currency(env.get("DEFAULT_CURRENCY") or "INR"),
        PHONE_DEFAULT_REGION=_phone_region(env.get("PHONE_DEFAULT_REGION") or "IN"),
        # Texts to people with texts on: through Twilio, or files in SMS_FOLDER (development; the mailbox shows them).
        SMS_PROVIDER=_sms_provider(env),
        SMS_TIMEOUT=_number(env, "SMS_TIMEOUT", 10.0),
        TWILIO_ACCOUNT_SID=env.get("TWILIO_ACCOUNT_SID", ""),
        TWILIO_AUTH_TOKEN=env.get("TWILIO_AUTH_TOKEN", ""),
        TWILIO_FROM=env.get("TWILIO_FROM", ""),
        TWILIO_API_BASE=(env.get("TWILIO_API_BASE") or "https://api.twilio.com").rstrip("/"),
        SMS_FOLDER=str(PROJECT_ROOT / (env.get("SMS_FOLDER") or "instance/sms")),
        # Proving a number before texts go to it: how long a texted code works, how many wrong tries it takes, and
        # how many codes one account and one number may be sent (counted in the database, across workers).
        PHONE_CODE_MINUTES=_number(env, "PHONE_CODE_MINUTES", 10, int),
        PHONE_CODE_ATTEMPTS=_number(env, "PHONE_CODE_ATTEMPTS", 5, int),
        PHONE_CODES_PER_HOUR=_number(env, "PHONE_CODES_PER_HOUR", 3, int),
        PHONE_CODES_PER_DAY=_number(env, "PHONE_CODES_PER_DAY", 10, int),
        # The live stream of notification centres (main_app.live): how often it looks for changes, how often it
        # tells a quiet stream it is still there, and how many streams one process keeps open.
        STREAM_POLL_INTERVAL=_number(env, "STREAM_POLL_INTERVAL", 0.5),
        STREAM_HEARTBEAT_SECONDS=_number(env, "STREAM_HEARTBEAT_SECONDS", 15.0),
        STREAM_MAX_CONNECTIONS=_number(env, "STREAM_MAX_CONNECTIONS", 10_000, int),
        SMS_QUICK_RETRIES=_number(env, "SMS_QUICK_RETRIES", 2, int),
        SMS_RETRY_SCHEDULE=parse_schedule(
            env.get("SMS_RETRY_SCHEDULE") or DEFAULT_RETRY_SCHEDULE, "SMS_RETRY_SCHEDULE"
        ),
        PAYMENT_RETRY_SCHEDULE=parse_schedule(
            env.get("PAYMENT_RETRY_SCHEDULE") or DEFAULT_RETRY_SCHEDULE, "PAYMENT_RETRY_SCHEDULE"
        ),
        STRIPE_SECRET_KEY=env.get("STRIPE_SECRET_KEY", ""),
        STRIPE_WEBHOOK_SECRET=env.get("STRIPE_WEBHOOK_SECRET", ""),
        STRIPE_API_BASE=(env.get("STRIPE_API_BASE") or "https://api.stripe.com").rstrip("/"),
        STRIPE_TIMEOUT=_number(env, "STRIPE_TIMEOUT", 10.0),
        STRIPE_MAX_NETWORK_RETRIES=_number(env, "STRIPE_MAX_NETWORK_RETRIES", 1, int, allow_zero=True),
        CORS_ORIGINS=parse_origins(env.get("CORS_ORIGINS") or DEFAULT_CORS_ORIGINS),
        DEBUG=_bool(env.get("FLASK_DEBUG", "0")),
        MAX_CONTENT_LENGTH=_number(env, "MAX_CONTENT_LENGTH", 64 * 1024, int),
        RATELIMIT_ENABLED=_bool(env.get("RATELIMIT_ENABLED", "1")),
        RATELIMIT_STORAGE_URI=env.get("RATELIMIT_STORAGE_URI") or "memory://",
        # memory:// is one process's count: production takes it only from a service said to run one worker.
        SINGLE_WORKER=single_worker(env),
        # Deployments (or test runs) sharing one Redis keep their counts apart (service_kit.rate_limits).
        RATELIMIT_KEY_PREFIX=(env.get("RATELIMIT_KEY_PREFIX") or "").strip(),
        # Redis unreachable: count per process until it is back, rather than answer 500 to every login.
        RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True,
        RATELIMIT_HEADERS_ENABLED=True,
        # Failed logins: per address and account, per account from any address, per address across accounts.
        RATELIMIT_LOGIN=env.get("RATELIMIT_LOGIN") or "10/minute;50/hour",
        RATELIMIT_LOGIN_ACCOUNT=env.get("RATELIMIT_LOGIN_ACCOUNT") or "100/hour",
        RATELIMIT_LOGIN_ADDRESS=env.get("RATELIMIT_LOGIN_ADDRESS") or "30/minute;300/hour",
        RATELIMIT_REGISTER=env.get("RATELIMIT_REGISTER") or "10/minute;50/hour",
        # Password-reset emails asked for, per address: each one sends a mail.
        RATELIMIT_PASSWORD_RESET=env.get("RATELIMIT_PASSWORD_RESET") or "5/minute;20/hour",
        # ... and per email address asked about, from anywhere: nobody's inbox is flooded with reset links.
        RATELIMIT_PASSWORD_RESET_ACCOUNT=env.get("RATELIMIT_PASSWORD_RESET_ACCOUNT") or "3/hour;10/day",
        # Messages a facilitator sends to a session's registrants (only those accepted count).
        RATELIMIT_SESSION_MESSAGE=env.get("RATELIMIT_SESSION_MESSAGE") or "5/hour;20/day",
        # Codes asked for from one address (each may send a text), before the per-account and per-number counts.
        RATELIMIT_PHONE_CODE=env.get("RATELIMIT_PHONE_CODE") or "5/minute;20/hour",
        # Reverse proxies in front of the app; their X-Forwarded-* headers are believed (0: none are).
        TRUSTED_PROXIES=_count(env, "TRUSTED_PROXIES", 0),
        # How long a rendered catalogue page (GET /events) may be served again by the same process; 0 = never.
        CATALOGUE_CACHE_SECONDS=_number(env, "CATALOGUE_CACHE_SECONDS", 2.0, allow_zero=True),
    )
    config.update(overrides or {})
    refuse_weak_secrets(config)
    refuse_counts_per_worker(config)
    checked_signing_key(config["CRM_SIGNING_SECRET"])  # start-up stops on a secret that cannot be used
    return config


def load_launcher_settings(env: dict | None = None) -> dict:
    """How start_services.py sizes the system: gunicorn workers and threads per service, dispatcher processes."""
    env = dict(os.environ if env is None else env)
    return {
        "workers": _number(env, "GUNICORN_WORKERS", 2, int),
        "threads": _number(env, "GUNICORN_THREADS", 4, int),
        "dispatchers": _number(env, "DISPATCHERS", 1, int),
    }

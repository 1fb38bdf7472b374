"""Settings of the main API, read from the environment when the app is created."""

import os
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

from service_kit.database import database_url
from service_kit.rate_limits import embed_api_limit
from service_kit.settings import (
    DEFAULT_CORS_ORIGINS,
    DEFAULT_SECRETS,
    embed_limits,
    parse_origins,
    refuse_counts_per_worker,
    refuse_weak_secrets,
    single_worker,
)
from service_kit.signatures import checked_signing_key

from .values import (
    batch_size,
    count,
    currency,
    fernet_keys,
    flag,
    mail_url,
    number,
    parse_schedule,
    password_hash_method,
    payment_provider,
    phone_region,
    sender,
    sms_provider,
    studio_signup,
)
from .webhooks import own_tools
from .whatsapp import whatsapp

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent

# Delays before each rescheduled delivery attempt; about two days in all, then the message is dead.
DEFAULT_RETRY_SCHEDULE = "5,30,120,600,1800,3600,7200,14400,28800,43200,43200,43200"

IMPORT_PATHS = ("/api/studios/*/client-imports", "/api/studios/*/client-imports/dry-run")
STUDIO_IMPORT_PATH = "/api/studios/*/studio-imports"
# Meta's WhatsApp webhooks (services/chats' WEBHOOK_PATH) batch many statuses in one body of up to 3 MB.
WHATSAPP_WEBHOOK_PATHS = ("/whatsapp/webhook", "/whatsapp/webhook/*")
WHATSAPP_WEBHOOK_MAX_BYTES = 3 * 1024 * 1024
# A signed form's body: its drawn signature (a PNG of up to 200 KB, a third more in base64) and its answers.
SIGNING_PATH = "/me/forms/*/signatures"
SIGNING_MAX_BYTES = 400 * 1024


def load_config(env: Mapping | None = None, overrides: Mapping | None = None) -> dict:
    """The Flask config: environment variables (os.environ by default), then overrides on top, checked."""
    env = dict(os.environ if env is None else env)
    app_env = env.get("APP_ENV", "development").strip().lower()
    if app_env not in ("development", "production"):
        raise RuntimeError(f"APP_ENV must be 'development' or 'production', got {app_env!r}")
    config = {name: env.get(name) or default for name, default in DEFAULT_SECRETS.items()}
    config.update(APP_ENV=app_env, SQLALCHEMY_DATABASE_URI=database_url(env.get("DATABASE_URL") or "sqlite:///main.db"))
    for settings in (_outbox, _web, _mail, _payments, _day_of_session, _texts, _rate_limits, whatsapp, own_tools):
        config.update(settings(env))
    config.update(_studios(env, app_env), PASSWORD_HASH_METHOD=password_hash_method(env, app_env))
    config.update(overrides or {})
    # A client import's file, a studio import's export, a batch of WhatsApp statuses and a drawn signature come in
    # their request's body.
    config["MAX_CONTENT_LENGTH_BY_PATH"] = (
        dict.fromkeys(IMPORT_PATHS, config["CLIENT_IMPORT_MAX_BYTES"])
        | {STUDIO_IMPORT_PATH: config["STUDIO_IMPORT_MAX_BYTES"]}
        | dict.fromkeys(WHATSAPP_WEBHOOK_PATHS, WHATSAPP_WEBHOOK_MAX_BYTES)
        | {SIGNING_PATH: SIGNING_MAX_BYTES}
    )
    refuse_weak_secrets(config)
    refuse_counts_per_worker(config)
    checked_signing_key(config["CRM_SIGNING_SECRET"])  # start-up stops on a secret that cannot be used
    return config


def _schedule(env: Mapping, name: str) -> list[float]:
    """A retry schedule setting, the default one when unset."""
    return parse_schedule(env.get(name) or DEFAULT_RETRY_SCHEDULE, name)


def _outbox(env: Mapping) -> dict:
    """The outbox: how the CRM is reached and how the dispatcher works through the rows."""
    return dict(
        CRM_BASE_URL=(env.get("CRM_BASE_URL") or "http://localhost:5001").rstrip("/"),
        CRM_TIMEOUT=number(env, "CRM_TIMEOUT", 10.0),
        CRM_HEALTH_TIMEOUT=number(env, "CRM_HEALTH_TIMEOUT", 5.0),
        CRM_QUICK_RETRIES=number(env, "CRM_QUICK_RETRIES", 3, int),
        CRM_RETRY_SCHEDULE=_schedule(env, "CRM_RETRY_SCHEDULE"),
        CRM_SIGNING_SECRET=env.get("CRM_SIGNING_SECRET", ""),
        # Notifications per request to the CRM's POST /notify/batch (at most 500); 1: one /notify request each.
        CRM_BATCH_SIZE=batch_size(env),
        # A fallback only: committed messages wake the dispatcher at once (see delivery/wakeup.py).
        DISPATCH_POLL_INTERVAL=number(env, "DISPATCH_POLL_INTERVAL", 1.0),
        # Woken, or caught up after a round, a lane waits this long so the commits landing meanwhile go in one round.
        DISPATCH_GATHER_SECONDS=number(env, "DISPATCH_GATHER_SECONDS", 0.2, allow_zero=True),
        DISPATCH_WAKE_PORT=number(env, "DISPATCH_WAKE_PORT", 5002, int),
        DISPATCH_BATCH_SIZE=number(env, "DISPATCH_BATCH_SIZE", 500, int),
        DISPATCH_CONCURRENCY=number(env, "DISPATCH_CONCURRENCY", 8, int),
        OUTBOX_RETENTION_DAYS=number(env, "OUTBOX_RETENTION_DAYS", 30, int, allow_zero=True),
        DISPATCH_MAX_PROBE_INTERVAL=number(env, "DISPATCH_MAX_PROBE_INTERVAL", 5.0),
        DISPATCH_LEASE_SECONDS=number(env, "DISPATCH_LEASE_SECONDS", 60.0),
        # How far the dispatcher lowers its CPU priority (0 to 19; 0 leaves it): under contention it yields to the API.
        DISPATCHER_NICENESS=number(env, "DISPATCHER_NICENESS", 10, int, allow_zero=True),
    )


def _web(env: Mapping) -> dict:
    """The HTTP side: tokens, ports, the addresses links point to, bodies, proxies, caching and live streams."""
    return dict(
        JWT_ACCESS_TOKEN_EXPIRES=timedelta(minutes=number(env, "JWT_EXPIRES_MINUTES", 60.0)),
        MAIN_PORT=number(env, "MAIN_PORT", 5000, int),
        # Where people open the web app: links in calendar entries (and mails) point there.
        PUBLIC_WEB_URL=(env.get("PUBLIC_WEB_URL") or "http://localhost:5173").rstrip("/"),
        # Where mail clients reach the main API (one-click unsubscribe); the launcher derives MAIN_API_URL.
        PUBLIC_API_URL=(env.get("PUBLIC_MAIN_API_URL") or env.get("MAIN_API_URL") or "http://localhost:5000").rstrip(
            "/"
        ),
        CORS_ORIGINS=parse_origins(env.get("CORS_ORIGINS") or DEFAULT_CORS_ORIGINS),
        DEBUG=flag(env.get("FLASK_DEBUG", "0")),
        MAX_CONTENT_LENGTH=number(env, "MAX_CONTENT_LENGTH", 64 * 1024, int),
        # Reverse proxies in front of the app; their X-Forwarded-* headers are believed (0: none are).
        TRUSTED_PROXIES=count(env, "TRUSTED_PROXIES", 0),
        # How long a rendered catalogue page (GET /events) may be served again by the same process; 0 = never.
        CATALOGUE_CACHE_SECONDS=number(env, "CATALOGUE_CACHE_SECONDS", 2.0, allow_zero=True),
        # The live stream of notification centres (main_app.live): how often it looks for changes, how often it
        # tells a quiet stream it is still there, and how many streams one process keeps open.
        STREAM_POLL_INTERVAL=number(env, "STREAM_POLL_INTERVAL", 0.5),
        STREAM_HEARTBEAT_SECONDS=number(env, "STREAM_HEARTBEAT_SECONDS", 15.0),
        STREAM_MAX_CONNECTIONS=number(env, "STREAM_MAX_CONNECTIONS", 10_000, int),
    )


def _mail(env: Mapping) -> dict:
    """Emails to the people who book: SMTP when MAIL_URL is set, else .eml files in MAIL_FOLDER (development)."""
    return dict(
        MAIL_URL=mail_url((env.get("MAIL_URL") or "").strip()),
        MAIL_FROM=sender(env.get("MAIL_FROM") or "Sessions & Retreats <bookings@localhost>"),
        # Relative to the project, whichever directory the process started in.
        MAIL_FOLDER=str(PROJECT_ROOT / (env.get("MAIL_FOLDER") or "instance/mail")),
        MAIL_TIMEOUT=number(env, "MAIL_TIMEOUT", 10.0),
        # Emails to addresses a booker typed (their guests'), per booker and per address, per hour and per day.
        GUEST_EMAILS_PER_BOOKER_HOUR=number(env, "GUEST_EMAILS_PER_BOOKER_HOUR", 20, int),
        GUEST_EMAILS_PER_BOOKER_DAY=number(env, "GUEST_EMAILS_PER_BOOKER_DAY", 60, int),
        GUEST_EMAILS_PER_ADDRESS_HOUR=number(env, "GUEST_EMAILS_PER_ADDRESS_HOUR", 4, int),
        GUEST_EMAILS_PER_ADDRESS_DAY=number(env, "GUEST_EMAILS_PER_ADDRESS_DAY", 10, int),
        # Marketing emails (a segment's, to its clients who consented) one studio may send in any 24 hours.
        MARKETING_EMAILS_PER_DAY=number(env, "MARKETING_EMAILS_PER_DAY", 2000, int),
        MAIL_QUICK_RETRIES=number(env, "MAIL_QUICK_RETRIES", 2, int),
        MAIL_RETRY_SCHEDULE=_schedule(env, "MAIL_RETRY_SCHEDULE"),
    )


def _studios(env: Mapping, app_env: str) -> dict:
    """Who may make a studio; and the invitations one studio may email a day, in all and to one address."""
    return dict(
        STUDIO_SIGNUP=studio_signup(env, app_env),
        STUDIO_INVITATIONS_PER_DAY=number(env, "STUDIO_INVITATIONS_PER_DAY", 50, int),
        STUDIO_INVITATIONS_PER_ADDRESS_DAY=number(env, "STUDIO_INVITATIONS_PER_ADDRESS_DAY", 3, int),
        CALENDAR_KEYS_KEY=fernet_keys(env, "CALENDAR_KEYS_KEY"),  # seals teachers' calendar logins
    )


def _pre_debit_hours(env: Mapping) -> int:
    """PRE_DEBIT_NOTICE_HOURS: 48 unless set, never under the 24 hours the pre-debit rule asks."""
    hours = number(env, "PRE_DEBIT_NOTICE_HOURS", 48, int)
    if hours < 24:
        raise RuntimeError(f"PRE_DEBIT_NOTICE_HOURS must be 24 or more, got {hours}")
    return hours


def _payments(env: Mapping) -> dict:
    """Paid sessions: who takes the money, how long a seat waits for it, the currency new sessions get."""
    return dict(
        PAYMENT_PROVIDER=payment_provider(env),
        PAYMENT_KEYS_KEY=fernet_keys(env, "PAYMENT_KEYS_KEY"),
        PAYMENT_HOLD_SECONDS=number(env, "PAYMENT_HOLD_SECONDS", 900, int),
        # A payment plan's balance still unpaid this many days after its last due date cancels the booking.
        BALANCE_GRACE_DAYS=number(env, "BALANCE_GRACE_DAYS", 3, int, allow_zero=True),
        # Hours before a membership's automatic renewal its person is told of it (RBI's e-mandate rule: 24 at least).
        PRE_DEBIT_NOTICE_HOURS=_pre_debit_hours(env),
        DEFAULT_CURRENCY=currency(env.get("DEFAULT_CURRENCY") or "INR"),
        PAYMENT_RETRY_SCHEDULE=_schedule(env, "PAYMENT_RETRY_SCHEDULE"),
        STRIPE_SECRET_KEY=env.get("STRIPE_SECRET_KEY", ""),
        STRIPE_WEBHOOK_SECRET=env.get("STRIPE_WEBHOOK_SECRET", ""),
        STRIPE_API_BASE=(env.get("STRIPE_API_BASE") or "https://api.stripe.com").rstrip("/"),
        STRIPE_TIMEOUT=number(env, "STRIPE_TIMEOUT", 10.0),
        STRIPE_MAX_NETWORK_RETRIES=number(env, "STRIPE_MAX_NETWORK_RETRIES", 1, int, allow_zero=True),
        RAZORPAY_KEY_ID=env.get("RAZORPAY_KEY_ID", ""),
        RAZORPAY_KEY_SECRET=env.get("RAZORPAY_KEY_SECRET", ""),
        RAZORPAY_WEBHOOK_SECRET=env.get("RAZORPAY_WEBHOOK_SECRET", ""),
        RAZORPAY_API_BASE=(env.get("RAZORPAY_API_BASE") or "https://api.razorpay.com").rstrip("/"),
        # The script of Razorpay's Checkout our checkout page loads (a stand-in's in tests).
        RAZORPAY_CHECKOUT_JS=env.get("RAZORPAY_CHECKOUT_JS") or "https://checkout.razorpay.com/v1/checkout.js",
        RAZORPAY_TIMEOUT=number(env, "RAZORPAY_TIMEOUT", 10.0),
    )


def _day_of_session(env: Mapping) -> dict:
    """Check-in, no-shows, what is kept after a session, and how long a request for approval holds its seat."""
    return dict(
        # The day of a session: how long before its start check-in opens (it closes at the session's end).
        CHECKIN_OPENS_MINUTES=number(env, "CHECKIN_OPENS_MINUTES", 60, int),
        # After a session where check-in was taken: how long after its end the bookings nobody checked in are no-shows.
        NO_SHOW_GRACE_MINUTES=number(env, "NO_SHOW_GRACE_MINUTES", 15, int, allow_zero=True),
        # Answers to questions marked sensitive (health): emptied this many days after their session ends.
        SENSITIVE_ANSWERS_RETENTION_DAYS=number(env, "SENSITIVE_ANSWERS_RETENTION_DAYS", 30, int, allow_zero=True),
        # Events that require approval: how many days a request holds its seat while the facilitator decides.
        APPROVAL_HOLD_DAYS=number(env, "APPROVAL_HOLD_DAYS", 5, int),
        # Studio exports: where their files are written (the app's instance folder when unset), how long a link
        # works, and the rows one step of the timers lane writes (a step is short: the lane is never held).
        EXPORTS_DIR=env.get("EXPORTS_DIR") or None,
        EXPORT_LINK_HOURS=number(env, "EXPORT_LINK_HOURS", 24, int),
        EXPORT_CHUNK_ROWS=number(env, "EXPORT_CHUNK_ROWS", 5000, int),
        # Client imports: the most rows one file may hold, the rows one step of the timers lane writes, and the
        # largest file (its request's body) taken.
        CLIENT_IMPORT_MAX_ROWS=number(env, "CLIENT_IMPORT_MAX_ROWS", 20000, int),
        CLIENT_IMPORT_CHUNK_ROWS=number(env, "CLIENT_IMPORT_CHUNK_ROWS", 500, int),
        CLIENT_IMPORT_MAX_BYTES=number(env, "CLIENT_IMPORT_MAX_BYTES", 8 * 1024 * 1024, int),
        STUDIO_IMPORT_CHUNK_ROWS=number(env, "STUDIO_IMPORT_CHUNK_ROWS", 1000, int),
        STUDIO_IMPORT_MAX_BYTES=number(env, "STUDIO_IMPORT_MAX_BYTES", 64 * 1024 * 1024, int),
        # What its files may take unpacked (zipfile reads no more than each file declares): a small ZIP of huge
        # files is refused before it fills the disk.
        STUDIO_IMPORT_MAX_UNPACKED_BYTES=number(env, "STUDIO_IMPORT_MAX_UNPACKED_BYTES", 1024**3, int),
    )


def _texts(env: Mapping) -> dict:
    """Texts to people with texts on: through Twilio, or files in SMS_FOLDER (development; the mailbox shows them)."""
    return dict(
        PHONE_DEFAULT_REGION=phone_region(env.get("PHONE_DEFAULT_REGION") or "IN"),
        SMS_PROVIDER=sms_provider(env),
        SMS_TIMEOUT=number(env, "SMS_TIMEOUT", 10.0),
        TWILIO_ACCOUNT_SID=env.get("TWILIO_ACCOUNT_SID", ""),
        TWILIO_AUTH_TOKEN=env.get("TWILIO_AUTH_TOKEN", ""),
        TWILIO_FROM=env.get("TWILIO_FROM", ""),
        TWILIO_API_BASE=(env.get("TWILIO_API_BASE") or "https://api.twilio.com").rstrip("/"),
        SMS_FOLDER=str(PROJECT_ROOT / (env.get("SMS_FOLDER") or "instance/sms")),
        # Proving a number before texts go to it: how long a texted code works, how many wrong tries it takes, and
        # how many codes one account and one number may be sent (counted in the database, across workers).
        PHONE_CODE_MINUTES=number(env, "PHONE_CODE_MINUTES", 10, int),
        PHONE_CODE_ATTEMPTS=number(env, "PHONE_CODE_ATTEMPTS", 5, int),
        PHONE_CODES_PER_HOUR=number(env, "PHONE_CODES_PER_HOUR", 3, int),
        PHONE_CODES_PER_DAY=number(env, "PHONE_CODES_PER_DAY", 10, int),
        SMS_QUICK_RETRIES=number(env, "SMS_QUICK_RETRIES", 2, int),
        SMS_RETRY_SCHEDULE=_schedule(env, "SMS_RETRY_SCHEDULE"),
    )


def _rate_limits(env: Mapping) -> dict:
    """Rate limits: where they are counted and each route's limits."""
    # Per embedding site: nginx's in production (start_services reads the same settings), this one in every run.
    embed = embed_limits(env)
    return dict(
        **embed,
        RATELIMIT_EMBED_SITE=embed_api_limit(embed),
        RATELIMIT_ENABLED=flag(env.get("RATELIMIT_ENABLED", "1")),
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
        RATELIMIT_PAYMENT_KEYS=env.get("RATELIMIT_PAYMENT_KEYS") or "10/hour;30/day",
        # A person's own export, per account: each one reads all their rows and asks the CRM.
        RATELIMIT_PERSONAL_EXPORT=env.get("RATELIMIT_PERSONAL_EXPORT") or "5/hour;20/day",
        # Exports of one studio asked for: each reads every row it holds.
        RATELIMIT_STUDIO_EXPORT=env.get("RATELIMIT_STUDIO_EXPORT") or "5/hour;20/day",
        # Client files checked or imported into one studio: each reads a file of up to CLIENT_IMPORT_MAX_ROWS rows.
        RATELIMIT_CLIENT_IMPORT=env.get("RATELIMIT_CLIENT_IMPORT") or "60/hour",
        RATELIMIT_PHONE_CODE=env.get("RATELIMIT_PHONE_CODE") or "5/minute;20/hour",
    )


def load_launcher_settings(env: dict | None = None) -> dict:
    """How start_services.py sizes the system: gunicorn workers and threads per service, dispatcher processes."""
    env = dict(os.environ if env is None else env)
    return {
        "workers": number(env, "GUNICORN_WORKERS", 2, int),
        "threads": number(env, "GUNICORN_THREADS", 4, int),
        "dispatchers": number(env, "DISPATCHERS", 1, int),
    }

"""Checks of single settings: each reads one environment variable (or a few that go together) or refuses it."""

import math
from collections.abc import Mapping
from email.utils import formataddr, parseaddr
from urllib.parse import urlsplit

import phonenumbers
from cryptography.fernet import Fernet

from main_app.services.crm import DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE


def flag(value: str) -> bool:
    """Parse a yes/no environment value."""
    return value.strip().lower() in ("1", "true", "yes", "on")


def number(env: dict, name: str, default, kind=float, allow_zero: bool = False):
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


def count(env: dict, name: str, default: int) -> int:
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


def batch_size(env: Mapping) -> int:
    """CRM_BATCH_SIZE: 1 to the most the CRM's batch route takes."""
    size = number(env, "CRM_BATCH_SIZE", DEFAULT_BATCH_SIZE, int)
    if size > MAX_BATCH_SIZE:
        raise RuntimeError(f"CRM_BATCH_SIZE must be at most {MAX_BATCH_SIZE} (the CRM's limit), got {size}")
    return size


def sender(raw: str) -> str:
    """MAIL_FROM as a From header: "Name <address@domain>" or a bare address."""
    name, address = parseaddr(raw)
    if "@" not in address or any(c in raw for c in "\r\n"):
        raise RuntimeError(
            f"MAIL_FROM must be an email address such as 'Sessions & Retreats <bookings@example.com>', got {raw!r}"
        )
    return formataddr((name, address)) if name else address


def mail_url(raw: str) -> str:
    """MAIL_URL checked at start-up (empty: emails go to MAIL_FOLDER)."""
    if raw and urlsplit(raw).scheme not in ("smtp", "smtps"):
        raise RuntimeError("MAIL_URL must look like smtp://user:password@host:587?starttls=1 or smtps://host:465")
    return raw


def currency(raw: str) -> str:
    """DEFAULT_CURRENCY: an ISO 4217 code."""
    code = raw.strip().upper()
    if not (len(code) == 3 and code.isascii() and code.isalpha()):
        raise RuntimeError(f"DEFAULT_CURRENCY must be an ISO 4217 code such as INR, got {raw!r}")
    return code


def phone_region(raw: str) -> str:
    """PHONE_DEFAULT_REGION: where a number typed without +country code is from (ISO 3166 alpha-2)."""
    region = raw.strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise RuntimeError(f"PHONE_DEFAULT_REGION must be a two-letter region code such as IN or GB, got {raw!r}")
    return region


def sms_provider(env: Mapping) -> str:
    """SMS_PROVIDER, with what the one named needs."""
    name = (env.get("SMS_PROVIDER") or "file").strip().lower()
    if name not in ("file", "twilio"):
        raise RuntimeError(f"SMS_PROVIDER must be 'file' or 'twilio', got {name!r}")
    missing = [key for key in ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM") if not env.get(key)]
    if name == "twilio" and missing:
        raise RuntimeError(f"SMS_PROVIDER=twilio needs {', '.join(missing)} (from the Twilio console)")
    return name


# What each provider named in PAYMENT_PROVIDER needs set (its keys and its webhooks' secret).
PROVIDER_SECRETS = {
    "test": (),
    "stripe": ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"),
    "razorpay": ("RAZORPAY_KEY_ID", "RAZORPAY_KEY_SECRET", "RAZORPAY_WEBHOOK_SECRET"),
}


def payment_provider(env: Mapping) -> str:
    """PAYMENT_PROVIDER, with what the one named needs."""
    name = (env.get("PAYMENT_PROVIDER") or "test").strip().lower()
    if name not in PROVIDER_SECRETS:
        raise RuntimeError(f"PAYMENT_PROVIDER must be 'test', 'stripe' or 'razorpay', got {name!r}")
    missing = [key for key in PROVIDER_SECRETS[name] if not env.get(key)]
    if missing:
        raise RuntimeError(f"PAYMENT_PROVIDER={name} needs {' and '.join(missing)} (see docs/payments.md)")
    return name


def fernet_keys(env: Mapping, name: str) -> str:
    """PAYMENT_KEYS_KEY, WHATSAPP_KEYS_KEY: the Fernet keys (comma-separated, the first seals) of the studios' secrets
    of that kind at rest (services/common/sealing.py)."""
    keys = [key.strip() for key in (env.get(name) or "").split(",") if key.strip()]
    for key in keys:
        try:
            Fernet(key)
        except ValueError:
            raise RuntimeError(
                f"{name} must be Fernet keys, comma-separated: make one with "
                '.venv/bin/python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
            ) from None
    return ",".join(keys)


def studio_signup(env: Mapping, app_env: str) -> str:
    """STUDIO_SIGNUP: who may make a studio, any account ("open") or only platform admins ("admin")."""
    name = (env.get("STUDIO_SIGNUP") or ("admin" if app_env == "production" else "open")).strip().lower()
    if name not in ("open", "admin"):
        raise RuntimeError(f"STUDIO_SIGNUP must be 'open' or 'admin', got {name!r}")
    return name


# werkzeug's default: scrypt with N=2**15, r=8, p=1 (about 0.1 s of CPU a hash here), what production keeps.
STRONG_SCRYPT = (2**15, 8, 1)


def password_hash_method(env: Mapping, app_env: str) -> str:
    """PASSWORD_HASH_METHOD: "scrypt" or "scrypt:N:r:p" for new password hashes; production refuses a cheaper one.

    Only the test suite lowers it (each hash made at full cost would spend minutes of its CPU); a stored hash names
    its own method, so hashes made either way keep checking."""
    raw = (env.get("PASSWORD_HASH_METHOD") or "scrypt").strip()
    name, *args = raw.split(":")
    try:
        n, r, p = (int(arg) for arg in args) if args else STRONG_SCRYPT
    except ValueError:
        n = r = p = 0
    if name != "scrypt" or n < 2 or n & (n - 1) or r < 1 or p < 1:
        raise RuntimeError(f"PASSWORD_HASH_METHOD must be 'scrypt' or 'scrypt:N:r:p' (N a power of 2), got {raw!r}")
    if app_env == "production" and (n < STRONG_SCRYPT[0] or r < STRONG_SCRYPT[1]):
        raise RuntimeError(f"APP_ENV=production refuses PASSWORD_HASH_METHOD={raw!r}: use 'scrypt' (N=32768, r=8)")
    return f"scrypt:{n}:{r}:{p}"

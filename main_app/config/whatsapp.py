"""WhatsApp settings: the install's WhatsApp Business number (Meta's Cloud API), used by every studio without its own,
and the key that seals the studios' own numbers' secrets. Production's check of secrets (service_kit.settings)
refuses weak or published values of the three secrets here."""

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from .values import fernet_keys, number, parse_schedule

DEFAULT_API_BASE = "https://graph.facebook.com/v21.0"
# Meta's ids are digits (a phone number id, a WhatsApp Business Account id).
META_ID = re.compile(r"\d{6,20}")
# What the install's number needs beside its id, each from the Meta app (docs/configuration.md).
# Seconds before each later try of a message that failed transiently: the other lanes' default (config/__init__.py).
SCHEDULE = "WHATSAPP_RETRY_SCHEDULE"
RETRY_SCHEDULE = "5,30,120,600,1800,3600,7200,14400,28800,43200,43200,43200"
NEEDED = ("WHATSAPP_BUSINESS_ACCOUNT_ID", "WHATSAPP_ACCESS_TOKEN", "WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN")


def _meta_id(env: Mapping, name: str) -> str:
    value = (env.get(name) or "").strip()
    if value and not META_ID.fullmatch(value):
        raise RuntimeError(f"{name} must be the id Meta shows (6 to 20 digits), got {value!r}")
    return value


def _api_base(env: Mapping) -> str:
    raw = (env.get("WHATSAPP_API_BASE") or DEFAULT_API_BASE).strip().rstrip("/")
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RuntimeError(f"WHATSAPP_API_BASE must be an http(s) address like {DEFAULT_API_BASE}, got {raw!r}")
    return raw


def whatsapp(env: Mapping) -> dict:
    """The install's number (all of NEEDED once WHATSAPP_PHONE_NUMBER_ID is set), where Meta's API is reached,
    WHATSAPP_KEYS_KEY (Fernet keys; derived from SECRET_KEY when unset) and how the WhatsApp lane sends."""
    phone_number_id = _meta_id(env, "WHATSAPP_PHONE_NUMBER_ID")
    missing = [name for name in NEEDED if not (env.get(name) or "").strip()]
    if phone_number_id and missing:
        raise RuntimeError(f"WHATSAPP_PHONE_NUMBER_ID needs {', '.join(missing)} (see docs/configuration.md)")
    return dict(
        WHATSAPP_PHONE_NUMBER_ID=phone_number_id,
        WHATSAPP_BUSINESS_ACCOUNT_ID=_meta_id(env, "WHATSAPP_BUSINESS_ACCOUNT_ID"),
        WHATSAPP_ACCESS_TOKEN=(env.get("WHATSAPP_ACCESS_TOKEN") or "").strip(),
        WHATSAPP_APP_SECRET=(env.get("WHATSAPP_APP_SECRET") or "").strip(),
        WHATSAPP_VERIFY_TOKEN=(env.get("WHATSAPP_VERIFY_TOKEN") or "").strip(),
        WHATSAPP_API_BASE=_api_base(env),
        # Development: the stand-in for Meta that `python3 dev.py run` starts, for the mailbox page (api/mailbox.py).
        WHATSAPP_STAND_IN_URL=(env.get("WHATSAPP_STAND_IN_URL") or "").strip().rstrip("/"),
        WHATSAPP_KEYS_KEY=fernet_keys(env, "WHATSAPP_KEYS_KEY"),
        WHATSAPP_TIMEOUT=number(env, "WHATSAPP_TIMEOUT", 10.0),
        WHATSAPP_QUICK_RETRIES=number(env, "WHATSAPP_QUICK_RETRIES", 2, int),
        WHATSAPP_RETRY_SCHEDULE=parse_schedule(env.get(SCHEDULE) or RETRY_SCHEDULE, SCHEDULE),
    )

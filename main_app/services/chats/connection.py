"""Which WhatsApp Business number a message goes through: the studio's own (its ids, and its access token, app secret
and webhook verify token sealed with Fernet under WHATSAPP_KEYS_KEY, never shown again but by a hint), else the
install's (WHATSAPP_* settings); and, for a webhook, whose number it names."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import delete, select

from main_app.plumbing import lock
from main_app.services.common import Sealer, Unsealable
from main_app.services.languages import lazy_gettext
from service_kit.errors import ValidationFailed

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import Studio, StudioWhatsapp, utcnow

SEALER = Sealer("WHATSAPP_KEYS_KEY", b"studio-whatsapp-secrets")
IDS = ("phone_number_id", "business_account_id")
SECRETS = ("access_token", "app_secret", "verify_token")
# What each field looks like (Meta's ids are digits, its tokens start EAA, an app secret is 32 hex digits; the verify
# token is the owner's own choice), so a value pasted into the wrong field is caught at once.
PATTERNS = {
    "phone_number_id": re.compile(r"\d{6,20}"),
    "business_account_id": re.compile(r"\d{6,20}"),
    "access_token": re.compile(r"EAA[A-Za-z0-9_-]{20,1000}"),
    "app_secret": re.compile(r"[0-9a-f]{32}"),
    "verify_token": re.compile(r"[\x21-\x7e]{16,200}"),
}
SHAPES = {
    "phone_number_id": lazy_gettext("The phone number ID from WhatsApp Manager: 6 to 20 digits."),
    "business_account_id": lazy_gettext("The WhatsApp Business Account ID: 6 to 20 digits."),
    "access_token": lazy_gettext("An access token from Meta: it starts with EAA."),
    "app_secret": lazy_gettext("The app secret from the Meta app's basic settings: 32 letters a-f and digits."),
    "verify_token": lazy_gettext("16 to 200 letters, digits or signs, no spaces."),
}
# Where Meta sends a studio's webhooks (the webhook's route; the install's number uses WEBHOOK_PATH alone).
WEBHOOK_PATH = "/whatsapp/webhook"


class SecretsLost(RuntimeError):
    """A studio's WhatsApp secrets cannot be opened with WHATSAPP_KEYS_KEY (it was lost or changed)."""


@dataclass(frozen=True)
class Connection:
    """A WhatsApp Business number to send through and take webhooks for: a studio's own (studio_id), or the
    install's (studio_id None). Its secrets never show in a repr or a log line."""

    studio_id: int | None
    phone_number_id: str
    business_account_id: str
    api_base: str
    access_token: str = field(repr=False)
    app_secret: str = field(repr=False)
    verify_token: str = field(repr=False)


def install_connection(config: Mapping) -> Connection | None:
    """The install's number (WHATSAPP_PHONE_NUMBER_ID and its settings), None when it has none."""
    if not config.get("WHATSAPP_PHONE_NUMBER_ID"):
        return None
    return Connection(
        None, config["WHATSAPP_PHONE_NUMBER_ID"], config.get("WHATSAPP_BUSINESS_ACCOUNT_ID", ""),
        config["WHATSAPP_API_BASE"], config.get("WHATSAPP_ACCESS_TOKEN", ""), config.get("WHATSAPP_APP_SECRET", ""),
        config.get("WHATSAPP_VERIFY_TOKEN", ""),
    )  # fmt: skip


def _opened(row: StudioWhatsapp, config: Mapping) -> Connection:
    try:
        secrets = SEALER.unseal(config, row.secrets)
    except Unsealable:
        raise SecretsLost(
            f"studio {row.studio_id}'s WhatsApp secrets cannot be opened with WHATSAPP_KEYS_KEY"
        ) from None
    ids = (row.studio_id, row.phone_number_id, row.business_account_id, config["WHATSAPP_API_BASE"])
    return Connection(*ids, *(secrets[name] for name in SECRETS))


def connection_for(studio_id: int | None, config: Mapping) -> Connection | None:
    """The number a message of the studio's goes through: its own, else the install's, else None (no WhatsApp);
    SecretsLost when its own cannot be opened (never the install's instead: the person expects the studio's)."""
    row = db.session.get(StudioWhatsapp, studio_id) if studio_id is not None else None
    return _opened(row, config) if row is not None else install_connection(config)


def connection_of_number(phone_number_id: str, config: Mapping) -> Connection | None:
    """The connection whose number a webhook names (metadata.phone_number_id): a studio's (studio_id set), the
    install's (studio_id None: the studio is then the conversation's, not the number's), or None (not ours)."""
    row = db.session.scalar(select(StudioWhatsapp).where(StudioWhatsapp.phone_number_id == phone_number_id))
    if row is not None:
        return _opened(row, config)
    install = install_connection(config)
    return install if install is not None and install.phone_number_id == phone_number_id else None


def webhook_connection(slug: str | None, config: Mapping) -> Connection | None:
    """The connection a webhook URL is for: WEBHOOK_PATH alone the install's, WEBHOOK_PATH/<slug> that studio's own
    (None when it has none: another studio's secret, or the install's, never answers for it)."""
    if slug is None:
        return install_connection(config)
    row = db.session.scalar(
        select(StudioWhatsapp).join(Studio, Studio.id == StudioWhatsapp.studio_id).where(Studio.slug == slug)
    )
    return _opened(row, config) if row is not None else None


def checked(fields: Mapping[str, str], config: Mapping) -> dict[str, str]:
    """The connection's five fields, each given and of its shape, the number neither the install's nor another
    studio's: 400 naming the wrong fields, 409 whatsapp_number_taken."""
    values = {name: (fields.get(name) or "").strip() for name in (*IDS, *SECRETS)}
    wrong = {name: [str(SHAPES[name])] for name, value in values.items() if not PATTERNS[name].fullmatch(value)}
    if wrong:
        raise ValidationFailed(f"Invalid input: {', '.join(sorted(wrong))}.", details=wrong)
    if values["phone_number_id"] == config.get("WHATSAPP_PHONE_NUMBER_ID"):
        raise api_error("whatsapp_number_taken.install")
    return values


def hint(access_token: str) -> str:
    """Which token is set, safe to show: its kind (EAA) and its last four characters."""
    return f"{access_token[:3]}…{access_token[-4:]}"


def audited(row: StudioWhatsapp | None) -> dict:
    """A connection as the audit log keeps it: the number and the token's hint, never a secret."""
    return {"phone_number_id": row and row.phone_number_id, "secrets_hint": row and row.secrets_hint}


def set_connection(studio_id: int, values: Mapping[str, str], config: Mapping) -> tuple[dict, dict]:
    """Connect the studio's own number (checked values) in the caller's transaction, secrets sealed; the audit's
    before and after. A number another studio has is refused by the database's unique index (flushed here)."""
    row = db.session.get(StudioWhatsapp, studio_id)
    before = audited(row)
    if row is None:
        row = StudioWhatsapp(studio_id=studio_id)
        db.session.add(row)
    row.phone_number_id, row.business_account_id = values["phone_number_id"], values["business_account_id"]
    row.secrets = SEALER.seal(config, {name: values[name] for name in SECRETS})
    row.secrets_hint, row.set_at = hint(values["access_token"]), utcnow()
    db.session.flush()
    return before, audited(row)


def clear_connection(studio_id: int) -> dict | None:
    """Disconnect the studio's own number in the caller's transaction (its messages go through the install's again);
    the audit's before, None when it had none."""
    row = db.session.get(StudioWhatsapp, studio_id)
    if row is None:
        return None
    before = audited(row)
    db.session.execute(delete(StudioWhatsapp).where(StudioWhatsapp.studio_id == studio_id))
    return before


def document(studio: Studio, config: Mapping) -> dict:
    """A studio's WhatsApp settings as its owner sees them: its own number's ids and the hint of its secrets (never
    the secrets), the install's number, which one its messages go through, and where Meta sends its webhooks."""
    row = db.session.get(StudioWhatsapp, studio.id)
    install = config.get("WHATSAPP_PHONE_NUMBER_ID") or None
    return {
        "connected": row is not None,
        "phone_number_id": row and row.phone_number_id,
        "business_account_id": row and row.business_account_id,
        "secrets_hint": row and row.secrets_hint,
        "secrets_set_at": row and row.set_at,
        "install_phone_number_id": install,
        "sends_through": "own" if row is not None else ("install" if install else None),
        "webhook_url": f"{config['PUBLIC_API_URL']}{WEBHOOK_PATH}/{studio.slug}" if row is not None else None,
    }


def rotate_secrets(config: Mapping) -> int:
    """Seal every studio's WhatsApp secrets again with WHATSAPP_KEYS_KEY's first key, each studio in its own short
    transaction under its row's lock (a change racing it wins or waits); how many were sealed again."""
    ids = db.session.scalars(select(StudioWhatsapp.studio_id).order_by(StudioWhatsapp.studio_id)).all()
    db.session.rollback()
    for studio_id in ids:
        with unit_of_work():
            lock(Studio, [studio_id])
            row = db.session.get(StudioWhatsapp, studio_id, populate_existing=True)
            if row is not None:
                row.secrets = SEALER.rotated(config, row.secrets)
    return len(ids)

"""A studio connects its own payment provider: its owner picks one and enters its keys, which are checked against
the provider, sealed (accounts.seal) and audited by their hint alone; or it goes back to the install's provider."""

import logging
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import select

from main_app.services.studios import Actor, locked_studio, record
from service_kit.errors import ValidationFailed

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import Studio
from . import accounts
from .providers import PROVIDERS, make_provider
from .providers.base import PaymentError

log = logging.getLogger(__name__)
INSTALL = "install"  # the studio takes money through the install's PAYMENT_PROVIDER and keys
# What a key must start with, so a key pasted into the wrong field is caught before the provider is asked.
KEY_PREFIXES = {
    ("stripe", "secret_key"): ("sk_", "rk_"),
    ("stripe", "webhook_secret"): ("whsec_",),
    ("razorpay", "key_id"): ("rzp_test_", "rzp_live_"),
}


# How an owner reads each provider's name in a sentence.
PROVIDER_TITLES = {"test": "The test provider", "stripe": "Stripe", "razorpay": "Razorpay"}


def choices() -> list[str]:
    """What a studio may pick here: the install's, and each provider this install can reach (never the test one in
    production, nor when it is the install's: that is the first choice already, as it takes no keys)."""
    production = current_app.config["APP_ENV"] == "production"
    offered = [name for name in PROVIDERS if not (name == "test" and (production or _install_provider() == "test"))]
    return [INSTALL, *offered]


def _install_provider() -> str:
    return current_app.config["PAYMENT_PROVIDER"]


def document(studio: Studio) -> dict:
    """A studio's payment settings as its owner sees them: never the keys, only their hint."""
    own = studio.payment_provider if studio.payment_keys else None
    api = current_app.config["PUBLIC_API_URL"]
    # A studio put on the test provider while the install is on it too takes money exactly as the install does.
    chosen = studio.payment_provider if studio.payment_provider in choices() else INSTALL
    return {
        "provider": chosen,
        "install_provider": _install_provider(),
        "keys_hint": studio.payment_keys_hint,
        "keys_set_at": studio.payment_keys_set_at,
        "webhook_url": f"{api}/payments/webhook/{own}/{studio.slug}" if own else None,
        "choices": choices(),
        "key_fields": {name: list(fields) for name, fields in accounts.KEY_FIELDS.items() if name in PROVIDERS},
    }


def connect(studio_id: int, actor: Actor, provider_name: str, keys: dict[str, str] | None) -> Studio:
    """Set the studio's provider (its keys checked with the provider first: a network call, outside any
    transaction), with an audit entry naming the provider and the keys' hint, never the keys."""
    if provider_name not in choices():
        raise ValidationFailed(
            f"Invalid input: provider: one of {', '.join(choices())}.", details={"provider": [f"one of {choices()}"]}
        )
    needed = accounts.KEY_FIELDS.get(provider_name, {})
    keys = _checked_keys(provider_name, needed, keys or {})
    sealed = accounts.seal(current_app.config, keys) if needed else None
    hint = accounts.hint(provider_name, keys) if needed else None
    with unit_of_work(keep_loaded=True):
        studio = locked_studio(studio_id)
        before = {"provider": studio.payment_provider or INSTALL, "keys_hint": studio.payment_keys_hint}
        studio.payment_provider = None if provider_name == INSTALL else provider_name
        studio.payment_keys, studio.payment_keys_hint = sealed, hint
        studio.payment_keys_set_at = datetime.now(UTC) if sealed else None
        after = {"provider": provider_name, "keys_hint": hint}
        record(studio.id, actor, "studio.payments_changed", ("studio", studio.id), before, after)
    return studio


def _checked_keys(provider_name: str, needed: dict, keys: dict) -> dict[str, str]:
    """The keys a provider needs, each given and of its kind, and answered by the provider; 400 otherwise."""
    wrong = {field: ["required"] for field in needed if not keys.get(field)}
    wrong |= {field: ["not a key of this provider"] for field in keys if field not in needed}
    for (name, field), prefixes in KEY_PREFIXES.items():
        if name == provider_name and keys.get(field) and not keys[field].startswith(prefixes):
            wrong[field] = [f"should start with {' or '.join(prefixes)}"]
    if wrong:
        raise ValidationFailed(f"Invalid input: keys: {', '.join(sorted(wrong))}.", details={"keys": wrong})
    if not needed:
        return {}
    settings = {setting: keys[field] for field, setting in needed.items()}
    try:
        make_provider(provider_name, {**current_app.config, **settings}).check_keys()
    except PaymentError as exc:
        log.info("a studio's %s keys were not checked: %s", provider_name, "refused" if exc.configuration else "down")
        if exc.configuration:
            raise api_error("payment_keys_refused", provider=PROVIDER_TITLES[provider_name]) from None
        raise api_error("payment_provider_unavailable") from None
    return {field: keys[field] for field in needed}


def webhook_account(provider_name: str, slug: str) -> int:
    """The studio (closed ones too: refunds still settle) whose own account with this provider a webhook is for;
    404 unknown_provider when it has none."""
    found = db.session.execute(
        select(Studio.id, Studio.payment_provider, Studio.payment_keys).where(Studio.slug == slug)
    ).first()
    if found is None or found.payment_provider != provider_name or not found.payment_keys:
        raise api_error("unknown_provider", provider=provider_name)
    return found.id


def rotate_keys(config) -> int:
    """Seal every studio's keys again with PAYMENT_KEYS_KEY's first key, each studio in its own short transaction
    under its row lock (a change racing it wins or waits); how many were sealed again."""
    ids = db.session.scalars(select(Studio.id).where(Studio.payment_keys.is_not(None)).order_by(Studio.id)).all()
    db.session.rollback()
    for studio_id in ids:
        with unit_of_work():
            studio = locked_studio(studio_id)
            if studio.payment_keys:
                studio.payment_keys = accounts.rotated(config, studio.payment_keys)
    return len(ids)

"""A studio's own payment provider account: which provider takes its money, and its keys, sealed at rest with
Fernet (PAYMENT_KEYS_KEY, several to rotate; derived from SECRET_KEY when unset). A studio without one uses the
install's PAYMENT_PROVIDER and its keys. Keys go in once and are never shown again: only a hint of which they are."""

import hashlib
from collections.abc import Mapping

from main_app.services.common import Sealer, Unsealable

from .providers import make_provider
from .providers.base import PaymentError, PaymentProvider

# What each provider's keys are called in a studio's settings, and the install setting each one stands in for.
KEY_FIELDS = {
    "stripe": {"secret_key": "STRIPE_SECRET_KEY", "webhook_secret": "STRIPE_WEBHOOK_SECRET"},
    "razorpay": {
        "key_id": "RAZORPAY_KEY_ID",
        "key_secret": "RAZORPAY_KEY_SECRET",
        "webhook_secret": "RAZORPAY_WEBHOOK_SECRET",
    },
}
# The key that says which account it is, shown (in part) as the keys' hint; the rest are secrets, shown never.
NAMING_KEY = {"stripe": "secret_key", "razorpay": "key_id"}


# Studios' payment keys: sealed under PAYMENT_KEYS_KEY (documented: set it so SECRET_KEY can change without losing
# the studios' keys), else under a key derived from SECRET_KEY for them alone.
SEALER = Sealer("PAYMENT_KEYS_KEY", b"studio-payment-keys")


def seal(config: Mapping, keys: Mapping[str, str]) -> str:
    """The keys as one token to store."""
    return SEALER.seal(config, keys)


def unseal(config: Mapping, token: str) -> dict[str, str]:
    """The keys a token holds; a configuration PaymentError when no key we have opens it (PAYMENT_KEYS_KEY lost)."""
    try:
        return SEALER.unseal(config, token)
    except Unsealable:
        raise PaymentError(
            "A studio's payment keys cannot be opened with PAYMENT_KEYS_KEY (see docs/payments.md).",
            configuration=True,
        ) from None


def rotated(config: Mapping, token: str) -> str:
    """The token sealed again with PAYMENT_KEYS_KEY's first key (MultiFernet.rotate)."""
    return SEALER.rotated(config, token)


def hint(name: str, keys: Mapping[str, str]) -> str:
    """Which keys these are, safe to show: the naming key's kind and its last four characters."""
    shown = keys[NAMING_KEY[name]]
    kind = shown.rsplit("_", 1)[0] + "_" if "_" in shown else ""
    return f"{kind[:16]}…{shown[-4:]}"


def build(name: str, config: Mapping, sealed: str | None) -> PaymentProvider:
    """The provider called name, with a studio's keys in place of the install's (none sealed: the install's)."""
    if sealed is None:
        return make_provider(name, config)
    keys = unseal(config, sealed)
    settings = {setting: keys.get(field, "") for field, setting in KEY_FIELDS.get(name, {}).items()}
    return make_provider(name, {**config, **settings})


def cache_key(name: str, account: int | None, sealed: str | None) -> tuple:
    """Providers are kept per name, account and keys: new keys make a new one."""
    digest = hashlib.sha256(sealed.encode()).hexdigest() if sealed else None
    return name, account, digest

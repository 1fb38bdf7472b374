"""Secrets a studio gives us (its payment keys, its WhatsApp token), sealed at rest with Fernet: under the keys of a
setting (comma-separated; the first seals, all open, so a new key goes first and the old one stays until every
secret is sealed again), or, while that setting is unset, under one derived from SECRET_KEY for that purpose alone."""

import base64
import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class Unsealable(Exception):
    """No key of the setting opens a sealed token (its key was lost or changed)."""


@dataclass(frozen=True)
class Sealer:
    """Seals one kind of secrets: setting names the install's Fernet keys, purpose the key derived when it is unset
    (so two kinds derived from the same SECRET_KEY never share a key)."""

    setting: str
    purpose: bytes

    def fernet(self, config: Mapping) -> MultiFernet:
        """The setting's keys (the first seals, all open), else the one derived from SECRET_KEY."""
        given = [key.strip() for key in (config.get(self.setting) or "").split(",") if key.strip()]
        if not given:
            derived = hmac.new(config["SECRET_KEY"].encode(), self.purpose, hashlib.sha256).digest()
            given = [base64.urlsafe_b64encode(derived).decode()]
        return MultiFernet([Fernet(key) for key in given])

    def seal(self, config: Mapping, values: Mapping[str, str]) -> str:
        """values as one token to store."""
        return self.fernet(config).encrypt(json.dumps(dict(values), sort_keys=True).encode()).decode()

    def unseal(self, config: Mapping, token: str) -> dict[str, str]:
        """The values a token holds; Unsealable when no key we have opens it."""
        try:
            return json.loads(self.fernet(config).decrypt(token.encode()))
        except (InvalidToken, ValueError):
            raise Unsealable(self.setting) from None

    def rotated(self, config: Mapping, token: str) -> str:
        """The token sealed again with the setting's first key (MultiFernet.rotate)."""
        return self.fernet(config).rotate(token.encode()).decode()

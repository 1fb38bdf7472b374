"""flask-jwt-extended's manager, remembering the claims of the tokens it has verified.

A person's browser sends the same token with every request for an hour, and checking it (base64 and JSON three
times over, one HMAC) cost a sixth of a refused booking (the rush's most common answer). A token verified once gives
the same claims every time, so each app keeps them, keyed by the whole token (signature included), until the token
expires. Nothing else is skipped: the claims check, the logout (revocation) check and the account lookup run on every
request, and a token whose text differs in any character is verified afresh.

A token not seen before is decoded once, while verifying it: flask-jwt-extended first decodes it unverified (twice
more: claims, then header) only to hand both to a custom decode-key loader, which our apps never register (the key is
JWT_SECRET_KEY); with such a loader, or for an expired token (whose error carries the unverified parts), its own path
runs."""

import threading
import time

from flask import current_app
from flask_jwt_extended import JWTManager
from flask_jwt_extended.config import config
from flask_jwt_extended.default_callbacks import default_decode_key_callback
from flask_jwt_extended.tokens import _decode_jwt
from jwt import ExpiredSignatureError

EXTENSION = "verified_tokens"
MAX_TOKENS = 5_000  # tokens kept per app (about 1 KB each); the oldest go first


class VerifiedTokens:
    """Claims of verified tokens by their text, each until its expiry."""

    def __init__(self):
        self._claims: dict[str, tuple[float, dict]] = {}
        self._lock = threading.Lock()

    def get(self, token: str) -> dict | None:
        """A copy of the token's claims while it has not expired (callers may change what they get), else None."""
        found = self._claims.get(token)
        if found is None or time.time() >= found[0]:
            return None
        return dict(found[1])

    def keep(self, token: str, claims: dict, leeway: float) -> None:
        """Remember a verified token's claims until its expiry (exp, plus the leeway the check allows)."""
        expires = claims.get("exp")
        if not isinstance(expires, (int, float)) or isinstance(expires, bool):
            return  # no expiry: verified every time (the claims check refuses such a token anyway)
        with self._lock:
            if len(self._claims) >= MAX_TOKENS:
                self._claims.pop(next(iter(self._claims)))
            self._claims[token] = (expires + leeway, dict(claims))


class CachingJWTManager(JWTManager):
    """JWTManager whose decoding answers from the app's VerifiedTokens when it can (see the module's text)."""

    def init_app(self, app, add_context_processor: bool = False) -> None:
        super().init_app(app, add_context_processor)
        app.extensions[EXTENSION] = VerifiedTokens()  # per app: apps (tests) may have different secrets

    def _decode_jwt_from_config(self, encoded_token: str, csrf_value=None, allow_expired: bool = False) -> dict:
        plain = csrf_value is None and not allow_expired
        tokens = current_app.extensions.get(EXTENSION)
        if plain and tokens is not None and (claims := tokens.get(encoded_token)) is not None:
            return claims
        claims = self._verify_once(encoded_token) if plain else None
        if claims is None:
            claims = super()._decode_jwt_from_config(encoded_token, csrf_value, allow_expired)
        if plain and tokens is not None:
            leeway = current_app.config.get("JWT_DECODE_LEEWAY", 0)
            tokens.keep(encoded_token, claims, leeway.total_seconds() if hasattr(leeway, "total_seconds") else leeway)
        return claims

    def _verify_once(self, encoded_token: str) -> dict | None:
        """The token's claims from a single verifying decode with the configured key (the arguments flask-jwt-extended
        passes); None when its own path must run: a custom decode-key loader, or an expired token."""
        if self._decode_key_callback is not default_decode_key_callback:
            return None
        try:
            return _decode_jwt(
                algorithms=config.decode_algorithms,
                allow_expired=False,
                audience=config.decode_audience,
                csrf_value=None,
                encoded_token=encoded_token,
                identity_claim_key=config.identity_claim_key,
                issuer=config.decode_issuer,
                leeway=config.leeway,
                secret=config.decode_key,
                verify_aud=config.decode_audience is not None,
                verify_sub=config.verify_sub,
            )
        except ExpiredSignatureError:
            return None  # decoded again by the library, so its error carries the header and claims its handler reads

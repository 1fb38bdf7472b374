"""Signed tokens mailed to people: a password reset (single use, an hour), turning reminders, a guest's emails or a
studio's marketing emails off (one click), taking or declining a waiting-list offer (single use: it names the offer's
place and time) and rating a session attended (a week, changeable).

itsdangerous signs them with SECRET_KEY, each purpose with its own salt, so one kind is never accepted as another.
A reset token names the account's token generation, which the reset raises: used once, it no longer matches."""

from datetime import UTC, datetime, timedelta
from functools import lru_cache

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeSerializer, URLSafeTimedSerializer

PASSWORD_RESET_SECONDS = 3600
FEEDBACK_SECONDS = 7 * 24 * 3600  # a feedback link rates and re-rates the session for a week
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class TokenRefused(Exception):
    """A token that is not ours, was altered, has expired or was used."""


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return _serializer_for(current_app.config["SECRET_KEY"], salt)


@lru_cache(maxsize=32)
def _serializer_for(secret_key: str, salt: str) -> URLSafeTimedSerializer:
    """Built once per key and purpose (every booking signs an unsubscribe link for its reminders)."""
    return URLSafeTimedSerializer(secret_key, salt=salt)


def password_reset_token(user) -> str:
    """A token that resets user's password once, within the hour."""
    return _serializer("password-reset").dumps({"u": user.id, "g": user.token_generation})


def password_reset_claims(token: str) -> tuple[int, int]:
    """(account id, token generation) of a reset token; TokenRefused when bad or expired."""
    try:
        claims = _serializer("password-reset").loads(token, max_age=PASSWORD_RESET_SECONDS)
    except SignatureExpired:
        raise TokenRefused("expired") from None
    except BadSignature:
        raise TokenRefused("invalid") from None
    return _pair(claims, "u", "g")


def unsubscribe_token(user) -> str:
    """A token that turns user's reminders off (it does nothing else, so it never expires): signed once per account
    in a process, since every booking's reminders carry one (signing costs more than a cache lookup)."""
    return _unsubscribe_token_for(current_app.config["SECRET_KEY"], user.id)


@lru_cache(maxsize=10_000)
def _unsubscribe_token_for(secret_key: str, user_id: int) -> str:
    return _serializer_for(secret_key, "reminders-off").dumps({"u": user_id})


def unsubscribe_user_id(token: str) -> int:
    """The account an unsubscribe token names; TokenRefused when bad."""
    try:
        claims = _serializer("reminders-off").loads(token)
    except BadSignature:
        raise TokenRefused("invalid") from None
    return _pair({**claims, "g": 0} if isinstance(claims, dict) else claims, "u", "g")[0]


def guest_unsubscribe_token(address: str) -> str:
    """A token that stops guests' emails to this address (lower case); it does nothing else, so it never expires."""
    return _serializer("guest-emails-off").dumps({"a": address})


def guest_unsubscribe_address(token: str) -> str:
    """The address a guest's unsubscribe token names; TokenRefused when bad."""
    try:
        claims = _serializer("guest-emails-off").loads(token)
    except BadSignature:
        raise TokenRefused("invalid") from None
    address = claims.get("a") if isinstance(claims, dict) else None
    if not isinstance(address, str) or not 3 <= len(address) <= 254:
        raise TokenRefused("invalid")
    return address


def guest_join_token(guest_id: int) -> str:
    """A guest's join address for an online or hybrid class: it names the guest's seat and opens the video only
    while that seat is on, so it never expires."""
    return _guest_join_serializer(current_app.config["SECRET_KEY"]).dumps({"g": guest_id})


@lru_cache(maxsize=4)
def _guest_join_serializer(secret_key: str) -> URLSafeSerializer:
    # "~", not ".", between the parts: the token ends the web app's path /join/guest/<token>, where a dot would make
    # it read as a file name.
    return URLSafeSerializer(secret_key, salt="guest-join", signer_kwargs={"sep": "~"})


def guest_join_guest_id(token: str) -> int:
    """The guest a join token names; TokenRefused when bad."""
    try:
        claims = _guest_join_serializer(current_app.config["SECRET_KEY"]).loads(token)
    except BadSignature:
        raise TokenRefused("invalid") from None
    guest_id = claims.get("g") if isinstance(claims, dict) else None
    if not isinstance(guest_id, int) or isinstance(guest_id, bool) or guest_id < 1:
        raise TokenRefused("invalid")
    return guest_id


def marketing_token(studio_id: int, client_id: int, email_id: int, address: str) -> str:
    """A marketing email's unsubscribe token: it names the studio, the client book's client, the email sent and its
    address (lower case), and does nothing else, so it never expires (its opt-out is written once)."""
    return _serializer("marketing-off").dumps({"s": studio_id, "c": client_id, "m": email_id, "a": address})


def marketing_claims(token: str) -> tuple[int, int, int, str]:
    """(studio, client, marketing email, address) an unsubscribe token names; TokenRefused when bad (itsdangerous
    compares the signature in constant time)."""
    try:
        claims = _serializer("marketing-off").loads(token)
    except BadSignature:
        raise TokenRefused("invalid") from None
    studio_id, client_id = _pair(claims, "s", "c")
    address = claims.get("a")
    if not isinstance(address, str) or not 3 <= len(address) <= 254:
        raise TokenRefused("invalid")
    return studio_id, client_id, _pair(claims, "m", "m")[0], address


def _pair(claims, first: str, second: str) -> tuple[int, int]:
    """Two whole-number claims, checked: a signed token is ours, but never trusted to have the right shape."""
    if not isinstance(claims, dict):
        raise TokenRefused("invalid")
    values = claims.get(first), claims.get(second)
    if not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**31 for v in values):
        raise TokenRefused("invalid")
    return values


def offer_token(entry_id: int, offered_at: datetime) -> str:
    """The link's token of the offer a place in line holds. It names the place, and its signature the time the offer
    was made too, so it answers that one offer only, never another made of the same place (with no room lost: a
    text holds the link). The place is deleted when the offer is taken, declined or ends and its id is never given
    again, so the token works once; the database, not the token, says until when (the same token every time)."""
    return _offer_serializer(current_app.config["SECRET_KEY"], offered_at).dumps({"o": entry_id})


def _offer_serializer(secret_key: str, offered_at: datetime) -> URLSafeSerializer:
    # "~", not ".", between the parts: the token ends the web app's path /offers/<token>, where a dot would make it
    # read as a file name.
    made = (offered_at - EPOCH) // timedelta(microseconds=1)
    return URLSafeSerializer(secret_key, salt=f"waitlist-offer {made}", signer_kwargs={"sep": "~"})


def offer_claimed_entry_id(token: str) -> int:
    """The place an offer token says it names, its signature not checked yet: only to find the place, whose offer
    time offer_token_is_for checks it against. TokenRefused when it names none."""
    # Safe with itsdangerous's JSON payloads (its docs warn of pickle); nothing is done on the claim until checked.
    _signed, claims = _offer_serializer(current_app.config["SECRET_KEY"], EPOCH).loads_unsafe(token)
    return _pair({**claims, "g": 0} if isinstance(claims, dict) else claims, "o", "g")[0]


def offer_token_is_for(token: str, entry_id: int, offered_at: datetime) -> bool:
    """Whether the token was signed for this place's offer made at this time."""
    try:
        claims = _offer_serializer(current_app.config["SECRET_KEY"], offered_at).loads(token)
    except BadSignature:
        return False
    return isinstance(claims, dict) and claims.get("o") == entry_id


def feedback_token(booking_id: int, guest_id: int | None = None) -> str:
    """The feedback links' token of an attended booking (its booker's, or one guest's): good for FEEDBACK_SECONDS."""
    return _serializer("feedback").dumps({"b": booking_id} if guest_id is None else {"b": booking_id, "g": guest_id})


def feedback_claims(token: str) -> tuple[int, int | None]:
    """(booking, guest or None) a feedback token names; TokenRefused when bad or older than a week ("expired")."""
    try:
        claims = _serializer("feedback").loads(token, max_age=FEEDBACK_SECONDS)
    except SignatureExpired:
        raise TokenRefused("expired") from None
    except BadSignature:
        raise TokenRefused("invalid") from None
    booking_id, guest_id = _pair({"g": 0, **claims} if isinstance(claims, dict) else claims, "b", "g")
    return booking_id, guest_id or None

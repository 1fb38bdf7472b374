"""Rate limits (Flask-Limiter): whom a count belongs to, the limit of a route read from the app's config, and the
429 in our shape saying how many seconds to wait."""

import hashlib
import re
import time
from collections.abc import Callable

from flask import Flask, current_app, g, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from sqlalchemy.exc import SQLAlchemyError

from .errors import ValidationFailed, error_response, roll_back_session
from .json_input import decode_json
from .rate_limit_storage import thread_safe_uri

# What a login body may name the account by (the main API's LoginSchema accepts each).
ACCOUNT_FIELDS = ("email", "username", "login")
RESOLVED_ACCOUNT = "rate_limit_account"  # a key of flask.g: the account a login names, once looked up
SLUG = r"[a-z0-9-]{1,64}"
# The page of ours a Referer names: a studio's widget or public page (its studio), an event's page or the timetable.
REFERER_PAGE = re.compile(
    rf"[a-z][a-z0-9+.-]*://[^/]+(?:/(?:embed/(?P<embed>{SLUG})/|studios/(?P<studio>{SLUG})(?:[/?#]|$))"
    rf"|(?P<page>/events/[0-9]{{1,18}}|/timetable)(?:[?#]|$))"
)


def _in_deployment(key: str) -> str:
    """key within the deployment named by RATELIMIT_KEY_PREFIX: deployments (or test runs) sharing one Redis keep
    their counts apart by the prefix."""
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX", "")
    return f"{prefix}/{key}" if prefix else key


def login_identifier() -> str:
    """What a login body names the account by, stripped and lower-case (emails and usernames are stored so); "" for
    a body that names none (malformed, no identifier)."""
    try:
        body = decode_json(request.get_data(cache=True))
    except ValidationFailed:
        body = None
    named = next((body[f] for f in ACCOUNT_FIELDS if isinstance(body, dict) and isinstance(body.get(f), str)), "")
    return named.strip().lower()


def _hashed(identifier: str) -> str:
    """An identifier as a counter's key, hashed: no email address in the counters' storage."""
    return "account:" + hashlib.sha256(identifier.encode("utf-8", "replace")).hexdigest()[:32]


def client_key() -> str:
    """The client address, as trusted proxies report it."""
    return _in_deployment(get_remote_address())


def identifier_key() -> str:
    """The identifier a body names (an email address asked about), from any address."""
    return _in_deployment(_hashed(login_identifier()))


def embed_site_key() -> str:
    """The site a public request is for, as nginx keys it: the studio whose widget (or page) the Referer names, else
    the studio the route names, else the page of ours the Referer names, else the client address. No database."""
    page = REFERER_PAGE.match(request.referrer or "")
    slug = page and (page["embed"] or page["studio"])
    if not slug:
        named = (request.view_args or {}).get("slug") or request.args.get("studio") or ""
        slug = named if re.fullmatch(SLUG, named) else None
    if slug:
        return _in_deployment(f"site:{slug}")
    return _in_deployment(f"page:{page['page']}" if page else get_remote_address())


def embed_api_limit(limits: dict) -> str:
    """The main API's own limit per site (Flask-Limiter's syntax) matching nginx's token bucket: its burst and a
    second's rate at once, its rate over a minute. Behind nginx it never refuses first on one machine; on several,
    it counts every machine's requests together."""
    rate, burst = limits["EMBED_API_RATE_PER_SITE"], limits["EMBED_API_BURST_PER_SITE"]
    # nginx takes burst + 1 at once: the request itself, then burst more.
    return f"{rate + burst + 1}/second;{60 * rate + burst + 1}/minute"


class AccountKeys:
    """Key functions counting per account: resolve(identifier) gives the id of the account an identifier names, so
    that account's email and username share one count; an identifier naming no account counts by itself."""

    def __init__(self, resolve: Callable[[str], object | None]):
        self.resolve = resolve

    def _account(self) -> str:
        # Flask-Limiter asks for a key before the view and again when it counts a failure: one lookup a request.
        key = g.get(RESOLVED_ACCOUNT)
        if key is None:
            identifier = login_identifier()
            try:
                account_id = self.resolve(identifier) if identifier else None
            except SQLAlchemyError:
                # The database went away (the view's own error is the 503 the client gets): count the identifier
                # itself, and leave the session usable, rather than hide that error behind the limiter's.
                roll_back_session()
                account_id = None
            key = f"account:id-{account_id}" if account_id is not None else _hashed(identifier)
            setattr(g, RESOLVED_ACCOUNT, key)
        return key

    def account(self) -> str:
        """The account a login names, from any address."""
        return _in_deployment(self._account())

    def address_and_account(self) -> str:
        """One address trying one account."""
        return _in_deployment(f"{get_remote_address()}/{self._account()}")


def make_limiter(service: str) -> Limiter:
    """A limiter keyed by client_key; which routes and how much come from the routes and the config (RATELIMIT_*),
    the storage from RATELIMIT_STORAGE_URI (memory:// per process; redis://… shares counts between processes)."""
    return Limiter(key_func=client_key, key_prefix=service)


def init_app(app: Flask, limiter: Limiter) -> None:
    """Bind the limiter, and answer its 429s in our shape with the seconds to wait in the message."""
    configured = str(app.config.get("RATELIMIT_STORAGE_URI") or "memory://")
    app.config["RATELIMIT_STORAGE_URI"] = thread_safe_uri(configured)
    limiter.init_app(app)
    app.register_error_handler(RateLimitExceeded, lambda exc: _too_many_requests(limiter, exc))


def _too_many_requests(limiter: Limiter, exc: RateLimitExceeded):
    breached = limiter.current_limit
    # As Flask-Limiter computes the Retry-After it adds to this answer, so message and header agree.
    seconds = max(1, int(breached.reset_at - time.time())) if breached else 60
    message = exc.description.format(seconds=seconds, s="" if seconds == 1 else "s")
    return error_response(429, "too_many_requests", message)


def configured_limit(limiter: Limiter, setting: str, message: str, **options) -> Callable:
    """Decorator: the limit named by the config key setting (read per request, so deployments and tests set it).
    message may say {seconds} (and {s} for its plural); options go to Flask-Limiter (key_func, deduct_when)."""
    return limiter.limit(lambda: current_app.config[setting], error_message=message, **options)

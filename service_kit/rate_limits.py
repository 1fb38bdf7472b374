"""Rate limits (Flask-Limiter): whom a count belongs to, and the limit of a route read from the app's config."""

from collections.abc import Callable

from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address


def client_key() -> str:
    """The client address (as trusted proxies report it), within the deployment named by RATELIMIT_KEY_PREFIX.

    Deployments (or test runs) sharing one Redis keep their counts apart by the prefix.
    """
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX", "")
    return f"{prefix}/{get_remote_address()}" if prefix else get_remote_address()


def make_limiter(service: str) -> Limiter:
    """A limiter keyed by client_key; which routes and how much come from the routes and the config (RATELIMIT_*),
    the storage from RATELIMIT_STORAGE_URI (memory:// per process; redis://… shares counts between processes)."""
    return Limiter(key_func=client_key, key_prefix=service)


def configured_limit(limiter: Limiter, setting: str, message: str) -> Callable:
    """Decorator: the limit named by the config key setting (read per request, so deployments and tests set it)."""
    return limiter.limit(lambda: current_app.config[setting], error_message=message)

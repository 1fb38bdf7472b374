"""CORS for the configured browser origins, security headers on every response, and the X-Forwarded-* headers
of trusted reverse proxies."""

from flask import Flask, Response, g
from flask_cors import CORS
from werkzeug.middleware.proxy_fix import ProxyFix

from .errors import RETRY_AFTER

# JSON only: nothing here may be framed, sniffed as HTML or run as a page.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
}


def _add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    # Flask-Limiter announces Retry-After on every answer of a limited route; it only means something on a 429.
    if response.status_code != 429:
        response.headers.pop("Retry-After", None)
    # A 503 for the database out of reach says how long to wait (errors.py), whatever the limiter said.
    if (wait := g.get(RETRY_AFTER)) is not None:
        response.headers["Retry-After"] = wait
    return response


def init_app(app: Flask) -> None:
    """Allow the web app's origins (CORS_ORIGINS) and no others, add the security headers, trust TRUSTED_PROXIES."""
    CORS(
        app,
        origins=app.config["CORS_ORIGINS"],
        allow_headers=["Authorization", "Content-Type", "Idempotency-Key"],
        expose_headers=["Retry-After", "Content-Disposition", "Idempotent-Replayed"],
        max_age=600,
    )
    app.after_request(_add_security_headers)  # registered before the limiter's, so it runs after it
    # request.remote_addr is the rate limits' key and what the logs show: behind a proxy it must be the
    # client's, and without one a client must not choose its own address to dodge the limits.
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

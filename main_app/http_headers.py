"""CORS for the configured browser origins and security headers on every response of the main API."""
from flask import Flask, Response
from flask_cors import CORS

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
    return response


def init_app(app: Flask) -> None:
    """Allow the web app's origins (CORS_ORIGINS) and no others; add the security headers."""
    CORS(
        app,
        origins=app.config["CORS_ORIGINS"],
        allow_headers=["Authorization", "Content-Type"],
        expose_headers=["Retry-After", "Content-Disposition"],
        max_age=600,
    )
    app.after_request(_add_security_headers)  # registered before the limiter's, so it runs after it

"""/docs: Swagger UI over /openapi.json, its files served from the swagger-ui-bundle package (no CDN)."""

import base64
import hashlib
import re

from flask import Blueprint, Flask, abort, request, send_from_directory
from swagger_ui_bundle import swagger_ui_path

ASSETS_URL = "/docs/assets/"
# Only what the page loads; the package's own index.html and initializer point at the petstore demo.
ASSETS = ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js")
DOCS_CONFIG = {
    "OPENAPI_SWAGGER_UI_PATH": "/docs",
    "OPENAPI_SWAGGER_UI_URL": ASSETS_URL,
    # No validator badge: it would send the document to validator.swagger.io.
    "OPENAPI_SWAGGER_UI_CONFIG": {"validatorUrl": None},
}
# The page only: its own scripts and styles, the inline initializer by hash, the SVG icons Swagger UI
# draws as data: URLs, and calls back to this service ("Try it out"). Every other answer keeps the strict CSP.
DOCS_CSP = (
    "default-src 'none'; script-src 'self' {hashes}; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)
PAGE_ENDPOINT = "api-docs.openapi_swagger_ui"  # flask-smorest's docs blueprint and view

assets = Blueprint("docs_assets", __name__)


@assets.route(f"{ASSETS_URL}<filename>")
def asset(filename: str):
    """One of Swagger UI's files, from the pinned package; anything else is a 404."""
    if filename not in ASSETS:
        abort(404)
    return send_from_directory(swagger_ui_path, filename)


def script_hashes(html: bytes) -> str:
    """CSP source expressions for every inline <script> of a page."""
    digests = (base64.b64encode(hashlib.sha256(body).digest()).decode() for body in INLINE_SCRIPT.findall(html))
    return " ".join(f"'sha256-{digest}'" for digest in digests)


def _docs_page_csp(response):
    # Hashed from the page as rendered, so the policy follows flask-smorest's template and our config.
    if request.endpoint == PAGE_ENDPOINT:
        response.headers["Content-Security-Policy"] = DOCS_CSP.format(hashes=script_hashes(response.get_data()))
    return response


def init_app(app: Flask) -> None:
    """Serve the page's files and give the page (only) the policy it needs; call before the Api."""
    for name, value in DOCS_CONFIG.items():
        app.config.setdefault(name, value)
    app.register_blueprint(assets)
    app.after_request(_docs_page_csp)

"""The OpenAPI document (flask-smorest's Api, errors in our shape) and /docs: Swagger UI from the
swagger-ui-bundle package (no CDN), with a content security policy for that page alone."""

import base64
import hashlib
import re
import threading

from flask import Blueprint, Flask, abort, request, send_from_directory
from flask_smorest import Api
from swagger_ui_bundle import swagger_ui_path

from .blueprint import ImpliedErrors, KeyedWrites
from .routing import HexIdConverter
from .schemas import APIErrorSchema

ASSETS_URL = "/docs/assets/"
# Only what the page loads; the package's own index.html and initializer point at the petstore demo.
ASSETS = ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js")
DOCS_CONFIG = {
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/",
    "OPENAPI_JSON_PATH": "openapi.json",
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
# Routes that need a token say so with @blp.doc(security=BEARER).
BEARER = [{"bearerAuth": []}]

assets = Blueprint("docs_assets", __name__)


class ServiceApi(Api):
    """flask-smorest's Api, documenting errors in our one shape and only the statuses each route lists.

    Routes are registered at once; their documentation is built the first time the spec is read, so an app
    that never serves /openapi.json (every test app, every worker until asked) does not pay for it."""

    ERROR_SCHEMA = APIErrorSchema
    # No catch-all "default" answer, so a client (and Schemathesis' status code check) can rely on the list.
    DEFAULT_ERROR_RESPONSE_NAME = None

    def __init__(self, *args, plugins=(), **kwargs):
        """plugins: apispec plugins of this service's own, beside the implied errors'."""
        self.plugins = [ImpliedErrors(), *plugins]
        self._spec = None
        self._undocumented = []
        self._documenting = threading.Lock()
        self.flask_app = None
        super().__init__(*args, **kwargs)

    def init_app(self, app, *, spec_kwargs=None):
        """flask-smorest's init_app, with the implied errors' plugin and the service's, keeping the app its blueprints
        go to."""
        self.flask_app = app
        spec_kwargs = dict(spec_kwargs or {})
        spec_kwargs["extra_plugins"] = [*spec_kwargs.get("extra_plugins", ()), *self.plugins]
        super().init_app(app, spec_kwargs=spec_kwargs)

    @property
    def spec(self):
        """The APISpec, with every blueprint registered so far documented in registration order."""
        if self._undocumented:
            with self._documenting:
                while self._undocumented:
                    blp, name, parameters = self._undocumented[0]
                    blp.register_views_in_doc(self, self.flask_app, self._spec, name=name, parameters=parameters)
                    self._spec.tag({"name": name, "description": blp.description})
                    # Removed only once documented: another thread seeing the list empty may use the spec.
                    self._undocumented.pop(0)
        return self._spec

    @spec.setter
    def spec(self, value):
        self._spec = value

    def register_blueprint(self, blp, *, parameters=None, **options):
        """Register blp's routes now and its documentation when the spec is next read."""
        name = options.get("name", blp.name)
        self.flask_app.extensions["flask-smorest"]["blp_name_to_api"][name] = self
        self.flask_app.register_blueprint(blp, **options)
        self._undocumented.append((blp, name, parameters))


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


def init_app(app: Flask, title: str, *, bearer_format: str | None = None, keyed_writes: bool = False) -> ServiceApi:
    """app's own Api (flask-smorest keeps one app's spec per Api) with /openapi.json, /docs and its files;
    keyed_writes: its writes take an Idempotency-Key (documented on each)."""
    app.config.update(API_TITLE=title, API_VERSION="1.0")
    for name, value in DOCS_CONFIG.items():
        app.config.setdefault(name, value)
    app.register_blueprint(assets)
    app.after_request(_docs_page_csp)
    api = ServiceApi(app, plugins=[KeyedWrites()] if keyed_writes else [])
    bearer = {"type": "http", "scheme": "bearer", **({"bearerFormat": bearer_format} if bearer_format else {})}
    api.spec.components.security_scheme("bearerAuth", bearer)
    hex_id = {"type": "string", "pattern": f"^{HexIdConverter.regex}$"}
    api.register_converter(HexIdConverter, lambda _converter: hex_id)
    return api

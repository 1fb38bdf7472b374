"""Web UI server: the built React app (frontend/dist) on port 5173, with deep links and runtime config.

It holds no data and no API: the browser calls the main API and the CRM on their own ports (CORS). For the public
pages it reads the main API's public answers itself, to write each page's head (web_ui.pages), the sitemap and the
frame-ancestors of a studio's widget.
"""

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, Response, abort, g, jsonify, request, send_from_directory
from flask_compress import Compress
from werkzeug.exceptions import HTTPException
from werkzeug.security import safe_join

from . import seo

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Paths that belong to the services, never to the app: an unknown one is a JSON 404, not index.html.
API_SEGMENTS = {"api", "auth", "book", "notify", "notifications", "openapi.json", "health"}
NOT_BUILT = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Web app not built</title></head>
<body><h1>The web app has not been built yet</h1><p>Run <code>python3 dev.py run</code>, which builds it,
or <code>cd frontend &amp;&amp; npm ci &amp;&amp; npm run build</code>.</p></body></html>"""


# Text is compressed for clients that ask (zstd, brotli, deflate or gzip, Flask-Compress picking the best they
# accept): the app's script shrinks about 3x. nginx does this itself in the production profile.
COMPRESS_DEFAULTS = {
    "COMPRESS_MIMETYPES": ["text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml"],
    "COMPRESS_MIN_SIZE": 1024,
    # Files are sent as streams; gzip too, so a client that knows only gzip still gets them compressed.
    "COMPRESS_ALGORITHM_STREAMING": ["zstd", "br", "gzip", "deflate"],
}


def load_config(env: dict) -> dict:
    """Settings from the environment: where dist is and where the browser finds the two services."""
    return {
        "WEB_DIST_DIR": PROJECT_ROOT / (env.get("WEB_DIST_DIR") or "frontend/dist"),  # relative: to the project
        "PUBLIC_MAIN_API_URL": (env.get("PUBLIC_MAIN_API_URL") or "").rstrip("/"),
        "PUBLIC_CRM_API_URL": (env.get("PUBLIC_CRM_API_URL") or "").rstrip("/"),
        "PUBLIC_STREAM_URL": (env.get("PUBLIC_STREAM_URL") or "").rstrip("/"),
        "MAIN_PORT": int(env.get("MAIN_PORT") or 5000),
        # Where this server reads the main API's public answers (server to server); the page's host otherwise.
        "MAIN_API_URL": (env.get("MAIN_API_URL") or "").rstrip("/"),
        # The app's public address, for canonical links and the sitemap; the request's own otherwise.
        "PUBLIC_WEB_URL": (env.get("PUBLIC_WEB_URL") or "").rstrip("/"),
        "CRM_PORT": int(env.get("CRM_PORT") or 5001),
        "STREAM_PORT": int(env.get("STREAM_PORT") or 5003),
        # The development-only pages (the mailbox) are offered everywhere but in production.
        "DEV_TOOLS": (env.get("APP_ENV") or "development").strip().lower() != "production",
        # It reads no bodies: a large one is read off and thrown away by gunicorn (service_kit.gunicorn_conf)
        # before the connection closes, so the client gets to read the answer.
        "MAX_CONTENT_LENGTH": 64 * 1024,
    }


def service_urls(config: dict) -> tuple[str, str, str]:
    """The URLs the browser uses (main API, CRM, live stream): configured ones, else this page's host name on the
    services' ports."""
    # Deriving from the page's own host keeps localhost, 127.0.0.1 and a LAN address all working.
    hostname = urlsplit(request.host_url).hostname or "127.0.0.1"
    host = f"[{hostname}]" if ":" in hostname else hostname
    scheme = request.scheme
    main = config["PUBLIC_MAIN_API_URL"] or f"{scheme}://{host}:{config['MAIN_PORT']}"
    crm = config["PUBLIC_CRM_API_URL"] or f"{scheme}://{host}:{config['CRM_PORT']}"
    live = config["PUBLIC_STREAM_URL"] or f"{scheme}://{host}:{config['STREAM_PORT']}"
    return main, crm, live


def content_security_policy(main: str, crm: str, live: str, frame_ancestors: tuple[str, ...] | None = None) -> str:
    """Only our own scripts and styles; fetches only to ourselves, the two services and the live stream; framed by
    nobody, or (a studio's widget) by the sites it names."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            f"connect-src 'self' {' '.join(dict.fromkeys([main, crm, live]))}",
            # The development mailbox shows an email's HTML in a sandboxed frame served by the main API.
            f"frame-src {main}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {' '.join(frame_ancestors) if frame_ancestors else chr(39) + 'none' + chr(39)}",
        ]
    )


def create_app(test_config: dict | None = None) -> Flask:
    """Build the UI server: `gunicorn "web_ui:create_app()"`."""
    app = Flask(__name__, static_folder=None)
    app.config.update(load_config(dict(os.environ)))
    app.config.update(COMPRESS_DEFAULTS)
    app.config.update(test_config or {})
    dist = Path(app.config["WEB_DIST_DIR"])
    Compress(app)
    app.register_blueprint(seo.blp)

    @app.get("/health")
    def health():
        return jsonify(status="ok", service="web", built=(dist / "index.html").exists())

    @app.get("/config.js")
    def runtime_config():
        main, crm, live = service_urls(app.config)
        settings = {"mainApiUrl": main, "crmApiUrl": crm, "streamUrl": live, "devTools": app.config["DEV_TOOLS"]}
        body = f"window.__APP_CONFIG__ = {json.dumps(settings)};\n"
        return Response(body, mimetype="text/javascript", headers={"Cache-Control": "no-cache"})

    @app.get("/", defaults={"path": ""})
    @app.get("/<path:path>")
    def app_or_asset(path: str):
        if path.split("/", 1)[0] in API_SEGMENTS or "/." in f"/{path}":
            abort(404)  # the services' paths, and the build's own files (.vite/manifest.json)
        file = safe_join(str(dist), path) if path else None
        if file and os.path.isfile(file):
            response = send_from_directory(dist, path)
            if path.startswith("assets/"):  # content-hashed names: safe to keep forever
                response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
            return response
        if "." in path.rsplit("/", 1)[-1]:
            abort(404)  # a missing file, not a page of the app
        if not (dist / "index.html").exists():
            return Response(NOT_BUILT, status=503, mimetype="text/html")
        return seo.page_response(dist, path, service_urls(app.config)[0])

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        body = {"error": {"code": error.name.lower().replace(" ", "_"), "message": error.description, "details": {}}}
        return jsonify(body), error.code

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        app.logger.exception("Unhandled error while serving the web app")
        body = {"error": {"code": "internal_error", "message": "Something went wrong on our side.", "details": {}}}
        return jsonify(body), 500

    @app.after_request
    def security_headers(response: Response) -> Response:
        framers = g.get("frame_ancestors")  # a studio's widget: the sites it names may frame it, and only they
        policy = content_security_policy(*service_urls(app.config), frame_ancestors=framers)
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers["X-Content-Type-Options"] = "nosniff"
        if not framers:
            response.headers["X-Frame-Options"] = "DENY"
        # A widget's calls to the main API (another origin) name the widget's page, which the limits per embedding
        # site count them by (deploy/nginx.conf.template); its address says only which studio's widget it is.
        embedded = request.path.startswith("/embed/")
        response.headers["Referrer-Policy"] = "no-referrer-when-downgrade" if embedded else "same-origin"
        return response

    return app

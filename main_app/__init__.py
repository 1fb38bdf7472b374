"""Main API: users, events, sessions and bookings (the system of record)."""

from flask import Flask
from flask_babel import refresh as fresh_language

from main_app.delivery import init_app
from main_app.services.languages import DEFAULT_LANGUAGE, LOCALES
from service_kit import body_limits, errors, http_headers, rate_limits, routing
from service_kit.factory import new_service_app
from service_kit.languages import use_catalogues

from . import cli, config, database, security
from .extensions import TRANSLATIONS, babel, catalogues, db, limiter, migrate
from .plumbing import OnceFlask

MIGRATIONS_DIR = str(config.PROJECT_ROOT / "main_app" / "migrations")


def create_app(test_config: dict | None = None) -> Flask:
    """Build the main API: `flask --app main_app ...`, `gunicorn "main_app:create_app()"`; test_config wins over
    the environment and .env."""
    # The routes are imported here, not with the package: the processes that answer no API request (the
    # dispatchers, the live stream) build create_worker_app and skip their ~0.5 s of CPU (schemas, OpenAPI docs).
    from . import api
    from .api import page_cache

    app = _core_app(test_config)
    page_cache.init_app(app)
    security.init_app(app)
    http_headers.init_app(app)
    body_limits.init_app(app)  # a client import's file takes more than MAX_CONTENT_LENGTH
    rate_limits.init_app(app, limiter)
    routing.init_app(app)
    api.init_app(app)
    errors.init_app(app)  # after the Api, whose own HTTPException handler it replaces
    cli.init_app(app)
    return app


def create_worker_app(test_config: dict | None = None) -> Flask:
    """The main API's app without its routes, for the processes that answer no API request: `flask --app
    "main_app:create_worker_app()" crm-dispatch | live-stream` (which checks tokens and answers errors as the API)."""
    app = _core_app(test_config)
    security.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    return app


def _core_app(test_config: dict | None) -> Flask:
    """The app with its settings, database, migrations, languages and delivery lanes."""
    app = new_service_app(__name__, config.PROJECT_ROOT, config.load_config, test_config, OnceFlask)
    babel.init_app(
        app,
        default_locale=LOCALES[DEFAULT_LANGUAGE],
        default_translation_directories=str(TRANSLATIONS),
        locale_selector=security.request_locale,
    )
    use_catalogues(catalogues)  # for words composed off a request too (a lane's threads have no app context)
    app.before_request(fresh_language)  # each request chooses anew, also within a test's long app context
    database.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR)
    init_app(app)
    return app

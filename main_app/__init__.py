"""Main API: users, events, sessions and bookings (the system of record)."""

from flask import Flask

from main_app.delivery import init_app
from service_kit import errors, http_headers, rate_limits, routing
from service_kit.factory import new_service_app

from . import api, cli, config, database, security
from .api import page_cache
from .extensions import db, limiter, migrate

MIGRATIONS_DIR = str(config.PROJECT_ROOT / "main_app" / "migrations")


def create_app(test_config: dict | None = None) -> Flask:
    """Build the main API: `flask --app main_app ...`, `gunicorn "main_app:create_app()"`; test_config wins over
    the environment and .env."""
    app = new_service_app(__name__, config.PROJECT_ROOT, config.load_config, test_config)

    database.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR)
    init_app(app)
    page_cache.init_app(app)
    security.init_app(app)
    http_headers.init_app(app)
    rate_limits.init_app(app, limiter)
    routing.init_app(app)
    api.init_app(app)
    errors.init_app(app)  # after the Api, whose own HTTPException handler it replaces
    cli.init_app(app)
    return app

"""CRM microservice: receives booking notifications from the main API and stores each one once."""

from flask import Flask

from service_kit import body_limits, errors, http_headers, rate_limits, routing
from service_kit.factory import new_service_app

from . import api, cli, config, database, logs, security, storage
from .extensions import db, limiter, migrate
from .services import main_api

MIGRATIONS_DIR = str(config.PROJECT_ROOT / "crm_microservice" / "migrations")


def create_app(test_config: dict | None = None) -> Flask:
    """Build the CRM: `flask --app crm_microservice ...`, `gunicorn "crm_microservice:create_app()"`; test_config
    wins over the environment and .env."""
    app = new_service_app(__name__, config.PROJECT_ROOT, config.load_config, test_config)

    logs.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True)
    storage.init_app(app)
    security.init_app(app)
    http_headers.init_app(app)
    body_limits.init_app(app)  # POST /notify/batch takes more than MAX_CONTENT_LENGTH
    rate_limits.init_app(app, limiter)
    routing.init_app(app)
    main_api.init_app(app)
    api.init_app(app)
    errors.init_app(app)  # after the Api, whose own HTTPException handler it replaces
    cli.init_app(app)
    return app

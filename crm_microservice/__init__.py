"""CRM microservice: receives booking notifications from the main API and stores each one once."""

import os

from dotenv import load_dotenv
from flask import Flask

from service_kit import errors, http_headers, routing

from . import api, config, database, logs, security, storage
from .extensions import db, limiter, migrate
from .services import main_api

MIGRATIONS_DIR = str(config.PROJECT_ROOT / "crm_microservice" / "migrations")


def create_app(test_config: dict | None = None) -> Flask:
    """Build the CRM: `flask --app crm_microservice ...`, `gunicorn "crm_microservice:create_app()"`; test_config
    wins over the environment and .env."""
    load_dotenv(config.PROJECT_ROOT / ".env", override=False)
    app = Flask(__name__, instance_path=str(config.PROJECT_ROOT / "instance"), static_folder=None)
    app.config.from_mapping(config.load_config(os.environ, test_config))
    app.json.sort_keys = False  # keep fields in the order the schemas declare them
    os.makedirs(app.instance_path, exist_ok=True)  # the default SQLite file lives there

    logs.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True)
    storage.init_app(app)
    security.init_app(app)
    http_headers.init_app(app)
    limiter.init_app(app)
    routing.init_app(app)
    main_api.init_app(app)
    api.init_app(app)
    errors.init_app(app)  # after the Api, whose own HTTPException handler it replaces
    return app

"""CRM microservice: receives booking notifications from the main API and stores each one once."""

import os

from dotenv import load_dotenv
from flask import Flask

from . import config, docs, errors, http_headers, logs, storage, tokens
from .blueprints import register_blueprints
from .extensions import db, init_limiter, migrate, tune_sqlite
from .services import main_api

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
PROJECT_ROOT = os.path.dirname(PACKAGE_DIR)
MIGRATIONS_DIR = os.path.join(PACKAGE_DIR, "migrations")


def create_app(test_config: dict | None = None) -> Flask:
    """Build the CRM app: `flask --app crm_microservice ...`, `gunicorn "crm_microservice:create_app()"`."""
    load_dotenv(os.path.join(PROJECT_ROOT, ".env"), override=False)
    # instance_path pinned to <project>/instance, wherever the process was started from.
    app = Flask(__name__, instance_path=os.path.join(PROJECT_ROOT, "instance"), static_folder=None)
    app.json.sort_keys = False  # keep fields in the order the schemas declare them
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(config.load_config(os.environ, test_config, app.instance_path, PROJECT_ROOT))

    logs.configure_logging(app)
    db.init_app(app)
    tune_sqlite(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True)
    storage.init_app(app)
    tokens.init_app(app)
    http_headers.init_app(app)
    http_headers.trust_proxies(app)
    init_limiter(app)
    main_api.init_app(app)
    # flask-smorest's Api holds one app's spec, so each app gets its own rather than a shared global.
    api = docs.init_app(app)  # with the /docs page
    register_blueprints(api)
    errors.register_error_handlers(app)  # after Api(app), whose own HTTPException handler these replace
    return app

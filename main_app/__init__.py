"""Main API: users, events, sessions and bookings (the system of record)."""

import os

from dotenv import load_dotenv
from flask import Flask

from . import cli, database, errors, http_headers, security
from .api import register_api
from .config import PROJECT_ROOT, check_signing_secret, load_config, refuse_default_secrets
from .extensions import db, init_limiter, migrate
from .routing import IdConverter, MessageIdConverter
from .services import wakeup

MIGRATIONS_DIR = str(PROJECT_ROOT / "main_app" / "migrations")


def create_app(test_config: dict | None = None) -> Flask:
    """Build the main API; test_config overrides settings read from the environment and .env."""
    load_dotenv(PROJECT_ROOT / ".env", override=False)
    app = Flask(__name__, instance_path=str(PROJECT_ROOT / "instance"))
    app.config.update(load_config())
    app.config.update(test_config or {})
    refuse_default_secrets(app.config)
    check_signing_secret(app.config)
    os.makedirs(app.instance_path, exist_ok=True)  # the default SQLite file lives there
    app.url_map.converters["id"] = IdConverter
    app.url_map.converters["message_id"] = MessageIdConverter
    app.json.sort_keys = False

    database.init_app(app)
    wakeup.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR)
    security.init_app(app)
    http_headers.init_app(app)
    http_headers.trust_proxies(app)
    init_limiter(app)
    register_api(app)
    errors.init_app(app)
    cli.init_app(app)
    return app

"""Flask extensions, created without an app and bound in create_app."""

from flask import Flask
from flask_jwt_extended import JWTManager
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_smorest import Api
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION))
migrate = Migrate()
jwt = JWTManager()
api = Api()
# Per client address; which routes and how much come from config (RATELIMIT_*), storage from RATELIMIT_STORAGE_URI
# (memory:// per process by default; redis://… shares the counts between workers and machines).
limiter = Limiter(key_func=get_remote_address)


def init_limiter(app: Flask) -> None:
    """Bind the limiter to app, with app's RATELIMIT_KEY_PREFIX and a storage not yet found unreachable."""
    # One limiter serves every app a process creates (the tests make many). Flask-Limiter 4 gives it the
    # latest app's storage and limits, but would keep the first key prefix and a "storage dead" flag for good.
    limiter._key_prefix = app.config.get("RATELIMIT_KEY_PREFIX", "")
    limiter._storage_dead = False
    limiter.init_app(app)

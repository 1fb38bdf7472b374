"""The service kit's tests: a bare Flask app on the test's database, for the kit's database tests."""

from collections.abc import Callable

import pytest
from flask import Flask
from flask_sqlalchemy import SQLAlchemy

from service_kit import database


@pytest.fixture
def kit_app(database_url) -> Callable[[SQLAlchemy], Flask]:
    """Factory: kit_app(db) → a bare Flask app whose db is on the test's database, its tables made; they and the
    pool go when the test ends."""
    made: list[tuple[Flask, SQLAlchemy]] = []

    def make(db: SQLAlchemy) -> Flask:
        app = Flask(__name__)
        app.config["SQLALCHEMY_DATABASE_URI"] = database_url
        database.init_app(app, db)
        with app.app_context():
            db.create_all()
        made.append((app, db))
        return app

    yield make
    for app, db in made:
        with app.app_context():
            db.session.remove()
            db.drop_all()
            db.engine.dispose()

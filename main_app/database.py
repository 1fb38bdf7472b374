"""The main API's database: engine settings, and the unit of work every write goes through."""

from flask import Flask

from service_kit import database
from service_kit.database import ReadOnly, UnitOfWork

from .extensions import db

unit_of_work = UnitOfWork(db)
read_only = ReadOnly(db)


def init_app(app: Flask) -> None:
    """Bind the database with the engine settings for its dialect."""
    database.init_app(app, db)

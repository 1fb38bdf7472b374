"""The main API's database: engine settings, and the unit of work every write goes through."""

from flask import Flask

from service_kit import database
from service_kit.database import ReadOnly, UnitOfWork, retry_on_deadlock

from .extensions import db

unit_of_work = UnitOfWork(db)
read_only = ReadOnly(db)
__all__ = ["init_app", "read_only", "retry_on_deadlock", "unit_of_work"]


def init_app(app: Flask) -> None:
    """Bind the database with the engine settings for its dialect."""
    database.init_app(app, db)

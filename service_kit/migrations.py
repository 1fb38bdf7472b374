"""What both services' Alembic env.py run: migrations on the Flask app's engine, online or offline."""

import logging
from logging.config import fileConfig

import sqlalchemy as sa
from alembic import context
from flask import current_app

logger = logging.getLogger("alembic.env")


def render_item(type_, obj, _autogen_context):
    """Render type decorators (UTCDateTime) as their plain database type in new migrations."""
    if type_ == "type" and isinstance(obj, sa.types.TypeDecorator):
        return f"sa.{obj.impl!r}"
    return False


def _process_revision_directives(_context, _revision, directives):
    """`flask db migrate` with no schema change writes no empty migration."""
    if getattr(context.config.cmd_opts, "autogenerate", False):
        script = directives[0]
        if script.upgrade_ops.is_empty():
            directives[:] = []
            logger.info("No changes in schema detected.")


def run_migrations() -> None:
    """Run the migrations of the Flask app in context (`flask db upgrade`, or flask_migrate.upgrade() in code)."""
    config = context.config
    # Interpret the config file for Python logging only when nothing set up logging yet (the CLI):
    # inside a configured process (tests, the app) it would disable the service's loggers.
    if config.config_file_name is not None and not logging.getLogger().handlers:
        fileConfig(config.config_file_name, disable_existing_loggers=False)
    migrate = current_app.extensions["migrate"]
    engine = migrate.db.engine  # Flask-SQLAlchemy 3: the engine property
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    options = {"process_revision_directives": _process_revision_directives, **migrate.configure_args}
    options.setdefault("render_item", render_item)
    if context.is_offline_mode():
        context.configure(
            url=config.get_main_option("sqlalchemy.url"), target_metadata=migrate.db.metadata, literal_binds=True
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=migrate.db.metadata, **options)
        with context.begin_transaction():
            context.run_migrations()

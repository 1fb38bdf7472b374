"""Alembic's entry point for this service's migrations (`flask db upgrade`): the shared runner does the work."""

from service_kit.migrations import run_migrations

run_migrations()

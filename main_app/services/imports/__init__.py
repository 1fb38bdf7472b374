"""A studio brings its clients in: a CSV (Mindbody's, Momence's or any mapped by hand) checked, then written."""

from .formats import FIELDS, SOURCES
from .jobs import dry_run, imported_clients, start_import, studio_import
from .steps import STEP, run_step

__all__ = ["FIELDS", "SOURCES", "STEP", "dry_run", "imported_clients", "run_step", "start_import", "studio_import"]

"""A studio comes in: its clients from a CSV (Mindbody's, Momence's, any mapped), or its whole export restored."""

from .formats import FIELDS, SOURCES
from .jobs import dry_run, imported_clients, start_import, studio_import
from .restore import restore_studio
from .steps import STEP, run_step

__all__ = [
    "FIELDS",
    "SOURCES",
    "STEP",
    "dry_run",
    "imported_clients",
    "restore_studio",
    "run_step",
    "start_import",
    "studio_import",
]

"""A studio comes in: its clients from a CSV (Mindbody's, Momence's, any mapped), or its whole export restored."""

from .formats import BOOKING_FIELDS, FIELDS, KINDS, SOURCES
from .jobs import client_import, dry_run, start_import
from .steps import run_step
from .studio_jobs import restore_studio, start_studio_import, studio_import
from .studio_steps import run_step as run_studio_step
from .studio_steps import step_dead as studio_step_dead

__all__ = [
    "BOOKING_FIELDS",
    "FIELDS",
    "KINDS",
    "SOURCES",
    "client_import",
    "dry_run",
    "restore_studio",
    "run_step",
    "run_studio_step",
    "start_import",
    "start_studio_import",
    "studio_import",
    "studio_step_dead",
]

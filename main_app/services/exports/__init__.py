"""A studio's export: all it holds as CSV files and a manifest in one ZIP, taken once through a link."""

from .jobs import start_export, studio_export, take_download
from .steps import book_reader, run_step

__all__ = ["book_reader", "run_step", "start_export", "studio_export", "take_download"]

"""The reports a studio runs its business on, over a span of its days: revenue, from its documents' daily figures"""

from .periods import BY, MOST_DAYS, span_of
from .revenue import csv_rows as revenue_csv_rows
from .revenue import revenue

__all__ = ["BY", "MOST_DAYS", "revenue", "revenue_csv_rows", "span_of"]

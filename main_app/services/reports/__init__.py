"""A studio's reports over a span of its days: revenue, attendance, clients and retention, instructor pay and rates"""

from .attendance import attendance
from .attendance import csv_rows as attendance_csv_rows
from .client_days import count_clients
from .clients import clients
from .clients import csv_rows as clients_csv_rows
from .pay import csv_rows as pay_csv_rows
from .pay import earned, pay
from .periods import BY, span_of
from .rates import rates, set_rate
from .revenue import csv_rows as revenue_csv_rows
from .revenue import revenue
from .tallies import Tallier, count_some

__all__ = [
    "BY",
    "Tallier",
    "attendance",
    "attendance_csv_rows",
    "clients",
    "clients_csv_rows",
    "count_clients",
    "count_some",
    "earned",
    "pay",
    "pay_csv_rows",
    "rates",
    "revenue",
    "revenue_csv_rows",
    "set_rate",
    "span_of",
]

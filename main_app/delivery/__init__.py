"""The outbox machinery, free of domains: rows, the dispatcher (claim, send, record), outcomes, wake-up, status."""

from .dispatcher import Dispatcher
from .outbox import insert_rows, not_out, outbox_row, waiting
from .outcomes import (
    AttemptResult,
    Claimed,
    DeliveryError,
    HandOverError,
    Lane,
    OnAttempt,
    Outcome,
    TransportLane,
    describe,
    quick_retrying,
)
from .priority import yield_cpu
from .retention import Pruner
from .shared_wakeup import SharedWakeup
from .status import get_message, integration_status, list_messages, retry_failed, retry_message
from .thread_names import name_os_thread
from .wakeup import init_app, make_waiter, outbox_written

__all__ = [
    "AttemptResult",
    "Claimed",
    "DeliveryError",
    "Dispatcher",
    "HandOverError",
    "Lane",
    "OnAttempt",
    "Outcome",
    "Pruner",
    "SharedWakeup",
    "TransportLane",
    "describe",
    "get_message",
    "init_app",
    "insert_rows",
    "integration_status",
    "list_messages",
    "make_waiter",
    "name_os_thread",
    "not_out",
    "outbox_row",
    "outbox_written",
    "quick_retrying",
    "retry_failed",
    "retry_message",
    "waiting",
    "yield_cpu",
]

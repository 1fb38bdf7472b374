"""Plumbing under the domains and the outbox: row locks in the one lock order, paging, hints for query planners, and
writes done once per Idempotency-Key."""

from .idempotency import AnswerPruner, OnceFlask, answer_not_kept, forget_answers_of
from .locks import (
    ensure_exclusive,
    lock,
    lock_alone,
    lock_leased,
    lock_line,
    lock_shared,
    sharing_first,
    skipping_locked,
)
from .pagination import Page, paginate
from .planner import planned_each_time, rarely_true, sorted_not_walked

__all__ = [
    "AnswerPruner",
    "OnceFlask",
    "Page",
    "answer_not_kept",
    "ensure_exclusive",
    "forget_answers_of",
    "lock",
    "lock_alone",
    "lock_leased",
    "lock_line",
    "lock_shared",
    "paginate",
    "planned_each_time",
    "rarely_true",
    "sharing_first",
    "skipping_locked",
    "sorted_not_walked",
]

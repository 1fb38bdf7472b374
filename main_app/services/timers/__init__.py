"""Timed jobs: a hold's or an offer's end, a session's close, a lapse, an instalment's step, applied when due."""

from .lane import Timer, TimersDelivery

__all__ = [
    "Timer",
    "TimersDelivery",
]

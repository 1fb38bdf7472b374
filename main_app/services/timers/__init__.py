"""Timed jobs: a hold's or an offer's end, a session's close, a lapse, an instalment's step, applied when due."""

from .jobs import (
    AnswersPurge,
    ApprovalExpiry,
    CalendarSync,
    ClientImportStep,
    ExportStep,
    HoldExpiry,
    InstalmentTimer,
    OfferExpiry,
    PassCheckoutEnd,
    PreDebitNotice,
    RenewalLapse,
    SessionClose,
    StudioImportStep,
    TimerJob,
)
from .lane import Timer, TimersDelivery
from .schedule import cancel, schedule

__all__ = [
    "AnswersPurge",
    "ApprovalExpiry",
    "CalendarSync",
    "ClientImportStep",
    "ExportStep",
    "HoldExpiry",
    "InstalmentTimer",
    "OfferExpiry",
    "PassCheckoutEnd",
    "PreDebitNotice",
    "RenewalLapse",
    "SessionClose",
    "StudioImportStep",
    "Timer",
    "TimerJob",
    "TimersDelivery",
    "cancel",
    "schedule",
]

"""Timed jobs: a hold's or an offer's end, a session's close, a lapse, an instalment's step, applied when due."""

from .automation_jobs import AutomationEnter, AutomationRun, AutomationSweep
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
from .schedule import cancel, row_of, schedule

__all__ = [
    "AnswersPurge",
    "ApprovalExpiry",
    "AutomationEnter",
    "AutomationRun",
    "AutomationSweep",
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
    "row_of",
    "schedule",
]

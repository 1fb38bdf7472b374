"""The timed jobs of studios' automations (services.automations runs them): a person entering one, a run that moves
the people whose next step is due, and the sweep that finds who a calendar trigger (a birthday, no visit for a
while, a pass ending) lets in."""

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar, Self

from .jobs import TimerJob


@dataclass(frozen=True, kw_only=True)
class AutomationEnter(TimerJob):
    """A person's news that an automation's trigger hears (news.channels writes it with the news): occurrence is
    what they enter for (a booking, a pass), so the same news twice enters them once."""

    KIND: ClassVar[str] = "automation_enter"
    automation_id: int
    user_id: int
    occurrence: str

    def payload(self) -> dict:
        return {"automation_id": self.automation_id, "user_id": self.user_id, "occurrence": self.occurrence}

    @classmethod
    def from_payload(cls, kind: str, payload: dict) -> Self:
        return cls(automation_id=payload["automation_id"], user_id=payload["user_id"], occurrence=payload["occurrence"])


@dataclass(frozen=True, kw_only=True)
class AutomationRun(TimerJob):
    """A run of an automation: the people whose next step is due go on (at most a batch; another run follows)."""

    KIND: ClassVar[str] = "automation_run"
    automation_id: int

    def payload(self) -> dict:
        return {"automation_id": self.automation_id}

    @classmethod
    def from_payload(cls, kind: str, payload: dict) -> Self:
        return cls(automation_id=payload["automation_id"])


@dataclass(frozen=True, kw_only=True)
class AutomationSweep(TimerJob):
    """An hourly look for the people a calendar trigger lets in: one row per automation and due time (written once);
    each writes the next while the automation is on. after: the last person looked at, for a sweep in parts."""

    KIND: ClassVar[str] = "automation_sweep"
    automation_id: int
    after: int = 0

    def payload(self) -> dict:
        return {"automation_id": self.automation_id, "after": self.after}

    @classmethod
    def from_payload(cls, kind: str, payload: dict) -> Self:
        return cls(automation_id=payload["automation_id"], after=payload.get("after", 0))

    def key(self) -> str | None:
        return f"{self.KIND}:{self.automation_id}:{self.after}:{_iso(self.due)}" if self.due else None


def _iso(at: datetime) -> str:
    return at.isoformat()

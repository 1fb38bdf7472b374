"""The timed jobs, one frozen class per kind: what each is about, typed, and the outbox row it is written as (its
type, payload, due time and, for a job written once, the key its row's id is made of). A row read back is its job
again (from_payload), so the lane and the handlers never probe a payload's keys."""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar, Self


@dataclass(frozen=True, kw_only=True)
class TimerJob:
    """One timed job. due: when it runs (None: at once; a job read back from its row does not know)."""

    KIND: ClassVar[str]
    due: datetime | None = field(default=None, compare=False)

    @property
    def kind(self) -> str:
        """The row's type: the timers lane's kind."""
        return self.KIND

    def payload(self) -> dict:
        raise NotImplementedError

    @classmethod
    def from_payload(cls, kind: str, payload: dict) -> Self:
        """The job a row of this kind holds (a KeyError for a payload without a key it needs)."""
        raise NotImplementedError

    def key(self) -> str | None:
        """What makes the job one of its kind (its row's id is made of it, so it is written once), or None."""
        return None

    def booking(self) -> int | None:
        """The booking its row names (that booking's timers are found by it), or None."""
        return None

    def row_id(self) -> str | None:
        key = self.key()
        return hashlib.sha256(key.encode()).hexdigest()[:32] if key else None


@dataclass(frozen=True, kw_only=True)
class HoldExpiry(TimerJob):
    """A held seat's end, when its hold does (seats.holds)."""

    KIND: ClassVar[str] = "hold_expiry"
    booking_id: int

    def payload(self) -> dict:
        return {"booking_id": self.booking_id}

    @classmethod
    def from_payload(cls, kind: str, payload: dict) -> Self:
        return cls(booking_id=payload["booking_id"])

    def booking(self) -> int | None:
        return self.booking_id


@dataclass(frozen=True, kw_only=True)
class ApprovalExpiry(TimerJob):
    """A request to book that waited too long for its facilitator's decision (seats.requests)."""

    KIND: ClassVar[str] = "approval_expiry"
    booking_id: int

    def payload(self) -> dict:
        return {self.KIND: self.booking_id, "booking_id": self.booking_id}

    @classmethod
    def from_payload(cls, kind: str, payload: dict) -> Self:
        return cls(booking_id=payload[cls.KIND])

    def booking(self) -> int | None:
        return self.booking_id


@dataclass(frozen=True, kw_only=True)
class OfferExpiry(TimerJob):
    """A waiting-list offer's end (seats.promotion)."""

    KIND: ClassVar[str] = "offer_expiry"
    entry_id: int

    def payload(self) -> dict:
        return {"offer_entry_id": self.entry_id}

    @classmethod
    def from_payload(cls, kind: str, payload: dict) -> Self:
        return cls(entry_id=payload["offer_entry_id"])


@dataclass(frozen=True, kw_only=True)
class SessionClose(TimerJob):
    """A session's close, its attendance set (checkin.attendance): one per session and due time."""

    KIND: ClassVar[str] = "session_close"
    session_id: int

    def payload(self) -> dict:
        return {"close_session": self.session_id}

    @classmethod
    def from_payload(cls, kind: str, payload: dict) -> Self:
        return cls(session_id=payload["close_session"])

    def key(self) -> str | None:
        return f"{self.KIND}:{self.session_id}:{self.due.isoformat()}" if self.due else None


@dataclass(frozen=True, kw_only=True)
class AnswersPurge(TimerJob):
    """A session's sensitive answers emptied (intake.answers): one per session and due time."""

    KIND: ClassVar[str] = "answers_purge"
    session_id: int

    def payload(self) -> dict:
        return {"purge_answers": self.session_id}

    @classmethod
    def from_payload(cls, kind: str, payload: dict) -> Self:
        return cls(session_id=payload["purge_answers"])

    def key(self) -> str | None:
        return f"{self.KIND}:{self.session_id}:{self.due.isoformat()}" if self.due else None


@dataclass(frozen=True, kw_only=True)
class PassCheckoutEnd(TimerJob):
    """An unpaid pass purchase's end, when its checkout ends (payments.pass_checkout)."""

    KIND: ClassVar[str] = "pass_checkout_end"
    pass_id: int

    def payload(self) -> dict:
        return {"pass_checkout": self.pass_id}

    @classmethod
    def from_payload(cls, kind: str, payload: dict) -> Self:
        return cls(pass_id=payload["pass_checkout"])


@dataclass(frozen=True, kw_only=True)
class RenewalLapse(TimerJob):
    """A membership that did not renew lapses (payments.renewals): one per pass and period."""

    KIND: ClassVar[str] = "pass_lapse"
    pass_id: int
    period_end: datetime

    def payload(self) -> dict:
        return {"lapse_pass": self.pass_id, "period_end": self.period_end.isoformat()}

    @classmethod
    def from_payload(cls, kind: str, payload: dict) -> Self:
        return cls(pass_id=payload["lapse_pass"], period_end=datetime.fromisoformat(payload["period_end"]))

    def key(self) -> str | None:
        return f"{self.KIND}:{self.pass_id}:{self.period_end.isoformat()}"


@dataclass(frozen=True, kw_only=True)
class PreDebitNotice(TimerJob):
    """A renewing membership's notice before its charge (payments.pre_debit): one per pass and period."""

    KIND: ClassVar[str] = "pre_debit_notice"
    pass_id: int
    period_end: datetime
    amount: int

    def payload(self) -> dict:
        return {"notice_pass": self.pass_id, "period_end": self.period_end.isoformat(), "amount": self.amount}

    @classmethod
    def from_payload(cls, kind: str, payload: dict) -> Self:
        period_end = datetime.fromisoformat(payload["period_end"])
        return cls(pass_id=payload["notice_pass"], period_end=period_end, amount=payload["amount"])

    def key(self) -> str | None:
        return f"{self.KIND}:{self.pass_id}:{self.period_end.isoformat()}"


@dataclass(frozen=True, kw_only=True)
class ExportStep(TimerJob):
    """A studio export's next step (exports.steps): table None joins the parts; a client book step names its
    studio, whose book is read before the step's transaction."""

    KIND: ClassVar[str] = "studio_export_step"
    export_id: int
    table: str | None
    after: int = 0
    part: int = 0
    tries: int = 0
    studio_id: int | None = None

    def payload(self) -> dict:
        payload = {"export_id": self.export_id, "table": self.table, "after": self.after, "part": self.part}
        payload |= {"tries": self.tries} if self.tries else {}
        return payload | ({"studio_id": self.studio_id} if self.studio_id is not None else {})

    @classmethod
    def from_payload(cls, kind: str, payload: dict) -> Self:
        return cls(
            export_id=payload["export_id"],
            table=payload["table"],
            after=payload["after"],
            part=payload["part"],
            tries=payload.get("tries", 0),
            studio_id=payload.get("studio_id"),
        )


@dataclass(frozen=True, kw_only=True)
class ClientImportStep(TimerJob):
    """A client import's next chunk, from the byte offset the last one stopped at (imports.steps)."""

    KIND: ClassVar[str] = "client_import_step"
    import_id: int
    offset: int = 0

    def payload(self) -> dict:
        return {"import_id": self.import_id, "offset": self.offset}

    @classmethod
    def from_payload(cls, kind: str, payload: dict) -> Self:
        return cls(import_id=payload["import_id"], offset=payload["offset"])


@dataclass(frozen=True, kw_only=True)
class StudioImportStep(TimerJob):
    """A studio import's next chunk (imports.studio_steps)."""

    KIND: ClassVar[str] = "studio_import_step"
    import_id: int

    def payload(self) -> dict:
        return {"import_id": self.import_id}

    @classmethod
    def from_payload(cls, kind: str, payload: dict) -> Self:
        return cls(import_id=payload["import_id"])


INSTALMENT_STEPS = ("reminder_7", "reminder_1", "due", "grace")


@dataclass(frozen=True, kw_only=True)
class InstalmentTimer(TimerJob):
    """One step of an instalment (payments.instalments): a reminder, its pay link, or the grace period's end; the
    step is the kind ("instalment_due"), one row per instalment and step."""

    KIND: ClassVar[str] = "instalment"
    KINDS: ClassVar[tuple[str, ...]] = tuple(f"instalment_{step}" for step in INSTALMENT_STEPS)
    instalment_id: int
    booking_id: int
    step: str

    @property
    def kind(self) -> str:
        return f"{self.KIND}_{self.step}"

    def payload(self) -> dict:
        return {"instalment": self.instalment_id, "booking_id": self.booking_id, "step": self.step}

    @classmethod
    def from_payload(cls, kind: str, payload: dict) -> Self:
        return cls(instalment_id=payload["instalment"], booking_id=payload["booking_id"], step=payload["step"])

    def key(self) -> str | None:
        return f"{self.KIND}:{self.instalment_id}:{self.step}"

    def booking(self) -> int | None:
        return self.booking_id


@dataclass(frozen=True, kw_only=True)
class CalendarSync(TimerJob):
    """A teacher's linked calendar read (its busy times) and written (their classes and privates here): on its
    schedule (periodic: one row a due time, the next written as it runs), when asked, and when their privates
    change (services.calendar_sync)."""

    KIND: ClassVar[str] = "calendar_sync"
    calendar_id: int
    user_id: int
    periodic: bool = False

    def payload(self) -> dict:
        return {"calendar_id": self.calendar_id, "user_id": self.user_id, "periodic": self.periodic}

    @classmethod
    def from_payload(cls, kind: str, payload: dict) -> Self:
        return cls(calendar_id=payload["calendar_id"], user_id=payload["user_id"], periodic=payload["periodic"])

    def key(self) -> str | None:
        if not self.periodic or self.due is None:
            return None
        return f"{self.KIND}:{self.calendar_id}:{self.due.isoformat()}"

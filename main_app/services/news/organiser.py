"""The records of a facilitator's changes to what people booked: a session called off, a session moved."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CalledOff:
    """A booking cancelled by facilitator with its session, series or event (batch_id: the CRM message that sums the
    cancellation up; refund and credit: what goes back): the CRM, the person and their guests hear."""

    booking: Any
    user: Any
    session: Any
    event: Any
    facilitator: Any
    batch_id: str
    reason: str
    guests: Sequence = ()
    refund: dict | None = None
    credit: dict | None = None


@dataclass(frozen=True)
class Moved:
    """An active booking whose session changed (changes: each field's label, from and to): the person and their guests
    hear, with their reminders written again."""

    booking: Any
    user: Any
    session: Any
    event: Any
    facilitator: Any
    guests: Sequence = ()
    changes: list = field(default_factory=list)

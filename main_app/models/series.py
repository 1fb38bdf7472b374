"""A recurring series: sessions of an event made from one recurrence rule, on the event's own clock."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db


class SessionSeries(db.Model):
    """The rule a facilitator gave (RFC 5545 RRULE, COUNT or UNTIL) and the session it repeats; its sessions point
    here (EventSession.series_id)."""

    __tablename__ = "session_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id"), index=True)
    rrule: Mapped[str] = mapped_column(sa.String(500))
    starts_on: Mapped[date]
    start_time: Mapped[str] = mapped_column(sa.String(5))  # "07:00" on the event's clock
    duration_minutes: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

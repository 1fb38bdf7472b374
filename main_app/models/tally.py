"""A begun class's report figures, counted once (services.reports.tallies), and the changes that wait to be counted."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime

from ..extensions import db


class SessionTally(db.Model):
    """One scheduled session's attendance and pay figures, as counted at counted_at; where it starts on its studio's
    clock (day, weekday from Monday = 0, hour) is kept with them, so a report groups a year of them in the database.
    A tally is used only while no TallyChange names its session."""

    __tablename__ = "session_tallies"
    __table_args__ = (sa.Index("ix_session_tallies_studio_id_day", "studio_id", "day"),)

    session_id: Mapped[int] = mapped_column(sa.ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"))
    # The class's own, copied (its row keeps the foreign keys, and its tally goes with it).
    event_id: Mapped[int]
    instructor_id: Mapped[int]
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    day: Mapped[date] = mapped_column(sa.Date)
    weekday: Mapped[int] = mapped_column(sa.SmallInteger)
    hour: Mapped[int] = mapped_column(sa.SmallInteger)
    capacity: Mapped[int]
    booked: Mapped[int]
    attended: Mapped[int]
    no_shows: Mapped[int]
    late_cancels: Mapped[int]
    waited: Mapped[int]
    heads: Mapped[int]
    net_revenue: Mapped[int] = mapped_column(sa.BigInteger)  # in the studio's currency, before tax
    counted_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TallyChange(db.Model):
    """A write that may have changed a begun session's figures (a database trigger adds it in that write's
    transaction); gone once the session is counted again."""

    __tablename__ = "tally_changes"
    __table_args__ = (sa.Index("ix_tally_changes_session_id", "session_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int]  # not a foreign key: a change is a note, and it goes with its count


class ClientDay(db.Model):
    """A day a client came to a studio (services.reports.client_days), as counted: how many visits, the day they
    came before (None: their first), whether it is their first day in its week (from Monday) and in its month, and
    on their first day, the seconds from their first visit to their next (None: not yet back). The covering index
    lets a report sum a year of them without reading the table."""

    __tablename__ = "client_days"
    __table_args__ = (
        sa.Index(
            "ix_client_days_studio_id_day",
            *("studio_id", "day", "previous", "visits", "week_first", "month_first", "back_after"),
        ),
    )

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    visits: Mapped[int]
    previous: Mapped[date | None] = mapped_column(sa.Date)
    week_first: Mapped[int] = mapped_column(sa.SmallInteger)  # 1 or 0: summed as they are, on either database
    month_first: Mapped[int] = mapped_column(sa.SmallInteger)
    back_after: Mapped[int | None]


class ClientChange(db.Model):
    """A write that may have changed a client's visits to a begun class (a database trigger adds it in that write's
    transaction), or a class of theirs that began since the last counting; gone once their days are counted again."""

    __tablename__ = "client_changes"
    __table_args__ = (sa.Index("ix_client_changes_user_id", "user_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int]  # not a foreign key: a note, gone with its count


class CountingMark(db.Model):
    """How far a kept count has come: for client_days, every visit to a class begun before `through` is counted or
    its client noted in client_changes (None: nothing counted yet)."""

    __tablename__ = "counting_marks"

    name: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    through: Mapped[datetime | None] = mapped_column(UTCDateTime)

"""A studio's export: a job that writes everything the studio holds as CSV files and a manifest in one ZIP, chunk
by chunk on the timers lane, then offers it once through a link that expires."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime

from ..extensions import db

EXPORT_RUNNING, EXPORT_READY, EXPORT_FAILED = "running", "ready", "failed"


class StudioExport(db.Model):
    """One export of one studio: its progress (rows written of the rows counted when it started), where its file
    is, the hash of its one-use link's token, and when the link was used or ends."""

    __tablename__ = "studio_exports"
    __table_args__ = (
        sa.CheckConstraint("status IN ('running', 'ready', 'failed')", name="status"),
        sa.Index("ix_studio_exports_studio_id_id", "studio_id", "id"),
        sa.Index("ix_studio_exports_requested_by", "requested_by"),  # an account's deletion finds its exports
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"))
    requested_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(sa.String(10), default=EXPORT_RUNNING)
    rows_total: Mapped[int] = mapped_column(default=0)
    rows_done: Mapped[int] = mapped_column(default=0)
    file_name: Mapped[str | None] = mapped_column(sa.String(200))
    size: Mapped[int | None]
    token_hash: Mapped[str | None] = mapped_column(sa.String(64))
    failure: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    downloaded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

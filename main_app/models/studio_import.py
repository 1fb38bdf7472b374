"""A studio import: an export of this platform read into an empty studio a chunk at a time on the timers lane, with
its id maps kept here (memory stays flat however large the studio) and undone whole when a row cannot be read."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime

from ..extensions import db


class StudioImport(db.Model):
    """One export being read into one studio: which file and byte it has reached, and the rows each file gave."""

    __tablename__ = "studio_imports"
    __table_args__ = (
        sa.CheckConstraint("status IN ('running', 'done', 'failed')", name="status"),
        sa.Index("ix_studio_imports_studio_id_id", "studio_id", "id"),
        sa.Index("ix_studio_imports_requested_by", "requested_by"),  # an account's deletion finds its imports
        # One running import a studio: two uploads at once cannot both write into it.
        sa.Index(
            "ix_studio_imports_one_running",
            "studio_id",
            unique=True,
            sqlite_where=sa.text("status = 'running'"),
            postgresql_where=sa.text("status = 'running'"),
        ),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"))
    requested_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    owner_id: Mapped[int] = mapped_column()  # whom the staff the export names become (an id, not a reference)
    status: Mapped[str] = mapped_column(sa.String(10))
    files_done: Mapped[int] = mapped_column(default=0)
    offset: Mapped[int] = mapped_column(sa.BigInteger, default=0)  # the byte of the current file reached
    rows_total: Mapped[int] = mapped_column(default=0)
    rows_done: Mapped[int] = mapped_column(default=0)
    written: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # {file: rows written}
    failure: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class StudioImportId(db.Model):
    """An id of the export and the id its row was given here, per file: how the rows after it are translated, and
    what an undo deletes (file "made" holds accounts the import made, "book" people it added to the studio)."""

    __tablename__ = "studio_import_ids"

    import_id: Mapped[int] = mapped_column(
        sa.ForeignKey("studio_imports.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    file: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    old_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    new_id: Mapped[int] = mapped_column()

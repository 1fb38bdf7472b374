"""A studio's client import: a CSV of clients (a Mindbody or Momence export, or any other mapped by hand) checked
in a dry run, then written a chunk at a time on the timers lane, its progress and its tally kept here."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime

from ..extensions import db

IMPORT_RUNNING, IMPORT_DONE, IMPORT_FAILED = "running", "done", "failed"


class ClientImport(db.Model):
    """One import of clients into one studio: rows written of the rows checked, and what each came to."""

    __tablename__ = "client_imports"
    __table_args__ = (
        sa.CheckConstraint("status IN ('running', 'done', 'failed')", name="status"),
        sa.CheckConstraint("kind IN ('clients', 'bookings')", name="kind"),
        sa.Index("ix_client_imports_studio_id_id", "studio_id", "id"),
        sa.Index("ix_client_imports_requested_by", "requested_by"),  # an account's deletion finds its imports
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"))
    requested_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(sa.String(10), default=IMPORT_RUNNING)
    source: Mapped[str] = mapped_column(sa.String(20))  # mindbody, momence or csv (mapped by hand)
    # What its file held: clients with their passes, or their bookings of upcoming classes.
    kind: Mapped[str] = mapped_column(sa.String(10), default="clients", server_default="clients")
    rows_total: Mapped[int] = mapped_column(default=0)
    rows_done: Mapped[int] = mapped_column(default=0)
    # What the rows came to: accounts made, existing accounts added to the book, opening balances, rows unchanged
    # (imported before), rows refused when written (an email that became a staff account's meanwhile).
    accounts_made: Mapped[int] = mapped_column(default=0)
    clients_found: Mapped[int] = mapped_column(default=0)
    passes_opened: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    refused: Mapped[int] = mapped_column(default=0)
    bookings_made: Mapped[int] = mapped_column(default=0, server_default="0")  # seats of upcoming classes
    failure: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ImportedClient(db.Model):
    """A person an import brought to a studio: one row per studio and person, so importing them again adds nothing,
    and they are the studio's client (at the desk, in its export) before they book anything."""

    __tablename__ = "imported_clients"
    __table_args__ = (sa.Index("ix_imported_clients_user_id", "user_id"),)

    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    import_id: Mapped[int | None] = mapped_column(sa.ForeignKey("client_imports.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

"""A studio's forms (waivers, health questionnaires, photo consents), each published version frozen with its hash,
and the signatures people give to one version."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db

FORM_KINDS = ("waiver", "health", "photo_consent")


class FormDocument(db.Model):
    """A studio's form: the draft being written, and which published version people sign now."""

    __tablename__ = "form_documents"
    __table_args__ = (
        sa.CheckConstraint("kind IN ('waiver', 'health', 'photo_consent')", name="kind"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    questions: Mapped[list] = mapped_column(sa.JSON, default=list)
    # The studio's rule: its current version signed before a person's first booking there, and before each booking
    # after a new version is published (services.forms.required).
    required_before_first_booking: Mapped[bool] = mapped_column(default=False)
    # The version people sign now; None until the first publish. Changed only with the row locked (plumbing.locks).
    # No foreign key: versions point at their document, and the two tables would name each other.
    current_version_id: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FormVersion(db.Model):
    """One published version: its words frozen and hashed (SHA-256), never edited, kept after newer ones."""

    __tablename__ = "form_versions"
    __table_args__ = (
        sa.UniqueConstraint("document_id", "number"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(sa.ForeignKey("form_documents.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    questions: Mapped[list] = mapped_column(sa.JSON)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    published_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FormSignature(db.Model):
    """A person's signature of one version: the hash signed, answers, drawn signature, when, from where."""

    __tablename__ = "form_signatures"
    __table_args__ = (
        sa.Index("ix_form_signatures_user_id_id", "user_id", "id"),
        sa.Index("ix_form_signatures_studio_id_user_id", "studio_id", "user_id"),
        sa.Index("ix_form_signatures_dependent_id_version_id", "dependent_id", "version_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(sa.ForeignKey("form_documents.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("form_versions.id", ondelete="CASCADE"), index=True)
    version_sha256: Mapped[str] = mapped_column(sa.String(64))
    full_name: Mapped[str] = mapped_column(sa.String(200))
    answers: Mapped[dict] = mapped_column(sa.JSON)
    signature_png: Mapped[bytes] = mapped_column(sa.LargeBinary)
    ip_address: Mapped[str | None] = mapped_column(sa.String(64))
    user_agent: Mapped[str | None] = mapped_column(sa.String(300))
    # The staff member who collected it on the desk's screen; None when the person signed on their own device.
    collected_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # Given for this child of the signer's family (user_id: the guardian who signed): the child's, not the signer's.
    dependent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("dependents.id"))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class EventRequiredForm(db.Model):
    """A form an event's bookings need signed (its current version), on top of the studio's required ones."""

    __tablename__ = "event_required_forms"

    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    document_id: Mapped[int] = mapped_column(
        sa.ForeignKey("form_documents.id", ondelete="CASCADE"), primary_key=True, index=True
    )

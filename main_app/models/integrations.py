"""What a studio's own tools connect with: API tokens that act for the studio within the permissions they were
given, and webhook endpoints that hear its news."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db


class StudioToken(db.Model):
    """An API token of a studio: made by one of its owners, acting as them within its permissions (and never beyond
    their role's), until it expires or is revoked. Only the SHA-256 of its secret is kept; the prefix finds it."""

    __tablename__ = "studio_tokens"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"), index=True)
    made_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    prefix: Mapped[str] = mapped_column(sa.String(16), unique=True)
    secret_hash: Mapped[str] = mapped_column(sa.String(64))
    permissions: Mapped[list] = mapped_column(sa.JSON)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


WEBHOOK_SOURCES = ("app", "api")  # made in the web app, or subscribed by a tool through the REST hooks


class WebhookEndpoint(db.Model):
    """An address of the studio's that hears some kinds of its news (the catalogue's event types), each delivery
    signed with the endpoint's Standard Webhooks secret (sealed at rest); made in the web app or subscribed by a tool
    (source api). A disabled one hears nothing new; its log stays."""

    __tablename__ = "webhook_endpoints"
    __table_args__ = (
        sa.CheckConstraint("source IN ('app', 'api')", name="source"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"), index=True)
    made_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    url: Mapped[str] = mapped_column(sa.String(1000))
    description: Mapped[str] = mapped_column(sa.String(200), default="")
    event_types: Mapped[list] = mapped_column(sa.JSON)
    secret: Mapped[str] = mapped_column(sa.Text)  # the whsec_ secret, sealed (services.common.sealing)
    source: Mapped[str] = mapped_column(sa.String(10), default="app")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

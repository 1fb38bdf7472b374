"""Marketing emails a studio's staff send to a segment of its client book (the CRM's), and the clicks on their
unsubscribe links: the main API sends every email, so it keeps what was sent and who asked for no more."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db


class MarketingEmail(db.Model):
    """One send to a segment: its words, who sent it, how many emails it wrote (the daily cap counts them)."""

    __tablename__ = "marketing_emails"
    __table_args__ = (
        sa.Index("ix_marketing_emails_studio_id_created_at", "studio_id", "created_at"),
        sa.Index("ix_marketing_emails_sent_by", "sent_by"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id"))
    segment_id: Mapped[int] = mapped_column(sa.Integer)  # the CRM's: no foreign key across services
    segment_name: Mapped[str] = mapped_column(sa.String(100))
    subject: Mapped[str] = mapped_column(sa.String(150))
    text: Mapped[str] = mapped_column(sa.Text)
    sent_by: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    recipients: Mapped[int] = mapped_column(sa.Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MarketingOptOut(db.Model):
    """A click on a marketing email's unsubscribe link: that client (and address) gets no later one unless they give
    consent again after it; one per email and client, so a second click on the same link is told it was used."""

    __tablename__ = "marketing_opt_outs"
    __table_args__ = (
        sa.UniqueConstraint("email_id", "client_id", name="uq_marketing_opt_outs_email_id_client_id"),
        sa.Index("ix_marketing_opt_outs_studio_id_client_id", "studio_id", "client_id"),
        sa.Index("ix_marketing_opt_outs_studio_id_address", "studio_id", "address"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id"))
    email_id: Mapped[int] = mapped_column(sa.ForeignKey("marketing_emails.id"))
    client_id: Mapped[int] = mapped_column(sa.Integer)  # the CRM's client book id
    address: Mapped[str] = mapped_column(sa.String(320))  # lower case
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

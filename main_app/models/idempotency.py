"""The answers to writes sent with an Idempotency-Key, kept for a day so a repeat gets the same answer."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db


class IdempotentAnswer(db.Model):
    """The first answer (below 500) to a caller's write with one Idempotency-Key, written in that write's own
    transaction: the unique (scope, key) decides between two requests at once. Pruned a day after (plumbing)."""

    __tablename__ = "idempotent_answers"
    __table_args__ = (sa.UniqueConstraint("scope", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Whose key: "account:<id>" for a bearer token's account, "service" for the operators' token, else
    # "address:<client address>".
    scope: Mapped[str] = mapped_column(sa.String(80))
    key: Mapped[str] = mapped_column(sa.String(64))
    # sha256 (hex) of the method, the path with its query and the body: the same key with another request is refused.
    request_hash: Mapped[str] = mapped_column(sa.String(64))
    # Null until the answer is written, at the end of the transaction that claimed the key.
    status: Mapped[int | None] = mapped_column(sa.SmallInteger)
    body: Mapped[str | None] = mapped_column(sa.Text)  # the JSON answer as sent; null for an empty one
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

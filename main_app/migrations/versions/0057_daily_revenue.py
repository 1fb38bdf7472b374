"""Daily revenue: a studio's invoices and credit notes added up by day, kind of sale and currency, backfilled from
the documents already issued.

Revision ID: 0057
Revises: 0056
"""

from collections import defaultdict
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0057"
down_revision = "0056"
branch_labels = None
depends_on = None

KINDS = "'drop_in', 'retreat', 'plan', 'pack', 'membership', 'desk'"
DOCUMENTS = sa.text(
    "SELECT i.studio_id, st.timezone, i.issued_at, i.kind, i.total, i.tax_amount, i.currency, p.provider,"
    " p.instalment, ps.kind, e.kind FROM invoices i JOIN studios st ON st.id = i.studio_id"
    " JOIN payments p ON p.id = i.payment_id LEFT JOIN passes ps ON ps.id = p.pass_id"
    " LEFT JOIN bookings b ON b.id = p.booking_id LEFT JOIN sessions s ON s.id = b.session_id"
    " LEFT JOIN events e ON e.id = s.event_id"
)


def upgrade():
    table = op.create_table(
        "daily_revenue",
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("gross", sa.BigInteger(), nullable=False),
        sa.Column("refunds", sa.BigInteger(), nullable=False),
        sa.Column("tax", sa.BigInteger(), nullable=False),
        sa.Column("invoices", sa.Integer(), nullable=False),
        sa.Column("credit_notes", sa.Integer(), nullable=False),
        sa.CheckConstraint(f"kind IN ({KINDS})", name=op.f("ck_daily_revenue_kind")),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_daily_revenue_studio_id_studios"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("studio_id", "day", "kind", "currency", name=op.f("pk_daily_revenue")),
    )
    rows = _backfill(op.get_bind())
    if rows:
        op.bulk_insert(table, rows)


def _backfill(connection) -> list[dict]:
    """The figures of the documents issued before this revision (as services.invoices.daily counts them)."""
    found = defaultdict(lambda: {"gross": 0, "refunds": 0, "tax": 0, "invoices": 0, "credit_notes": 0})
    for (
        studio_id,
        zone,
        issued_at,
        kind,
        total,
        tax_amount,
        currency,
        provider,
        instalment,
        pass_kind,
        event_kind,
    ) in connection.execute(DOCUMENTS):
        moment = datetime.fromisoformat(issued_at) if isinstance(issued_at, str) else issued_at
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        sold = "desk" if provider == "door" else pass_kind or ("plan" if instalment is not None else None)
        sold = sold or ("retreat" if event_kind == "retreat" else "drop_in")
        figures = found[(studio_id, moment.astimezone(ZoneInfo(zone)).date(), sold, currency)]
        credit = kind == "credit_note"
        figures["gross" if not credit else "refunds"] += total
        figures["tax"] += -tax_amount if credit else tax_amount
        figures["credit_notes" if credit else "invoices"] += 1
    return [
        {"studio_id": key[0], "day": key[1], "kind": key[2], "currency": key[3], **figures}
        for key, figures in found.items()
    ]


def downgrade():
    op.drop_table("daily_revenue")

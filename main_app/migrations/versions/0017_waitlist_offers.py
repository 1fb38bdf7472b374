"""Waiting-list offers: how each session hands a freed seat to its line (booked at once, or offered for a while),
and the offer a place in line holds.

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("waitlist_mode", sa.String(length=10), server_default="auto", nullable=False))
        batch_op.add_column(sa.Column("offer_minutes", sa.Integer(), server_default="120", nullable=False))
        batch_op.add_column(sa.Column("auto_until_hours", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(op.f("ck_sessions_waitlist_mode"), "waitlist_mode IN ('auto', 'offer')")
        batch_op.create_check_constraint(op.f("ck_sessions_offer_minutes"), "offer_minutes > 0")
        batch_op.create_check_constraint(
            op.f("ck_sessions_auto_until_hours"), "auto_until_hours IS NULL OR auto_until_hours >= 0"
        )
    with op.batch_alter_table("waitlist_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("offered_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("offer_expires_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    # An offered place holds a claimed seat: it goes back with the offer, as an expiry would give it back.
    op.execute(
        "UPDATE sessions SET seats_taken = seats_taken - (SELECT count(*) FROM waitlist_entries w "
        "WHERE w.session_id = sessions.id AND w.offered_at IS NOT NULL)"
    )
    op.execute("DELETE FROM outbox_messages WHERE channel = 'payments' AND type = 'offer_expiry'")
    with op.batch_alter_table("waitlist_entries", schema=None) as batch_op:
        batch_op.drop_column("offer_expires_at")
        batch_op.drop_column("offered_at")
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_sessions_auto_until_hours"), type_="check")
        batch_op.drop_constraint(op.f("ck_sessions_offer_minutes"), type_="check")
        batch_op.drop_constraint(op.f("ck_sessions_waitlist_mode"), type_="check")
        batch_op.drop_column("auto_until_hours")
        batch_op.drop_column("offer_minutes")
        batch_op.drop_column("waitlist_mode")

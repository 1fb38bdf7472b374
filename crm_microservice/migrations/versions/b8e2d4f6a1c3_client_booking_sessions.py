"""client bookings follow their session: when its time and instructor were told, and an index by session

Revision ID: b8e2d4f6a1c3
Revises: f3a5c7e9b1d4
Create Date: 2026-11-26 22:40:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b8e2d4f6a1c3"
down_revision = "f3a5c7e9b1d4"
branch_labels = None
depends_on = None
TIME = sa.DateTime(timezone=True)  # models.UTCDateTime only converts in Python


def upgrade():
    op.add_column("crm_client_bookings", sa.Column("session_at", TIME, nullable=True))  # SQLite adds it in place
    op.create_index("ix_crm_client_bookings_studio_id_session_id", "crm_client_bookings", ["studio_id", "session_id"])


def downgrade():
    op.drop_index("ix_crm_client_bookings_studio_id_session_id", table_name="crm_client_bookings")
    with op.batch_alter_table("crm_client_bookings") as batch:
        batch.drop_column("session_at")

"""children as clients of their own: a child's row in the client book, linked to their family

crm_clients gains dependent_id (the main API's child on a family; one row per studio, a unique index) and family_id
(a child's family, and of an account the family whose child's seat they booked), indexed by studio; each booking's
fact gains dependent_id, the child its seat is for, whose figures it counts instead of the booker's. Columns are
added in place on both databases (SQLite keeps crm_clients' search triggers); rows from before have none: a
booking before this revision was its booker's.

Revision ID: a3c5e7f9b2d4
Revises: d2a7c9e4f1b6
Create Date: 2026-12-06 10:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a3c5e7f9b2d4"
down_revision = "d2a7c9e4f1b6"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("crm_clients", sa.Column("dependent_id", sa.Integer(), nullable=True))
    op.add_column("crm_clients", sa.Column("family_id", sa.Integer(), nullable=True))
    op.create_index("uq_crm_clients_studio_id_dependent_id", "crm_clients", ["studio_id", "dependent_id"], unique=True)
    op.create_index("ix_crm_clients_studio_id_family_id", "crm_clients", ["studio_id", "family_id"])
    op.add_column("crm_client_bookings", sa.Column("dependent_id", sa.Integer(), nullable=True))
    op.create_index(
        "ix_crm_client_bookings_studio_id_dependent_id", "crm_client_bookings", ["studio_id", "dependent_id"]
    )


def downgrade():
    # Dropped in place (SQLite 3.35+ drops a column without an index), keeping crm_clients' search triggers.
    op.drop_index("ix_crm_client_bookings_studio_id_dependent_id", table_name="crm_client_bookings")
    op.drop_column("crm_client_bookings", "dependent_id")
    op.drop_index("ix_crm_clients_studio_id_family_id", table_name="crm_clients")
    op.drop_index("uq_crm_clients_studio_id_dependent_id", table_name="crm_clients")
    op.drop_column("crm_clients", "family_id")
    op.drop_column("crm_clients", "dependent_id")

"""Give pass products and passes the time zone of their weeks: a membership's weekly limit is counted Monday to Sunday
on the pass's clock, not on the clock of whichever event is booked. Existing rows take the zone of the first event
they cover (of their facilitator's first event when they cover them all), else UTC; a pass takes its product's.

Revision ID: 0040
Revises: 0039
"""

import sqlalchemy as sa
from alembic import op

revision = "0040"
down_revision = "0039"
branch_labels = None
depends_on = None

FIRST_COVERED = (
    "SELECT e.timezone FROM pass_product_events c JOIN events e ON e.id = c.event_id"
    " WHERE c.product_id = pass_products.id ORDER BY e.id LIMIT 1"
)
FIRST_OF_FACILITATOR = (
    "SELECT e.timezone FROM events e WHERE e.facilitator_id = pass_products.facilitator_id ORDER BY e.id LIMIT 1"
)


def upgrade():
    for table in ("pass_products", "passes"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("timezone", sa.String(length=64), nullable=False, server_default="UTC"))
    op.execute(f"UPDATE pass_products SET timezone = COALESCE(({FIRST_COVERED}), ({FIRST_OF_FACILITATOR}), 'UTC')")
    op.execute("UPDATE passes SET timezone = (SELECT p.timezone FROM pass_products p WHERE p.id = passes.product_id)")


def downgrade():
    for table in ("passes", "pass_products"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("timezone")

"""Forms signed for a child: a signature may name the child of the signer's family it was given for (the signer is
the guardian who signed); such a signature is the child's, never the guardian's own.

A column added in place (no table rebuild on SQLite), null for every signature so far, and its index.

Revision ID: 0078
Revises: 0077
"""

import sqlalchemy as sa
from alembic import op

revision = "0078"
down_revision = "0077"
branch_labels = None
depends_on = None


def upgrade():
    # As 0076 added the bookings' column: inline on SQLite (ADD COLUMN in place), named as the models name it.
    name = op.f("fk_form_signatures_dependent_id_dependents")
    if op.get_bind().dialect.name == "sqlite":
        column = sa.Column("dependent_id", sa.Integer(), sa.ForeignKey("dependents.id", name=name), nullable=True)
        op.add_column("form_signatures", column, inline_references=True)
    else:
        op.add_column("form_signatures", sa.Column("dependent_id", sa.Integer(), nullable=True))
        op.create_foreign_key(name, "form_signatures", "dependents", ["dependent_id"], ["id"])
    op.create_index("ix_form_signatures_dependent_id_version_id", "form_signatures", ["dependent_id", "version_id"])


def downgrade():
    op.drop_index("ix_form_signatures_dependent_id_version_id", "form_signatures")
    # Without the column, a child's signature would read as its guardian's own.
    op.execute("DELETE FROM form_signatures WHERE dependent_id IS NOT NULL")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(op.f("fk_form_signatures_dependent_id_dependents"), "form_signatures", type_="foreignkey")
    op.drop_column("form_signatures", "dependent_id")

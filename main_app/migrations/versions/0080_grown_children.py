"""A child who comes of age given a login of their own: the child's row names the account their history went to
(grown_into_id), once their bookings and places in line are that account's.

A nullable column added in place (on SQLite inline, with its key, as 0078 added the signatures' column), and its
index.

Revision ID: 0080
Revises: 0079
"""

import sqlalchemy as sa
from alembic import op

revision = "0080"
down_revision = "0079"
branch_labels = None
depends_on = None

NAME = "fk_dependents_grown_into_id_users"


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        column = sa.Column("grown_into_id", sa.Integer(), sa.ForeignKey("users.id", name=NAME), nullable=True)
        op.add_column("dependents", column, inline_references=True)
    else:
        op.add_column("dependents", sa.Column("grown_into_id", sa.Integer(), nullable=True))
        op.create_foreign_key(NAME, "dependents", "users", ["grown_into_id"], ["id"])
    op.create_index(op.f("ix_dependents_grown_into_id"), "dependents", ["grown_into_id"])


def downgrade():
    op.drop_index(op.f("ix_dependents_grown_into_id"), table_name="dependents")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(NAME, "dependents", type_="foreignkey")
    op.drop_column("dependents", "grown_into_id")

"""Studio imports: a job per export read into an empty studio, and its id maps.

Revision ID: 0055
Revises: 0054
"""

import sqlalchemy as sa
from alembic import op

revision = "0055"
down_revision = "0054"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "studio_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("requested_by", sa.Integer(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("files_done", sa.Integer(), nullable=False),
        sa.Column("offset", sa.BigInteger(), nullable=False),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("rows_done", sa.Integer(), nullable=False),
        sa.Column("written", sa.JSON(), nullable=False),
        sa.Column("failure", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('running', 'done', 'failed')", name=op.f("ck_studio_imports_status")),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_studio_imports_studio_id_studios"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["requested_by"], ["users.id"], name=op.f("fk_studio_imports_requested_by_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_studio_imports")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_studio_imports_studio_id_id", "studio_imports", ["studio_id", "id"], unique=False)
    op.create_index("ix_studio_imports_requested_by", "studio_imports", ["requested_by"], unique=False)
    op.create_index(
        "ix_studio_imports_one_running",
        "studio_imports",
        ["studio_id"],
        unique=True,
        sqlite_where=sa.text("status = 'running'"),
        postgresql_where=sa.text("status = 'running'"),
    )
    op.create_table(
        "studio_import_ids",
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("file", sa.String(length=20), nullable=False),
        sa.Column("old_id", sa.Integer(), nullable=False),
        sa.Column("new_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["studio_imports.id"],
            name=op.f("fk_studio_import_ids_import_id_studio_imports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("import_id", "file", "old_id", name=op.f("pk_studio_import_ids")),
    )


def downgrade():
    op.drop_table("studio_import_ids")
    op.drop_index("ix_studio_imports_one_running", table_name="studio_imports")
    op.drop_index("ix_studio_imports_requested_by", table_name="studio_imports")
    op.drop_index("ix_studio_imports_studio_id_id", table_name="studio_imports")
    op.drop_table("studio_imports")

"""Client imports: a job per import, the ledger's opening balances (kind imported) and the key of an imported pass.

Revision ID: 0054
Revises: 0053
"""

import sqlalchemy as sa
from alembic import op

revision = "0054"
down_revision = "0053"
branch_labels = None
depends_on = None

KINDS = "'purchase', 'renewal', 'spend', 'return', 'forfeit', 'hold', 'release'"


def upgrade():
    op.create_table(
        "client_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("requested_by", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        *(
            sa.Column(name, sa.Integer(), nullable=False)
            for name in (
                "rows_total",
                "rows_done",
                "accounts_made",
                "clients_found",
                "passes_opened",
                "unchanged",
                "refused",
            )
        ),
        sa.Column("failure", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('running', 'done', 'failed')", name=op.f("ck_client_imports_status")),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_client_imports_studio_id_studios"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["requested_by"], ["users.id"], name=op.f("fk_client_imports_requested_by_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_imports")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_client_imports_studio_id_id", "client_imports", ["studio_id", "id"], unique=False)
    op.create_index("ix_client_imports_requested_by", "client_imports", ["requested_by"], unique=False)
    op.create_table(
        "imported_clients",
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_imported_clients_studio_id_studios"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_imported_clients_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["client_imports.id"],
            name=op.f("fk_imported_clients_import_id_client_imports"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("studio_id", "user_id", name=op.f("pk_imported_clients")),
    )
    op.create_index("ix_imported_clients_user_id", "imported_clients", ["user_id"], unique=False)
    op.create_index(op.f("ix_imported_clients_import_id"), "imported_clients", ["import_id"], unique=False)
    op.add_column("passes", sa.Column("import_key", sa.String(length=80), nullable=True))
    op.create_index("ix_passes_import_key", "passes", ["import_key"], unique=True)
    _ledger_kinds(f"{KINDS}, 'imported'")


def downgrade():
    # An opening balance reads as what it was to the older schema: credits given with the pass.
    op.execute("UPDATE pass_ledger SET kind = 'purchase' WHERE kind = 'imported'")
    _ledger_kinds(KINDS)
    op.drop_index("ix_passes_import_key", table_name="passes")
    op.drop_column("passes", "import_key")  # SQLite drops a column in place: no copy of a table others point to
    op.drop_table("imported_clients")
    op.drop_index("ix_client_imports_requested_by", table_name="client_imports")
    op.drop_index("ix_client_imports_studio_id_id", table_name="client_imports")
    op.drop_table("client_imports")


def _ledger_kinds(kinds: str) -> None:
    """The ledger's check of its kinds, rebuilt (SQLite: the table copied, its AUTOINCREMENT kept)."""
    with op.batch_alter_table("pass_ledger", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_constraint(op.f("ck_pass_ledger_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_pass_ledger_kind"), f"kind IN ({kinds})")

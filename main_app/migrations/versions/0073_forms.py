"""Forms and waivers: form_documents (a studio's form and its draft), form_versions (each published version, frozen
with its SHA-256) and form_signatures (a person's signature of one version).

New tables only: nothing existing is rebuilt, on SQLite or PostgreSQL.

Revision ID: 0073
Revises: 0073
"""

import sqlalchemy as sa
from alembic import op

revision = "0073"
down_revision = "0072"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def _documents() -> None:
    op.create_table(
        "form_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("required_before_first_booking", sa.Boolean(), nullable=False),
        sa.Column("current_version_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('waiver', 'health', 'photo_consent')", name=op.f("ck_form_documents_kind")),
        _fk("form_documents", "studio_id", "studios", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_documents")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_form_documents_studio_id"), "form_documents", ["studio_id"], unique=False)


def _versions() -> None:
    op.create_table(
        "form_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("published_by", sa.Integer(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        _fk("form_versions", "document_id", "form_documents", "CASCADE"),
        _fk("form_versions", "published_by", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_versions")),
        sa.UniqueConstraint("document_id", "number", name=op.f("uq_form_versions_document_id")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_form_versions_published_by"), "form_versions", ["published_by"], unique=False)


def _signatures() -> None:
    op.create_table(
        "form_signatures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("version_sha256", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("signature_png", sa.LargeBinary(), nullable=False),
        sa.Column("ip_address", sa.String(length=64), nullable=True),
        sa.Column("user_agent", sa.String(length=300), nullable=True),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        _fk("form_signatures", "user_id", "users", "CASCADE"),
        _fk("form_signatures", "studio_id", "studios", "CASCADE"),
        _fk("form_signatures", "document_id", "form_documents", "CASCADE"),
        _fk("form_signatures", "version_id", "form_versions", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_signatures")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_form_signatures_user_id_id", "form_signatures", ["user_id", "id"], unique=False)
    op.create_index("ix_form_signatures_studio_id_user_id", "form_signatures", ["studio_id", "user_id"], unique=False)
    op.create_index(op.f("ix_form_signatures_document_id"), "form_signatures", ["document_id"], unique=False)
    op.create_index(op.f("ix_form_signatures_version_id"), "form_signatures", ["version_id"], unique=False)


def upgrade():
    _documents()
    _versions()
    _signatures()


def downgrade():
    op.drop_table("form_signatures")
    op.drop_table("form_versions")
    op.drop_table("form_documents")

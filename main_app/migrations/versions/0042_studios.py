"""Studios as teams: studios, their members with roles, invitations to join, and the append-only audit log. Each
facilitator becomes the owner of a studio named after them (its slug made from the name, unique), in the time zone
of their first event and the currency of their first session (else UTC and INR); its country is left for them to say.

Revision ID: 0042
Revises: 0041
"""

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0042"
down_revision = "0041"
branch_labels = None
depends_on = None
ROLE_CHECK = "role IN ('owner', 'manager', 'instructor', 'front_desk')"


def upgrade():
    _create_studios()
    _create_members_and_invitations()
    _create_audit_entries()
    _studio_for_each_facilitator()


def downgrade():
    op.drop_index("ix_audit_entries_studio_id_actor_id_at", table_name="audit_entries")
    op.drop_index("ix_audit_entries_studio_id_at", table_name="audit_entries")
    op.drop_table("audit_entries")
    for column in ("invited_by", "accepted_by"):
        op.drop_index(op.f(f"ix_studio_invitations_{column}"), table_name="studio_invitations")
    op.drop_index("ix_studio_invitations_studio_id_created_at", table_name="studio_invitations")
    op.drop_table("studio_invitations")
    op.drop_index(op.f("ix_studio_members_user_id"), table_name="studio_members")
    op.drop_table("studio_members")
    op.drop_table("studios")


def _create_studios():
    op.create_table(
        "studios",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("contact_email", sa.String(length=320), nullable=True),
        sa.Column("contact_phone", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_studios")),
        sa.UniqueConstraint("slug", name=op.f("uq_studios_slug")),
        sqlite_autoincrement=True,
    )


def _create_members_and_invitations():
    op.create_table(
        "studio_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(ROLE_CHECK, name=op.f("ck_studio_members_role")),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_studio_members_studio_id_studios"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_studio_members_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_studio_members")),
        sa.UniqueConstraint("studio_id", "user_id", name="uq_studio_members_studio_id_user_id"),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_studio_members_user_id"), "studio_members", ["user_id"], unique=False)
    op.create_table(
        "studio_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("invited_by", sa.Integer(), nullable=True),
        sa.Column("nonce", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted_by", sa.Integer(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(ROLE_CHECK, name=op.f("ck_studio_invitations_role")),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_studio_invitations_studio_id_studios"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["invited_by"], ["users.id"], name=op.f("fk_studio_invitations_invited_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["accepted_by"], ["users.id"], name=op.f("fk_studio_invitations_accepted_by_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_studio_invitations")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_studio_invitations_studio_id_created_at", "studio_invitations", ["studio_id", "created_at"], unique=False
    )
    for column in ("invited_by", "accepted_by"):  # deleting an account sets these to NULL: found by index
        op.create_index(op.f(f"ix_studio_invitations_{column}"), "studio_invitations", [column], unique=False)


def _create_audit_entries():
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_role", sa.String(length=20), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("object_type", sa.String(length=40), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("remote_addr", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_audit_entries_studio_id_studios"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_audit_entries_studio_id_at", "audit_entries", ["studio_id", "at"], unique=False)
    op.create_index(
        "ix_audit_entries_studio_id_actor_id_at", "audit_entries", ["studio_id", "actor_id", "at"], unique=False
    )


def _slug(name: str, taken: set[str]) -> str:
    """A URL slug of name (ASCII letters, digits and hyphens), numbered when another studio has it."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:56] or "studio"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def _studio_for_each_facilitator():
    bind = op.get_bind()
    facilitators = bind.execute(
        sa.text("SELECT id, name, email, created_at FROM users WHERE role = 'facilitator' ORDER BY id")
    ).all()
    taken: set[str] = set()
    for facilitator in facilitators:
        first_event = "SELECT {} FROM events WHERE facilitator_id = :f ORDER BY id LIMIT 1"
        zone = bind.execute(sa.text(first_event.format("timezone")), {"f": facilitator.id}).scalar()
        currency = bind.execute(
            sa.text(
                "SELECT s.currency FROM sessions s JOIN events e ON e.id = s.event_id"
                " WHERE e.facilitator_id = :f ORDER BY s.id LIMIT 1"
            ),
            {"f": facilitator.id},
        ).scalar()
        values = {
            "name": facilitator.name,
            "slug": _slug(facilitator.name, taken),
            "zone": zone or "UTC",
            "currency": currency or "INR",
            "email": facilitator.email,
            "at": facilitator.created_at,
        }
        bind.execute(
            sa.text(
                "INSERT INTO studios (name, slug, timezone, currency, contact_email, created_at)"
                " VALUES (:name, :slug, :zone, :currency, :email, :at)"
            ),
            values,
        )
        studio_id = bind.execute(sa.text("SELECT id FROM studios WHERE slug = :slug"), values).scalar_one()
        bind.execute(
            sa.text("INSERT INTO studio_members (studio_id, user_id, role, created_at) VALUES (:s, :u, 'owner', :at)"),
            {"s": studio_id, "u": facilitator.id, "at": facilitator.created_at},
        )

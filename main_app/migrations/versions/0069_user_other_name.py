"""A person's name in another script: users.other_name (प्रिया शर्मा beside Priya Sharma), and every name written in
Unicode NFC, as the services write them from now on, so the desk finds a name however its letters were typed.

The column is added and dropped in place (no table rebuild on SQLite, so ids and counters stay). NFC is applied in
Python: neither database normalises Unicode the same way. A name that is NFC already (nearly all) is left as it is.

Revision ID: 0069
Revises: 0068
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0069"
down_revision = "0068"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("other_name", sa.String(length=200), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, name FROM users WHERE name IS NOT NULL")).all()
    changed = [
        {"id": row.id, "name": unicodedata.normalize("NFC", row.name)}
        for row in rows
        if not unicodedata.is_normalized("NFC", row.name)
    ]
    if changed:
        conn.execute(sa.text("UPDATE users SET name = :name WHERE id = :id"), changed)


def downgrade():
    op.drop_column("users", "other_name")  # in place on SQLite too (3.35+), as 0067's

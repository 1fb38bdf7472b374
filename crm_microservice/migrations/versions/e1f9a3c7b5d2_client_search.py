"""typo-tolerant client search: phone digits, pg_trgm GIN indexes on PostgreSQL, an FTS5 trigram table on SQLite

crm_clients gains phone_digits (the phone without spaces or punctuation, written by the projection), so a phone
matches however it was typed. PostgreSQL: the pg_trgm extension (trusted since PostgreSQL 13: the database's owner
may create it) and GIN trigram indexes on name, email and phone_digits, which serve ILIKE and the word-similarity
operators. SQLite: crm_clients_search, an FTS5 table with the trigram tokenizer (SQLite >= 3.34) over the same three
columns, external content (it stores no copy) kept in step with crm_clients by triggers, so every writer (the
projection, a merge, a migration) keeps it right without knowing of it.

Revision ID: e1f9a3c7b5d2
Revises: c4e8b2a6d913
Create Date: 2026-11-26 16:30:00.000000

"""

import re

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e1f9a3c7b5d2"
down_revision = "c4e8b2a6d913"
branch_labels = None
depends_on = None
TRIGRAM_INDEXES = {
    "ix_crm_clients_name_trgm": "name",
    "ix_crm_clients_email_trgm": "email",
    "ix_crm_clients_phone_digits_trgm": "phone_digits",
}
COLUMNS = "name, email, phone_digits"
SQLITE_TRIGGERS = {
    "crm_clients_search_insert": f"""
        AFTER INSERT ON crm_clients BEGIN
            INSERT INTO crm_clients_search (rowid, {COLUMNS}) VALUES (new.id, new.name, new.email, new.phone_digits);
        END""",
    "crm_clients_search_delete": f"""
        AFTER DELETE ON crm_clients BEGIN
            INSERT INTO crm_clients_search (crm_clients_search, rowid, {COLUMNS})
            VALUES ('delete', old.id, old.name, old.email, old.phone_digits);
        END""",
    # Only when a searched column changed: most notifications rewrite a client's row with the same name.
    "crm_clients_search_update": f"""
        AFTER UPDATE OF {COLUMNS} ON crm_clients
        WHEN old.name IS NOT new.name OR old.email IS NOT new.email OR old.phone_digits IS NOT new.phone_digits
        BEGIN
            INSERT INTO crm_clients_search (crm_clients_search, rowid, {COLUMNS})
            VALUES ('delete', old.id, old.name, old.email, old.phone_digits);
            INSERT INTO crm_clients_search (rowid, {COLUMNS}) VALUES (new.id, new.name, new.email, new.phone_digits);
        END""",
}


def upgrade():
    op.add_column("crm_clients", sa.Column("phone_digits", sa.String(length=32), nullable=True))
    _fill_phone_digits()
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, column in TRIGRAM_INDEXES.items():
            op.execute(f"CREATE INDEX {name} ON crm_clients USING gin ({column} gin_trgm_ops)")
        return
    op.execute(
        f"CREATE VIRTUAL TABLE crm_clients_search USING fts5({COLUMNS}, content='crm_clients', content_rowid='id', "
        "tokenize='trigram')"
    )
    for name, body in SQLITE_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute("INSERT INTO crm_clients_search (crm_clients_search) VALUES ('rebuild')")


def _fill_phone_digits():
    """The clients already in the book: their phone's digits (in Python: SQLite has no regexp_replace)."""
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, phone FROM crm_clients WHERE phone IS NOT NULL")).all()
    update = sa.text("UPDATE crm_clients SET phone_digits = :digits WHERE id = :id")
    values = [{"id": row.id, "digits": re.sub(r"\D", "", row.phone) or None} for row in rows]
    if values:
        conn.execute(update, values)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for name in TRIGRAM_INDEXES:
            op.execute(f"DROP INDEX {name}")
        # The extension stays: other databases' objects or a later migration may use it.
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
        op.execute("DROP TABLE crm_clients_search")
    with op.batch_alter_table("crm_clients") as batch:
        batch.drop_column("phone_digits")

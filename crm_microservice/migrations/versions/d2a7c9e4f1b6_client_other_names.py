"""client names in two scripts: other_name beside name, searched as it is, and name_key, the order of the list

crm_clients gains other_name (the name in another script a person gave beside their name: प्रिया शर्मा beside
Priya Sharma) and name_key (the key the list sorts names by, compared by code point on both databases: the "C"
collation on PostgreSQL, SQLite's default BINARY), with an index by studio. The names already in the book are
written in NFC and given their key here, in Python (as services/clients/names.py does at this revision: neither
database can normalise Unicode the same way). Search covers other_name: a GIN trigram index on PostgreSQL; on SQLite
the FTS5 table of migration e1f9a3c7b5d2 is made again with the column, and its triggers with it.

Revision ID: d2a7c9e4f1b6
Revises: b8e2d4f6a1c3
Create Date: 2026-12-02 10:00:00.000000

"""

import unicodedata

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d2a7c9e4f1b6"
down_revision = "b8e2d4f6a1c3"
branch_labels = None
depends_on = None
NAME_KEY = sa.String(500).with_variant(sa.String(500, collation="C"), "postgresql")
LATIN_ACCENTS = range(0x0300, 0x0370)
OLD_COLUMNS = ("name", "email", "phone_digits")
NEW_COLUMNS = ("name", "other_name", "email", "phone_digits")


def upgrade():
    op.add_column("crm_clients", sa.Column("other_name", sa.String(length=500), nullable=True))
    op.add_column("crm_clients", sa.Column("name_key", NAME_KEY, nullable=True))
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        _drop_search()  # before the names are rewritten: the new table is filled from the rows at the end
    _write_names()
    op.create_index("ix_crm_clients_studio_id_name_key", "crm_clients", ["studio_id", "name_key"])
    if sqlite:
        _make_search(NEW_COLUMNS)
    else:
        op.execute("CREATE INDEX ix_crm_clients_other_name_trgm ON crm_clients USING gin (other_name gin_trgm_ops)")


def _sort_key(name: str) -> str:
    """services/clients/names.py's sort_key at this revision."""
    parts = unicodedata.normalize("NFD", name.casefold())
    plain = "".join(char for char in parts if ord(char) not in LATIN_ACCENTS)
    return " ".join(unicodedata.normalize("NFC", plain).split())


def _write_names():
    """Every name in NFC with its sort key."""
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, name FROM crm_clients WHERE name IS NOT NULL")).all()
    values = [
        {"id": row.id, "name": unicodedata.normalize("NFC", row.name), "key": _sort_key(row.name)} for row in rows
    ]
    if values:
        conn.execute(sa.text("UPDATE crm_clients SET name = :name, name_key = :key WHERE id = :id"), values)


def _triggers(columns: tuple[str, ...]) -> dict[str, str]:
    """SQLite: the triggers keeping crm_clients_search in step with crm_clients (as migration e1f9a3c7b5d2's)."""
    names = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in columns)
    insert = f"INSERT INTO crm_clients_search (rowid, {names}) VALUES (new.id, {new});"
    delete = f"INSERT INTO crm_clients_search (crm_clients_search, rowid, {names}) VALUES ('delete', old.id, {old});"
    return {
        "crm_clients_search_insert": f"AFTER INSERT ON crm_clients BEGIN {insert} END",
        "crm_clients_search_delete": f"AFTER DELETE ON crm_clients BEGIN {delete} END",
        # Only when a searched column changed: most notifications rewrite a client's row with the same name.
        "crm_clients_search_update": (
            f"AFTER UPDATE OF {names} ON crm_clients WHEN {changed} BEGIN {delete} {insert} END"
        ),
    }


def _drop_search():
    for name in _triggers(OLD_COLUMNS):
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DROP TABLE crm_clients_search")


def _make_search(columns: tuple[str, ...]):
    """SQLite: the FTS5 trigram table over columns, its triggers, and its index built from the rows."""
    op.execute(
        f"CREATE VIRTUAL TABLE crm_clients_search USING fts5({', '.join(columns)}, content='crm_clients', "
        "content_rowid='id', tokenize='trigram')"
    )
    for name, body in _triggers(columns).items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute("INSERT INTO crm_clients_search (crm_clients_search) VALUES ('rebuild')")


def downgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        _drop_search()
    else:
        op.execute("DROP INDEX ix_crm_clients_other_name_trgm")
    op.drop_index("ix_crm_clients_studio_id_name_key", table_name="crm_clients")
    with op.batch_alter_table("crm_clients") as batch:
        batch.drop_column("name_key")
        batch.drop_column("other_name")
    if sqlite:  # after the table was copied without the columns (its triggers went with the old one)
        _make_search(OLD_COLUMNS)

"""Every foreign key and every column the list endpoints filter or sort on leads an index (from the migrations)."""

import pytest
import sqlalchemy as sa

from main_app.extensions import db

pytestmark = pytest.mark.both_databases

# Columns the list endpoints filter or order by, besides foreign keys.
FILTERED = {
    "events": ["starts_at", "kind"],
    "sessions": ["starts_at"],
    "outbox_messages": ["status"],
    "delivery_attempts": ["attempted_at"],
    "revoked_tokens": ["expires_at"],
}


def leading_columns(inspector, table: str) -> set[str]:
    """First column of every index, unique constraint and primary key of table."""
    leading = {index["column_names"][0] for index in inspector.get_indexes(table) if index["column_names"]}
    leading |= {unique["column_names"][0] for unique in inspector.get_unique_constraints(table)}
    leading |= set(inspector.get_pk_constraint(table)["constrained_columns"][:1])
    return leading


def test_foreign_keys_and_filtered_columns_are_indexed(app):
    with app.app_context():
        inspector = sa.inspect(db.engine)
        missing = []
        for table in inspector.get_table_names():
            if table == "alembic_version":
                continue
            wanted = {fk["constrained_columns"][0] for fk in inspector.get_foreign_keys(table)} | set(
                FILTERED.get(table, [])
            )
            missing += [f"{table}.{column}" for column in sorted(wanted - leading_columns(inspector, table))]
    assert not missing, f"no index leads with: {missing}"

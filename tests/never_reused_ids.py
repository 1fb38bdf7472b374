"""Checks both services' tests share: a deleted row's id never comes back, in the models and in the migrated schema.

Ids are named after their row is gone (a ledger's hold, an offer's link, an outbox payload), so every table whose
key is one integer column is AUTOINCREMENT on SQLite; on PostgreSQL its id comes from a sequence."""

from itertools import count

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateTable

FILLERS = {"INTEGER": 1, "BOOLEAN": 0, "JSON": "{}", "DATETIME": "2030-01-01 00:00:00", "DATE": "2030-01-01"}


def integer_id_tables(engine: sa.Engine) -> list[str]:
    """The tables of the migrated schema whose primary key is one integer column named id."""
    inspector = sa.inspect(engine)
    return [
        table
        for table in inspector.get_table_names()
        if inspector.get_pk_constraint(table)["constrained_columns"] == ["id"]
        and isinstance(next(c["type"] for c in inspector.get_columns(table) if c["name"] == "id"), sa.Integer)
    ]


def models_not_autoincrement(metadata: sa.MetaData) -> list[str]:
    """The models' tables keyed by one integer column of their own (not another row's id, as a session's tally is
    keyed by its session's) whose SQLite DDL lacks AUTOINCREMENT."""
    return [
        table.name
        for table in metadata.sorted_tables
        if len(table.primary_key.columns) == 1
        and isinstance(table.primary_key.columns[0].type, sa.Integer)
        and not table.primary_key.columns[0].foreign_keys
        and "AUTOINCREMENT" not in str(CreateTable(table).compile(dialect=sqlite.dialect()))
    ]


def ids_that_may_come_back(engine: sa.Engine) -> list[str]:
    """The migrated schema's integer-id tables whose ids are not kept from reuse: not AUTOINCREMENT (SQLite), or
    without a sequence behind them (PostgreSQL)."""
    tables = integer_id_tables(engine)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            ddl = dict(conn.execute(sa.text("SELECT name, sql FROM sqlite_master WHERE type = 'table'")).all())
            # A virtual table's shadow tables (FTS5's) are keyed by the rowids of the rows it indexes, not their own.
            shadows = {row.name for row in conn.exec_driver_sql("PRAGMA table_list") if row.type == "shadow"}
            return [table for table in tables if "AUTOINCREMENT" not in ddl[table] and table not in shadows]
        sequence = "SELECT pg_get_serial_sequence(:table, 'id')"
        return [table for table in tables if conn.execute(sa.text(sequence), {"table": table}).scalar() is None]


def ids_given_after_a_delete(engine: sa.Engine) -> dict[str, tuple[int, int]]:
    """SQLite: in every integer-id table, insert a row, delete it and insert another: {table: (first id, second id)}.
    Foreign keys and checks are off on this connection, so a row of placeholders fits any table."""
    given, values = {}, count(1)
    with engine.connect() as conn:
        conn.execute(sa.text("PRAGMA foreign_keys = OFF"))
        conn.execute(sa.text("PRAGMA ignore_check_constraints = ON"))
        for table in integer_id_tables(engine):
            ids = []
            for _ in range(2):
                ids.append(_insert_placeholder(conn, table, values))
                conn.execute(sa.text(f'DELETE FROM "{table}" WHERE id = :id'), {"id": ids[-1]})
            given[table] = tuple(ids)
        conn.commit()
    return given


class NeverReusedIds:
    """The checks of one service's ids: its tests subclass this as a Test class that names the service's db."""

    db = None

    def test_every_model_keyed_by_an_integer_is_autoincrement_on_sqlite(self):
        assert models_not_autoincrement(self.db.metadata) == []

    def test_every_integer_id_of_the_migrated_schema_is_never_given_twice(self, app):
        with app.app_context():
            assert ids_that_may_come_back(self.db.engine) == []

    def ids_given_after_deletes(self, app) -> dict[str, tuple[int, int]]:
        """ids_given_after_a_delete() on the app's database; the test skips on PostgreSQL."""
        with app.app_context():
            if self.db.engine.dialect.name != "sqlite":
                pytest.skip("PostgreSQL's sequences never go back (the test above checks every id has one)")
            return ids_given_after_a_delete(self.db.engine)


def _insert_placeholder(conn: sa.Connection, table: str, values: count) -> int:
    """A row of placeholders in table (each value fresh: unique indexes never refuse it); its id."""
    required = [
        column
        for column in sa.inspect(conn).get_columns(table)
        if not column["nullable"] and column["default"] is None and column["name"] != "id"
    ]
    row = {}
    for column in required:
        n, kind = next(values), column["type"].__visit_name__.upper()
        row[column["name"]] = n if kind in ("INTEGER", "BIGINT", "NUMERIC") else FILLERS.get(kind, f"x{n}")
    names = ", ".join(f'"{name}"' for name in row)
    params = ", ".join(f":{name}" for name in row)
    insert = f'INSERT INTO "{table}" ({names}) VALUES ({params})' if row else f'INSERT INTO "{table}" DEFAULT VALUES'
    return conn.execute(sa.text(insert + " RETURNING id"), row).scalar_one()

"""The Alembic migrations build exactly the tables the models describe, on SQLite and PostgreSQL."""

import flask_migrate
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from crm_microservice.extensions import db
from crm_microservice.models import Client
from crm_microservice.services.clients import search

pytestmark = pytest.mark.both_databases

# Search's own structures (migrations e1f9a3c7b5d2 and d2a7c9e4f1b6), of a kind the models cannot state per dialect:
# PostgreSQL's GIN trigram indexes, SQLite's FTS5 table (and the shadow tables FTS5 keeps) and its triggers.
FIRST_SEARCH_INDEXES = {"ix_crm_clients_name_trgm", "ix_crm_clients_email_trgm", "ix_crm_clients_phone_digits_trgm"}
SEARCH_INDEXES = FIRST_SEARCH_INDEXES | {"ix_crm_clients_other_name_trgm"}


def _not_search(_object, name, type_, _reflected, _compare_to) -> bool:
    if type_ == "table":
        return not name.startswith("crm_clients_search")
    return not (type_ == "index" and name in SEARCH_INDEXES)


def _search_structures(connection) -> set[str]:
    """The search structures the database holds: index names on PostgreSQL, table and trigger names on SQLite."""
    if connection.dialect.name == "postgresql":
        return {index["name"] for index in sa.inspect(connection).get_indexes("crm_clients")} & SEARCH_INDEXES
    query = "SELECT name FROM sqlite_master WHERE name LIKE 'crm_clients_search%' AND type IN ('table', 'trigger')"
    return set(connection.exec_driver_sql(query).scalars())


def test_upgrade_matches_the_models_and_downgrade_undoes_it(make_app, empty_database_url):
    app = make_app(empty_database_url, create_tables=False)

    with app.app_context():
        flask_migrate.upgrade()
        with db.engine.connect() as connection:
            opts = {"compare_type": True, "include_object": _not_search}
            context = MigrationContext.configure(connection, opts=opts)
            assert compare_metadata(context, db.metadata) == []
            assert _search_structures(connection) >= (
                SEARCH_INDEXES
                if connection.dialect.name == "postgresql"
                else {"crm_clients_search", "crm_clients_search_insert", "crm_clients_search_update"}
            )
            inspector = sa.inspect(connection)
            assert {"crm_notifications", "alembic_version"} <= set(inspector.get_table_names())
            unique = inspector.get_unique_constraints("crm_notifications")
            assert [constraint["column_names"] for constraint in unique] == [["notification_id"]]
            indexed = {tuple(index["column_names"]) for index in inspector.get_indexes("crm_notifications")}
            assert {("facilitator_id",), ("type",), ("booking_id",), ("received_at",), ("batch_id",)} <= indexed

            clients = {column["name"]: column for column in inspector.get_columns("crm_clients")}
            if connection.dialect.name == "postgresql":  # code point order whatever the database's locale
                assert clients["name_key"]["type"].collation == "C"
            columns = {column["name"]: column for column in inspector.get_columns("crm_notifications")}
            assert columns["read_at"]["nullable"] is True
            assert columns["batch_id"]["nullable"] is True

        flask_migrate.downgrade(revision="b8e2d4f6a1c3")  # before other names: the columns go, search as it was
        with db.engine.connect() as connection:
            columns = {c["name"] for c in sa.inspect(connection).get_columns("crm_clients")}
            assert not {"other_name", "name_key"} & columns
            assert _search_structures(connection) >= (
                FIRST_SEARCH_INDEXES
                if connection.dialect.name == "postgresql"
                else {"crm_clients_search", "crm_clients_search_insert", "crm_clients_search_update"}
            )
            assert "ix_crm_clients_other_name_trgm" not in _search_structures(connection)

        flask_migrate.downgrade(revision="c4e8b2a6d913")  # before search: its column, indexes and table go
        with db.engine.connect() as connection:
            assert _search_structures(connection) == set()
            assert "phone_digits" not in {c["name"] for c in sa.inspect(connection).get_columns("crm_clients")}

        flask_migrate.downgrade(revision="3b9d5e0c7a21")  # before batches: batch_id and its index go
        with db.engine.connect() as connection:
            inspector = sa.inspect(connection)
            assert "batch_id" not in {c["name"] for c in inspector.get_columns("crm_notifications")}
            assert "ix_crm_notifications_batch_id" not in {
                i["name"] for i in inspector.get_indexes("crm_notifications")
            }

        flask_migrate.downgrade(revision="8428241a417b")  # before the inbox: read_at goes, the rows stay
        with db.engine.connect() as connection:
            assert "read_at" not in {c["name"] for c in sa.inspect(connection).get_columns("crm_notifications")}

        flask_migrate.downgrade(revision="base")
        with db.engine.connect() as connection:
            assert "crm_notifications" not in sa.inspect(connection).get_table_names()


def test_the_names_in_the_book_are_written_in_nfc_with_their_sort_key(make_app, empty_database_url):
    """Migration d2a7c9e4f1b6 writes the names it finds in NFC (a nukta typed apart from its letter, or with it) with
    their sort key, and search finds them by either form."""
    app = make_app(empty_database_url, create_tables=False)
    decomposed = "Zoe\u0301 \u095b\u094b\u092f\u093e"  # e and its accent apart; ज़ as one code point
    with app.app_context():
        flask_migrate.upgrade(revision="b8e2d4f6a1c3")
        with db.engine.begin() as connection:
            insert = "INSERT INTO crm_clients (studio_id, user_id, name) VALUES (7, 1, :name), (7, 2, NULL)"
            connection.execute(sa.text(insert), {"name": decomposed})
        flask_migrate.upgrade()
        with db.engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT name, name_key FROM crm_clients ORDER BY user_id")).all()
            assert [tuple(row) for row in rows] == [
                ("Zoé \u091c\u093c\u094b\u092f\u093e", "zoe \u091c\u093c\u094b\u092f\u093e"),
                (None, None),
            ]
            condition, _rank = search.matching("\u095b\u094b\u092f\u093e", connection.dialect.name)  # as typed
            found = connection.execute(sa.select(Client.user_id).where(condition)).scalars().all()
            assert found == [1]

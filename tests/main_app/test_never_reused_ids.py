"""A deleted row's id never comes back (issue 47): the pass ledger's holds name places in line, offers' links and
outbox payloads name places and bookings, long after those rows are gone."""

import pytest
from never_reused_ids import ids_given_after_a_delete, ids_that_may_come_back, models_not_autoincrement

from main_app.extensions import db

pytestmark = pytest.mark.both_databases


def test_every_model_keyed_by_an_integer_is_autoincrement_on_sqlite():
    assert models_not_autoincrement(db.metadata) == []


def test_every_integer_id_of_the_migrated_schema_is_never_given_twice(app):
    with app.app_context():
        assert ids_that_may_come_back(db.engine) == []


def test_ids_only_grow_after_deletes_in_every_table(app):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("PostgreSQL's sequences never go back (the test above checks every id has one)")
        given = ids_given_after_a_delete(db.engine)
    assert {"waitlist_entries", "bookings", "pass_ledger", "code_uses", "users"} <= set(given)
    assert {table: ids for table, ids in given.items() if ids[1] <= ids[0]} == {}

"""The CRM's SQLite writers take turns within a process (the same rule as the main API's)."""

from probes import assert_write_turn_rules

from crm_microservice.extensions import db, write_turn


def test_writers_take_turns_on_sqlite_only_and_a_turn_is_reentrant(app):
    assert_write_turn_rules(app, write_turn, db)

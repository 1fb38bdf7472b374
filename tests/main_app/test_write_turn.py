"""SQLite's single writer: the threads of one process take turns instead of sleep-polling its busy handler."""

from probes import assert_write_turn_rules

from main_app.database import write_turn
from main_app.extensions import db


def test_writers_take_turns_on_sqlite_only_and_a_turn_is_reentrant(app):
    assert_write_turn_rules(app, write_turn, db)

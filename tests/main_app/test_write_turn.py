"""SQLite's single writer: the main API's unit of work takes the write turn, so its threads take turns instead of
sleep-polling SQLite's busy handler (every write holding it is checked for every test in
tests/plugins/write_checks.py)."""

import pytest
from probes import assert_write_turn_rules

from main_app.database import unit_of_work
from main_app.extensions import db

pytestmark = pytest.mark.both_databases


def test_writers_take_turns_on_sqlite_only_and_a_turn_is_reentrant(app):
    assert_write_turn_rules(app, unit_of_work, db)

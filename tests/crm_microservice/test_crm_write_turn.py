"""The CRM's SQLite writers take turns within a process: its unit of work takes the write turn (the same rule as the
main API's; every write holding it is checked for every test in tests/plugins/write_checks.py)."""

import pytest
from probes import assert_write_turn_rules

from crm_microservice.database import unit_of_work
from crm_microservice.extensions import db

pytestmark = pytest.mark.both_databases


def test_writers_take_turns_on_sqlite_only_and_a_turn_is_reentrant(app):
    assert_write_turn_rules(app, unit_of_work, db)

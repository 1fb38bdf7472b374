"""Every write through a unit of work: an autouse check on every ORM session of the test process."""

import re
import traceback

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from service_kit.database import COMMITTING, holds_write_turn

WRITE_STATEMENT = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


WRITE_STATEMENT = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


class StrayWrites:
    """Writes made by an ORM session outside the unit of work: a commit anywhere, or on SQLite a write without
    the write turn. Each is refused on the spot (the code under test sees an AssertionError) and listed."""

    def __init__(self):
        self.found: list[str] = []

    def refuse(self, what: str):
        where = "".join(traceback.format_stack(limit=14)[:-2])
        self.found.append(f"{what}\n{where}")
        raise AssertionError(f"{what}: every write goes through the service's unit_of_work()")

    def before_commit(self, session):
        if not session.info.get(COMMITTING):  # the unit of work's own commit; any other is a stray one
            self.refuse("commit outside a unit of work")

    def before_flush(self, session, _context, _instances):
        if (session.new or session.dirty or session.deleted) and not self._turn_held(session):
            self.refuse("flush of changes without the SQLite write turn")

    def do_orm_execute(self, state):
        statement = state.statement
        writes = state.is_insert or state.is_update or state.is_delete
        if not writes and isinstance(statement, sa.TextClause):
            writes = bool(WRITE_STATEMENT.match(statement.text))
        if writes and not self._turn_held(state.session):
            self.refuse("write statement without the SQLite write turn")

    @staticmethod
    def _turn_held(session) -> bool:
        return session.get_bind().dialect.name != "sqlite" or holds_write_turn()


@pytest.fixture(autouse=True)
def every_write_goes_through_a_unit_of_work():
    """Fails the test when any code in this process commits outside a unit of work, or writes to SQLite without
    the write turn it takes (both services, the tests' own factories too)."""
    stray = StrayWrites()
    hooks = [
        ("before_commit", stray.before_commit),
        ("before_flush", stray.before_flush),
        ("do_orm_execute", stray.do_orm_execute),
    ]
    for name, hook in hooks:
        sa.event.listen(Session, name, hook)
    yield stray
    for name, hook in hooks:
        sa.event.remove(Session, name, hook)
    assert not stray.found, "writes outside a unit of work:\n" + "\n".join(stray.found)

"""Every row lock goes through its service's lock helper, which keeps the one lock order: main_app's
main_app/plumbing/locks.py, the CRM's locks.py."""

import ast
from pathlib import Path

import pytest
import sqlalchemy as sa

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Booking, EventSession, OutboxMessage, Pass, Payment
from main_app.plumbing.locks import (
    LOCK_ORDER,
    LockOrderError,
    SharedLockTooWeak,
    ensure_exclusive,
    lock,
    lock_line,
    lock_shared,
    sharing_first,
)

pytestmark = pytest.mark.both_databases

ROOT = Path(__file__).resolve().parents[2]
HELPERS = (ROOT / "main_app" / "plumbing" / "locks.py", ROOT / "crm_microservice" / "locks.py")
PACKAGES = ("main_app", "crm_microservice", "service_kit")


def _is_sql(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _locks_taken(path: Path) -> list[int]:
    """The lines of a module that lock rows: with_for_update (called or passed) or FOR UPDATE in SQL text."""
    tree = ast.parse(path.read_text(), str(path))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "with_for_update":
            lines.append(node.lineno)
        elif isinstance(node, ast.keyword) and node.arg == "with_for_update":
            lines.append(node.value.lineno)
        elif _is_sql(node) and id(node) not in docstrings and "for update" in " ".join(node.value.lower().split()):
            lines.append(node.lineno)
    return lines


def test_every_row_lock_goes_through_the_helper():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if path not in HELPERS
        for line in _locks_taken(path)
    ]
    assert found == [], "lock rows with the service's helper: main_app.plumbing.locks, crm_microservice.locks"


def test_the_scan_sees_each_way_of_locking(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        '"""FOR UPDATE in a docstring is prose."""\n'
        "a = q.with_for_update()\n"
        "b = s.get(X, 1, with_for_update=True)\n"
        "c = text('SELECT 1 FOR\\n UPDATE')\n"
    )
    assert _locks_taken(module) == [2, 3, 4]


def test_the_order_names_every_kind_once():
    assert len(set(LOCK_ORDER)) == len(LOCK_ORDER)
    names = [model.__tablename__ for model in LOCK_ORDER]
    assert names.index("sessions") < names.index("session_options") < names.index("bookings")
    assert names.index("bookings") < names.index("passes") < names.index("discount_codes")
    assert names.index("discount_codes") < names.index("payments") < names.index("waitlist_entries")
    assert names.index("waitlist_entries") < names.index("outbox_messages") == len(names) - 1


def test_a_kind_earlier_than_one_held_is_refused(app):
    with app.app_context():
        lock(Booking, [1])
        with pytest.raises(LockOrderError, match="sessions locked after bookings"):
            lock(EventSession, [1])
        db.session.rollback()


def test_the_order_taken_in_order_and_again_is_allowed(app):
    with app.app_context():
        lock(EventSession, [2, 1])
        lock(Booking, [3])
        lock(Payment, [])  # no rows, no lock: nothing held
        lock(Pass, [1])
        lock(Booking, [1])  # a kind held already: taking more of it is the same step of the order
        lock(OutboxMessage, ["m1"])
        db.session.rollback()


def test_a_new_transaction_starts_with_no_locks(app):
    with app.app_context():
        lock(Payment, [1])
        db.session.rollback()
        lock(EventSession, [1])
        db.session.rollback()


def test_a_table_outside_the_order_is_refused(app):
    from main_app.models import Event

    with app.app_context():
        with pytest.raises(LockOrderError, match="no place in the lock order"):
            lock(Event, [1])
        db.session.rollback()


def _statements(engine, run) -> list[str]:
    seen = []

    def keep(_conn, _cursor, statement, *_args):
        seen.append(" ".join(statement.split()))

    sa.event.listen(engine, "before_cursor_execute", keep)
    try:
        run()
    finally:
        sa.event.remove(engine, "before_cursor_execute", keep)
    return seen


def test_a_shared_lock_is_for_share_only_inside_sharing_first(app):
    with app.app_context():
        engine = db.engine
        outside = _statements(engine, lambda: lock_shared(EventSession, [1]))
        db.session.rollback()
        inside = _statements(engine, sharing_first(lambda: lock_shared(EventSession, [1])))
        db.session.rollback()
    if engine.dialect.name == "postgresql":
        assert outside[-1].endswith("FOR UPDATE") and inside[-1].endswith("FOR SHARE"), (outside, inside)


def test_changing_what_is_held_shared_runs_the_operation_again_exclusively(app):
    """A lock is never upgraded (two sharers upgrading would deadlock): the operation starts again, locking for
    update from the start; a second refusal in that run is a programming error that reaches the caller."""
    attempts = []

    @sharing_first
    def change_seats():
        lock_shared(EventSession, [1])
        attempts.append(bool(db.session.info.get("locks.sharing")))
        lock(EventSession, [1])  # FOR UPDATE after FOR SHARE: refused while shared
        ensure_exclusive(EventSession)
        return "changed"

    with app.app_context():
        assert change_seats() == "changed"
        db.session.rollback()
    assert attempts == [True, False]


def test_sharing_first_inside_a_callers_unit_of_work_locks_for_update(app):
    with app.app_context(), unit_of_work():
        sharing_first(lambda: lock_shared(EventSession, [1]))()
        ensure_exclusive(EventSession)  # nothing held shared: the caller's unit could not be run again


def test_a_sessions_line_is_locked_right_after_the_sessions_row(app):
    with app.app_context():
        with pytest.raises(LockOrderError, match="right after the session's row"):
            lock_line(1)  # the session's row is not held
        db.session.rollback()
        lock(EventSession, [1])
        lock(Booking, [1])
        with pytest.raises(LockOrderError, match="right after the session's row"):
            lock_line(1)
        db.session.rollback()
        sharing_first(lambda: lock_shared(EventSession, [1]))()
        lock_line(1)
        with pytest.raises(SharedLockTooWeak):
            ensure_exclusive(EventSession)
        db.session.rollback()

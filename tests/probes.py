"""Probes the test packages of both services share: SQL statement counts and texts, calls to hmac.compare_digest, and
how many threads a lock-like context lets in at once."""

import hmac
import threading
import time

from sqlalchemy import event


def count_statements(engine, call):
    """(call's result, how many SQL statements the engine ran during call())."""
    seen = []

    def record(*_args):
        seen.append(1)

    event.listen(engine, "before_cursor_execute", record)
    try:
        result = call()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return result, len(seen)


def count_commits(session, call):
    """(call's result, how many commits the scoped session made during call())."""
    commits = []

    def record(_session):
        commits.append(1)

    event.listen(session, "after_commit", record)
    try:
        return call(), len(commits)
    finally:
        event.remove(session, "after_commit", record)


def record_statements(engine, call):
    """(call's result, the SQL statements the engine ran during call(), whitespace collapsed, without parameters)."""
    seen = []

    def record(_conn, _cursor, statement, *_args):
        seen.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", record)
    try:
        result = call()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return result, seen


def spy_on_compare_digest(monkeypatch, module) -> list[tuple]:
    """Replace module.hmac.compare_digest with a spy that still compares; returns the list of its calls."""
    calls, real = [], hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(module.hmac, "compare_digest", spy)
    return calls


def most_inside_at_once(app, context, threads: int = 4) -> int:
    """How many of threads (each in app's context) were inside context() together, at most."""
    inside, most, guard = [0], [0], threading.Lock()

    def work():
        with app.app_context(), context():
            with guard:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            time.sleep(0.05)
            with guard:
                inside[0] -= 1

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(10)
    return most[0]


def assert_write_turn_rules(app, write_turn, db) -> None:
    """A service's write_turn: one thread at a time on SQLite, no waiting elsewhere, re-entrant for its holder."""
    with app.app_context():
        sqlite = db.engine.dialect.name == "sqlite"
        with write_turn(), write_turn():  # a service holding it may call another that takes it
            pass
    most = most_inside_at_once(app, write_turn)
    assert most == 1 if sqlite else most > 1


def wait_until(predicate, timeout: float) -> bool:
    """Whether predicate() came true within timeout seconds (asked every 20 ms; a deadline, not a pause)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()

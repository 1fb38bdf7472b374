"""Probes the test packages of both services share: SQL statement counts and calls to hmac.compare_digest."""
import hmac

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


def spy_on_compare_digest(monkeypatch, module) -> list[tuple]:
    """Replace module.hmac.compare_digest with a spy that still compares; returns the list of its calls."""
    calls, real = [], hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(module.hmac, "compare_digest", spy)
    return calls

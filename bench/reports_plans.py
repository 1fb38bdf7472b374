"""Where a report's time goes: its statements captured with SQLAlchemy's cursor events while one request runs, each
run again alone on the app's own connection (as the app runs it: on PostgreSQL psycopg prepares a statement on its
fifth run on a connection, and the server may then plan it once for any values, a generic plan) with every row
fetched, and the slowest one's plan: on PostgreSQL EXPLAIN (ANALYZE, BUFFERS) with its values (a custom plan) and,
when the app's connection ran it generically, of the generic plan too; EXPLAIN QUERY PLAN on SQLite. For a report
over its target, so that the statement to index or precompute is named with the evidence."""

import re
import time
from contextlib import contextmanager

import sqlalchemy as sa
from psycopg.sql import Literal

from main_app.extensions import db

SHOWN = 6  # statements listed, slowest first


@contextmanager
def captured(engine):
    """The (statement, parameters) of each cursor execution on engine while inside, in order."""
    found: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _executemany):
        found.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield found
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


def _alone(cursor, statement: str, parameters) -> tuple[float, int]:
    """(milliseconds, rows) of the statement run alone, every row fetched: the faster of two runs (the first may
    read pages the request left to the disk cache, or share the cores with other work)."""
    runs = []
    for _ in range(2):
        started = time.perf_counter()
        cursor.execute(statement, parameters)
        rows = len(cursor.fetchall())
        runs.append((time.perf_counter() - started) * 1000)
    return min(runs), rows


def _masked(statement: str) -> str:
    """The statement with its placeholders (psycopg's or the server's) as ?, its spaces single."""
    return " ".join(re.sub(r"%\(\w+\)s|\$\d+", "?", statement).split())


def _plans_made(conn) -> dict[str, tuple[int, int]]:
    """PostgreSQL: each statement prepared on this connection (masked), with its generic and custom plans so far."""
    rows = conn.exec_driver_sql("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements")
    return {_masked(statement): (generic, custom) for statement, generic, custom in rows}


def _custom_plan(cursor, dialect: str, statement: str, parameters) -> list[str]:
    """The statement's plan for its values, as lines."""
    if dialect == "postgresql":
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
        return [row[0] for row in cursor.fetchall()]
    cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
    depth, lines = {0: 0}, []
    for node, parent, _unused, detail in cursor.fetchall():
        depth[node] = depth.get(parent, 0) + 1
        lines.append("  " * (depth[node] - 1) + detail)
    return lines


def _generic_plan(url, statement: str, parameters: dict) -> list[str]:
    """PostgreSQL: the statement prepared and planned for any values, run with its own (EXPLAIN ANALYZE EXECUTE), on
    a connection of its own, closed afterwards (as tests/main_app/test_query_plans.py reads a generic plan)."""
    names = list(parameters)
    for number, name in enumerate(names, 1):
        statement = statement.replace(f"%({name})s", f"${number}")
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SET plan_cache_mode = force_generic_plan")
            conn.exec_driver_sql(f"PREPARE probe AS {statement}")
            types = conn.exec_driver_sql("SELECT parameter_types::text[] FROM pg_prepared_statements").scalar_one()
            raw = conn.connection.driver_connection
            values = [Literal(parameters[name]).as_string(raw) for name in names]
            arguments = ", ".join(f"{value}::{kind}" for value, kind in zip(values, types, strict=True))
            execute = f"EXECUTE probe({arguments})" if names else "EXECUTE probe"
            return [row[0] for row in conn.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS) {execute}")]
    finally:
        engine.dispose()


def _request(engine, client, path: str, headers: dict) -> tuple[list, int, float]:
    """One request with its statements captured: (statements, status, milliseconds)."""
    with captured(engine) as found:
        started = time.perf_counter()
        answer = client.get(path, headers=headers)
        answer.get_data()
    return found, answer.status_code, (time.perf_counter() - started) * 1000


def _slowest_plans(conn, engine, cursor, slowest: tuple) -> list[str]:
    """The lines naming how the app's connection planned the slowest statement, and its plan(s)."""
    _ms, _rows, statement, parameters = slowest
    custom = _custom_plan(cursor, engine.dialect.name, statement, parameters)
    if engine.dialect.name != "postgresql":
        return ["  its plan:", *("    " + line for line in custom)]
    generic, customs = _plans_made(conn).get(_masked(statement), (0, 0))
    lines = [f"  on the app's connection so far: {generic} generic plans, {customs} custom (0, 0: never prepared)"]
    lines += ["  its plan for these values (custom):", *("    " + line for line in custom)]
    if generic:
        plan = _generic_plan(engine.url, statement, parameters)
        lines += ["  its generic plan, as the app's connection runs it now:", *("    " + line for line in plan)]
    return lines


def breakdown(app, client, path: str, headers: dict) -> list[str]:
    """One request of path with its statements captured; then each SELECT alone, and the slowest one's plans."""
    with app.app_context():
        engine = db.engine
    found, status, request_ms = _request(engine, client, path, headers)
    timed, lines = [], []
    with app.app_context(), engine.connect() as conn:
        cursor = conn.connection.driver_connection.cursor()
        for statement, parameters in found:
            if statement.lstrip().upper().startswith(("SELECT", "WITH")):
                timed.append((*_alone(cursor, statement, parameters), statement, parameters))
        timed.sort(key=lambda item: -item[0])
        if timed:
            lines = _slowest_plans(conn, engine, cursor, timed[0])
        conn.rollback()
    head = [
        f"{path}: {status} in {request_ms:.0f} ms, {len(found)} statements; run alone on the app's connection (every "
        f"row fetched, the faster of two runs) they take {sum(t[0] for t in timed):.0f} ms; the rest is Python"
    ]
    head += [f"  {ms:8.1f} ms {rows:>9,} rows  {_masked(sql)[:90]}" for ms, rows, sql, _ in timed[:SHOWN]]
    if timed:
        head += ["  the slowest statement, in full:", *("    " + line for line in timed[0][2].splitlines())]
        head.append(f"    parameters: {repr(timed[0][3])[:300]}")
    return head + lines

"""Query plans the test packages of both services share: every statement a block runs, and the scans of whole tables
their plans make (SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN with sequential scans off)."""

import contextlib
import json
import re

from sqlalchemy import event

# Statements with a plan to read: a plain INSERT has none (one with a SELECT in it has).
PLANNED = ("SELECT", "UPDATE", "DELETE", "WITH")
# "tables AS alias" in the statement's text: SQLite's plan names a scanned table by its alias.
ALIASED = re.compile(r"\b(\w+) AS (\w+)\b")


def _planned(statement: str) -> bool:
    words = statement.split(None, 1)
    head = words[0].upper() if words else ""
    return head in PLANNED or (head == "INSERT" and re.search(r"\bSELECT\b", statement, re.IGNORECASE) is not None)


@contextlib.contextmanager
def captured_statements(engine):
    """The statements with a plan the engine runs in the block, each with its parameters, in order."""
    seen = []

    def keep(_conn, _cursor, statement, parameters, _context, executemany):
        if not executemany and _planned(statement):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", keep)


def _sqlite_scans(conn, statement: str, parameters, tables: set[str]) -> tuple[list[str], str]:
    rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
    plan = " | ".join(row[-1] for row in rows)
    names = {alias: table for table, alias in ALIASED.findall(statement) if table in tables} | {t: t for t in tables}
    # "SCAN x" alone walks the table; "SCAN x USING (COVERING) INDEX …" walks an index in its order.
    scanned = [row[-1].split()[1] for row in rows if row[-1].startswith("SCAN ") and " USING " not in row[-1]]
    return [names[name] for name in scanned if name in names], plan


def _nodes(node: dict, depth: int = 0):
    """(depth, node) for node and every node under it, in plan order."""
    yield depth, node
    for child in node.get("Plans", []):
        yield from _nodes(child, depth + 1)


def _node_line(depth: int, node: dict) -> str:
    named = [node.get(key) for key in ("Relation Name", "Index Name") if node.get(key)]
    conditions = [node.get(key) for key in ("Index Cond", "Filter") if node.get(key)]
    return "  " * depth + " ".join([node["Node Type"], *named, *conditions])


def _postgres_scans(conn, statement: str, parameters, tables: set[str]) -> tuple[list[str], str]:
    # With sequential scans priced out, one only remains where no index can serve the statement at all.
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
    document = conn.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {statement}", parameters).scalar_one()
    document = json.loads(document) if isinstance(document, str) else document
    nodes = list(_nodes(document[0]["Plan"]))
    scanned = [node["Relation Name"] for _depth, node in nodes if node["Node Type"] == "Seq Scan"]
    return [table for table in scanned if table in tables], "\n".join(_node_line(*entry) for entry in nodes)


def whole_table_scans(engine, statements, tables: set[str]) -> list[str]:
    """A description (statement, table, plan) of every scan of a whole table among tables the statements' plans make."""
    scans = _sqlite_scans if engine.dialect.name == "sqlite" else _postgres_scans
    found = []
    for statement, parameters in statements:
        with engine.connect() as conn:
            scanned, plan = scans(conn, statement, parameters, tables)
            conn.rollback()
        found += [f"{table} scanned whole by:\n{statement}\nplan:\n{plan}" for table in scanned]
    return found

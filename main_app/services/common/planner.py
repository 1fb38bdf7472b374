"""Hints for SQLite's query planner, which keeps no statistics of our tables: a condition marked rarely_true is
read as selective, so the planner searches its index rather than walking another one in order and filtering.
Other databases plan from their own statistics and get the condition unchanged."""

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class rarely_true(FunctionElement):  # spelled as SQL functions are, like SQLAlchemy's own
    """A condition true for few rows, as it becomes once history outgrows the present."""

    # No Boolean type: SQLite would then be sent "unlikely(...) = 1", a condition the hint no longer reaches.
    name = "rarely_true"
    inherit_cache = True


@compiles(rarely_true)
def _as_it_is(element, compiler, **kw):
    return compiler.process(element.clauses, **kw)


@compiles(rarely_true, "sqlite")
def _unlikely(element, compiler, **kw):
    return f"unlikely({compiler.process(element.clauses, **kw)})"

"""Hints for the query planners. SQLite keeps no statistics of our tables: a condition marked rarely_true is read as
selective, so the planner searches its index rather than walking another one in order and filtering. PostgreSQL
plans from its statistics, but a statement psycopg has prepared may be planned once for any value of its
parameters: planned_each_time writes a value into the statement, so each run is planned for it."""

from sqlalchemy import bindparam
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeEngine

from ...extensions import db


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


def planned_each_time(value, type_: TypeEngine) -> BindParameter:
    """value for a comparison whose selectivity is the whole point: on PostgreSQL rendered into the statement when it
    runs (a generic plan guesses a third of the rows for "ends_at >= $1" and walks history in start order); bound
    as usual elsewhere. The compiled statement stays cached either way."""
    return bindparam(None, value, type_=type_, literal_execute=db.engine.dialect.name == "postgresql")

"""Hints for the query planners. SQLite keeps no statistics of our tables: a condition marked rarely_true is read as
selective, so the planner searches its index rather than walking another one in order and filtering. PostgreSQL
plans from its statistics, but a statement psycopg has prepared may be planned once for any value of its
parameters: planned_each_time writes a value into the statement, so each run is planned for it. And it prices
walking an index in order as if the rows a filter keeps were spread evenly along it: sorted_not_walked makes it
sort what the filter found instead, where they all sit at one end (the upcoming events after years of history)."""

from sqlalchemy import bindparam
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeEngine

from ..extensions import db


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


class sorted_not_walked(FunctionElement):
    """An ORDER BY key for the rows a selective filter found: sorted, not read by walking the key's index."""

    name = "sorted_not_walked"
    inherit_cache = True


@compiles(sorted_not_walked)
def _the_key(element, compiler, **kw):
    return compiler.process(element.clauses, **kw)  # SQLite reads rarely_true's hint on the filter instead


@compiles(sorted_not_walked, "postgresql")
def _an_expression_no_index_holds(element, compiler, **kw):
    return f"({compiler.process(element.clauses, **kw)} + INTERVAL '0 seconds')"

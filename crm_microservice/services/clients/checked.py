"""A notification's data as the client book reads it, checked, and how its writes are ordered within a batch."""

import functools
from collections.abc import Callable

from ...schemas import ClientFactsSchema
from ...storage import AFTER_THE_REST

FACTS = ClientFactsSchema()
FACT_KEYS = frozenset(FACTS.fields)


def after_the_rest(write: Callable[[], None] | None) -> Callable[[], None] | None:
    """An erasure's write, marked to run after the other writes of its batch (which may name the person)."""
    if write is not None:
        setattr(write, AFTER_THE_REST, True)
    return write


def checked_facts(data) -> dict:
    """data's client facts, checked by a schema of the facts it holds only, given those keys only: marshmallow visits
    every field a schema declares and walks all it is given for unstorable text (the body's schema did that already),
    and a notification carries few facts. The answer and the errors are the whole schema's."""
    if not isinstance(data, dict):
        return FACTS.load(data)
    present = frozenset(FACT_KEYS.intersection(data))
    return _schema_of(present).load({key: data[key] for key in present}) if present else {}


@functools.lru_cache(maxsize=64)
def _schema_of(keys: frozenset) -> ClientFactsSchema:
    return ClientFactsSchema(only=keys)

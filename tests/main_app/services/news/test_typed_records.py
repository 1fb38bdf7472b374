"""Every news record, and every facts dataclass a record nests, types each of its fields: no Any, none unannotated,
no bare sequence whose items could be anything."""

import dataclasses
import typing
from collections.abc import Sequence

import pytest

from main_app.services import news

# A collection named without what it holds says no more of its items than Any.
BARE = {Sequence, list, tuple, set, frozenset}


def _types_in(hint) -> list:
    """hint and every type it is made of (X | None, Sequence[X], tuple[X, dict]...)."""
    return [hint, *(part for arg in typing.get_args(hint) for part in _types_in(arg))]


def _records_and_facts() -> list[type]:
    """news.RECORDS and the dataclasses their fields name, and theirs in turn."""
    found, waiting = [], list(news.RECORDS)
    while waiting:
        kind = waiting.pop()
        if kind in found:
            continue
        found.append(kind)
        for hint in typing.get_type_hints(kind).values():
            waiting += [part for part in _types_in(hint) if dataclasses.is_dataclass(part) and isinstance(part, type)]
    return found


def _untyped_fields(kind: type) -> list[str]:
    hints = typing.get_type_hints(kind)
    wrong = []
    for field in dataclasses.fields(kind):
        hint = hints.get(field.name)
        parts = _types_in(hint) if hint is not None else []
        if hint is None or typing.Any in parts or any(part in BARE for part in parts):
            wrong.append(f"{kind.__name__}.{field.name}")
    return wrong


def test_the_facts_records_nest_are_checked_too():
    checked = _records_and_facts()
    for facts in (news.BookingFacts, news.EventFacts, news.PersonFacts, news.StaffFacts):
        assert facts in checked


@pytest.mark.parametrize("kind", _records_and_facts(), ids=lambda kind: kind.__name__)
def test_every_field_of_a_record_is_typed(kind):
    assert _untyped_fields(kind) == []


def test_an_any_field_is_caught():
    @dataclasses.dataclass(frozen=True)
    class Loose:
        who: typing.Any
        what: Sequence = ()
        when: int | None = None

    assert _untyped_fields(Loose) == ["Loose.who", "Loose.what"]

"""The <id:...> converter's regex: exactly the decimal numbers 1..limit, no leading zeros."""

import re

import pytest

from service_kit.routing import up_to


@pytest.mark.parametrize("limit", [1, 7, 9, 10, 99, 100, 305, 2**31 - 1])
def test_up_to_matches_exactly_one_to_limit(limit):
    pattern = re.compile(up_to(limit) + r"\Z")
    tried = [*range(0, 1200), limit - 1, limit, limit + 1, limit * 10]
    assert {n for n in tried if pattern.match(str(n))} == {n for n in tried if 1 <= n <= limit}
    assert not pattern.match("0" + str(limit))

"""Path ids: only 1..2**31-1 route; anything else is a plain 404, whichever method shares the path."""

import re

import pytest

from main_app.routing import up_to


@pytest.mark.parametrize(
    "method, path",
    [
        ("PUT", "/api/facilitator/1/events/2147483648"),  # found by Schemathesis: 405 while GET gave 404
        ("DELETE", "/api/facilitator/2147483648/events/1"),
        ("PATCH", "/api/facilitator/1/sessions/9999999999"),
        ("POST", "/bookings/2147483648/cancel"),
        ("GET", "/events/2147483648"),
        ("GET", "/events/0"),
        ("GET", "/events/007"),
    ],
)
def test_an_id_out_of_range_is_not_found_not_a_wrong_method(client, assert_error, method, path):
    assert_error(client.open(path, method=method, json={"title": "x"}), 404, "not_found")


def test_a_wrong_method_on_a_real_path_is_still_405(client, assert_error):
    assert_error(client.delete("/events/5"), 405, "method_not_allowed")


@pytest.mark.parametrize("limit", [1, 7, 10, 99, 100, 305, 2**31 - 1])
def test_up_to_matches_exactly_one_to_limit(limit):
    pattern = re.compile(up_to(limit) + r"\Z")
    tried = [*range(0, 1200), limit - 1, limit, limit + 1, limit * 10]
    assert {n for n in tried if pattern.match(str(n))} == {n for n in tried if 1 <= n <= limit}
    assert not pattern.match("0" + str(limit))

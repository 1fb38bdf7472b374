"""Path ids: only 1..2**31-1 route; anything else is a plain 404, whichever method shares the path."""

import pytest


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
        ("POST", "/bookings/3/instalments/4695103101351116668928/pay"),  # found by Schemathesis: a 500
        ("POST", "/bookings/3/instalments/0/pay"),  # the deposit is paid at booking, never through this path
    ],
)
def test_an_id_out_of_range_is_not_found_not_a_wrong_method(client, assert_error, method, path):
    assert_error(client.open(path, method=method, json={"title": "x"}), 404, "not_found")


def test_a_wrong_method_on_a_real_path_is_still_405(client, assert_error):
    assert_error(client.delete("/events/5"), 405, "method_not_allowed")

"""Path ids on the CRM: only 1..2**31-1 route; any other number is a plain 404, never a database error."""

import pytest
from crm_payloads import assert_error


# Found by Schemathesis: a 23-digit notification id reached the database and answered 500.
@pytest.mark.parametrize("notification_id", ["13921662699801025708032", "2147483648", "0", "007"])
def test_marking_an_id_out_of_range_read_is_not_found_on_both_stores(any_facilitator_client, notification_id):
    assert_error(any_facilitator_client.post(f"/notifications/{notification_id}/read"), 404, "not_found")


@pytest.mark.parametrize(
    "method, path",
    [
        ("PUT", "/api/facilitator/101/events/2147483648"),  # PUT and DELETE share the path: 404, not 405
        ("DELETE", "/api/facilitator/101/events/99999999999"),
        ("GET", "/api/facilitator/2147483648/bookings"),
        ("GET", "/api/facilitator/0/events"),
    ],
)
def test_facilitator_routes_with_an_id_out_of_range_are_not_found(facilitator_client, method, path):
    assert_error(facilitator_client.open(path, method=method, json={"title": "x"}), 404, "not_found")

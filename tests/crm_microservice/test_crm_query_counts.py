"""No N+1 in the CRM's lists: a page of 2 and a page of 25 take the same number of SQL statements."""

from crm_payloads import AUTH, SEED_NESTED, body
from probes import count_statements

from crm_microservice.extensions import db


def statements(app, call) -> int:
    """How many SQL statements the app ran during call(), which must answer 200."""
    with app.app_context():
        engine = db.engine
    response, count = count_statements(engine, call)
    assert response.status_code == 200
    return count


def test_lists_take_a_fixed_number_of_statements(app, facilitator_client):
    client = app.test_client()
    for n in range(1, 26):  # SEED_NESTED belongs to facilitator 101, the facilitator_client's id
        assert client.post("/notify", json=body(SEED_NESTED, booking_id=n), headers=AUTH).status_code == 201
    for caller, path in (
        (client, "/notifications"),
        (facilitator_client, "/notifications"),
        (facilitator_client, "/api/facilitator/101/bookings"),
    ):
        headers = AUTH if caller is client else None
        small = statements(app, lambda c=caller, p=path, h=headers: c.get(f"{p}?per_page=2", headers=h))
        large = statements(app, lambda c=caller, p=path, h=headers: c.get(f"{p}?per_page=25", headers=h))
        assert small == large <= 4, (path, small, large)

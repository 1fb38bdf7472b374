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
    # Batches with their members, one whose summary has not arrived: the inbox's entries count them per row.
    for batch in range(1, 26):
        for n in range(3):
            payload = body(SEED_NESTED, booking_id=100 * batch + n, data={"batch_id": f"batch-{batch}"})
            assert client.post("/notify", json=payload, headers=AUTH).status_code == 201
        if batch > 1:
            summary = body(SEED_NESTED, type="session_cancelled", notification_id=f"batch-{batch}")
            assert client.post("/notify", json=summary, headers=AUTH).status_code == 201
    for caller, path, query in (
        (client, "/notifications", {}),
        (facilitator_client, "/notifications", {}),
        (facilitator_client, "/notifications", {"unread": "true"}),
        (facilitator_client, "/notifications", {"batch_id": "batch-2"}),
        (facilitator_client, "/api/facilitator/101/bookings", {}),
    ):
        headers = AUTH if caller is client else None

        def page_of(per_page, c=caller, p=path, q=query, h=headers):
            return c.get(p, query_string={**q, "per_page": per_page}, headers=h)

        small = statements(app, lambda: page_of(2))
        large = statements(app, lambda: page_of(25))
        assert small == large <= 4, (path, query, small, large)

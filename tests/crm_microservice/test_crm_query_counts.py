"""No N+1 in the CRM's lists: a page of 2 and a page of 25 take the same number of SQL statements."""

import datetime as dt

import pytest
import sqlalchemy as sa
from client_book_payloads import SLUG, booking, staff_token, typed
from crm_payloads import AUTH, SEED_NESTED, body
from probes import count_statements

from crm_microservice.extensions import db
from crm_microservice.services.clients import export

pytestmark = pytest.mark.both_databases

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


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


def test_the_client_book_takes_a_fixed_number_of_statements(app, monkeypatch):
    """The client list (plain, searched, tagged, a segment's), the segments with their counts and the CSV: a page
    of 2 and of 25, 1 segment and 10, cost alike; the CSV three statements a chunk."""
    client = app.test_client()
    owner = staff_token("owner")
    for n in range(1, 31):
        person = {"id": 1000 + n, "name": f"Asha Client{n}", "email": f"asha{n}@example.com"}
        assert (
            client.post("/notify", json=booking("booking_created", n, NOW, NOW, user=person), headers=AUTH).status_code
            == 201
        )
    ids = [
        item["id"]
        for item in client.get(f"/api/studios/{SLUG}/clients?per_page=100", headers=owner).get_json()["items"]
    ]
    for client_id in ids:
        client.put(f"/api/studios/{SLUG}/clients/{client_id}/tags", json={"tags": ["regular"]}, headers=owner)
    segment = {"no_visit_in_days": 30, "member": False, "no_shows": {"at_least": 1, "days": 60}, "tag": "regular"}
    segment_id = client.post(
        f"/api/studios/{SLUG}/segments", json={"name": "s", "filters": segment}, headers=owner
    ).get_json()["id"]

    for query in ({}, {"q": "Ahsa"}, {"q": "as"}, {"tag": "regular"}, {"segment": segment_id}):

        def page_of(per_page, q=query):
            return client.get(f"/api/studios/{SLUG}/clients", query_string={**q, "per_page": per_page}, headers=owner)

        small, large = statements(app, lambda: page_of(2)), statements(app, lambda: page_of(25))
        assert small == large <= 2 + ("segment" in query), (query, small, large)  # count, page (and the segment)

    one = statements(app, lambda: client.get(f"/api/studios/{SLUG}/segments", headers=owner))
    for n in range(9):
        client.post(f"/api/studios/{SLUG}/segments", json={"name": f"s{n}", "filters": {"member": True}}, headers=owner)
    ten = statements(app, lambda: client.get(f"/api/studios/{SLUG}/segments", headers=owner))
    assert one == ten <= 2, (one, ten)

    monkeypatch.setattr(export, "CHUNK", 10)  # 30 clients: three full chunks and the empty read that ends it
    csv_statements = statements(
        app, lambda: client.get(f"/api/studios/{SLUG}/clients.csv", headers=owner, buffered=True)
    )
    assert csv_statements == 3 * 3 + 1, csv_statements


CHANGES = ("checked_in", "checkin_undone", "no_show", "attendance_no_show", "attendance_attended")


def test_a_notifications_statements_stay_within_what_psycopg_keeps_parsed(app):
    """psycopg parses a statement's text anew each time unless it is at most 4,096 characters with at most 50
    values (psycopg/_queries.py): a booking's news and every change to it run within that."""
    t, seen = NOW - dt.timedelta(days=2), []
    created = booking("booking_created", 300, NOW - dt.timedelta(days=1), t)
    person = created["user"]["id"]
    sent = [created, *(typed(kind, t, booking_id=300, user_id=person, seat=1) for kind in CHANGES)]
    sent += [typed("feedback_received", t, booking_id=300, user_id=person, rating=5)]
    sent += [booking("booking_cancelled", 300, NOW - dt.timedelta(days=1), t + dt.timedelta(hours=1))]

    def record(_conn, _cursor, statement, values, *_):
        seen.append((statement, values))

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        for payload in sent:
            assert app.test_client().post("/notify", json=payload, headers=AUTH).status_code == 201
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    assert len(seen) > 2 * len(sent)
    for statement, values in seen:
        assert len(statement.encode()) <= 4096 and len(values or ()) <= 50, statement[:300]

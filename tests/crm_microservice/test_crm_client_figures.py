"""The client book's figures for the main API's reconciliation: ids and counts only, keyset pages by user id, one
studio's alone, the service token only, bad input in the error shape."""

import datetime as dt

import pytest
from client_book_payloads import OTHER_STUDIO, STUDIO, booking, staff_token, typed
from crm_payloads import AUTH

pytestmark = pytest.mark.both_databases

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
DAY = dt.timedelta(days=1)
PATH = f"/api/reconciliation/studios/{STUDIO}/clients"


def person(user_id: int) -> dict:
    return {"id": user_id, "name": f"Person {user_id}", "email": f"p{user_id}@example.com"}


@pytest.fixture
def book(app):
    """Users 11, 12 and 13 at the studio (12 with a pack and money), user 14 at another studio."""
    client, t = app.test_client(), NOW - 5 * DAY
    sent = [booking("booking_created", 100 + n, NOW - DAY, t, user=person(n)) for n in (11, 12, 13)]
    sent += [
        typed("checked_in", t + DAY, booking_id=101, user_id=11, seat=1),
        typed("pass_purchased", t, user_id=12, pass_id=5, kind="pack", credits_left=3, price=9000, currency="eur"),
        typed("refund_processed", t + DAY, booking_id=102, user_id=12, amount=500, currency="EUR"),
        booking("booking_created", 200, NOW + DAY, t, user=person(14), studio=OTHER_STUDIO),
    ]
    for payload in sent:
        assert client.post("/notify", json=payload, headers=AUTH).status_code == 201
    return client


def test_a_page_holds_ids_and_figures_only(book):
    page = book.get(PATH, headers=AUTH).get_json()
    assert page == {
        "items": [
            {
                "user_id": 11,
                "bookings": 1,
                "visits": 1,
                "no_shows": 0,
                "late_cancels": 0,
                "credits_left": 0,
                "money": {},
            },
            {
                "user_id": 12,
                "bookings": 1,
                "visits": 0,
                "no_shows": 0,
                "late_cancels": 0,
                "credits_left": 3,
                "money": {"EUR": {"spent": 9000, "refunded": 500}},
            },
            {
                "user_id": 13,
                "bookings": 1,
                "visits": 0,
                "no_shows": 0,
                "late_cancels": 0,
                "credits_left": 0,
                "money": {},
            },
        ],
        "next_after": None,
    }


def test_pages_follow_user_ids_within_a_range(book):
    first = book.get(PATH, query_string={"limit": 2}, headers=AUTH).get_json()
    assert ([i["user_id"] for i in first["items"]], first["next_after"]) == ([11, 12], 12)
    rest = book.get(PATH, query_string={"after": 12, "limit": 2}, headers=AUTH).get_json()
    assert ([i["user_id"] for i in rest["items"]], rest["next_after"]) == ([13], None)
    bounded = book.get(PATH, query_string={"after": 11, "through": 12}, headers=AUTH).get_json()
    assert [i["user_id"] for i in bounded["items"]] == [12]
    other = book.get(f"/api/reconciliation/studios/{OTHER_STUDIO}/clients", headers=AUTH).get_json()
    assert [i["user_id"] for i in other["items"]] == [14]
    assert book.get("/api/reconciliation/studios/999/clients", headers=AUTH).get_json()["items"] == []


def test_only_the_service_token_reads_figures(book, assert_error):
    assert_error(book.get(PATH), 401, "unauthorized")
    assert_error(book.get(PATH, headers=staff_token("owner")), 401, "unauthorized")


@pytest.mark.parametrize("query", [{"limit": 0}, {"limit": 1001}, {"after": -1}, {"through": 0}, {"after": "x"}])
def test_bad_paging_is_a_400_naming_the_field(book, assert_error, query):
    assert_error(book.get(PATH, query_string=query, headers=AUTH), 400, "validation_error", *query)

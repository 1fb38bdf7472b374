"""Waiting with a pass: a pack's credit is held for the place, spent when a freed seat makes it a booking (active at
once, no checkout), and back on the pass when the place is left or its line ends; offers too."""

from datetime import timedelta

import sqlalchemy as sa

from main_app.extensions import db
from main_app.models import PassLedgerEntry

PRICE = 120_000


def bought(put_on_sale, buy, person_client) -> dict:
    buy(person_client, put_on_sale()["id"])
    return person_client.get("/me/passes").get_json()["items"][0]


def credits_left(person_client) -> int:
    return person_client.get("/me/passes").get_json()["items"][0]["credits_left"]


def kinds(app, pass_id: int) -> list[tuple[str, int]]:
    with app.app_context():
        rows = db.session.execute(
            sa.select(PassLedgerEntry.kind, PassLedgerEntry.credits)
            .where(PassLedgerEntry.pass_id == pass_id)
            .order_by(PassLedgerEntry.id)
        ).all()
        return [tuple(row) for row in rows]


def full_paid_session(make_session, make_user, client_for, facilitator):
    """A paid session of one seat, booked (paid with a free pass of its own) by someone else: (session, their client,
    their booking id)."""
    session = make_session(price=PRICE, capacity=1, starts_in=timedelta(days=3), facilitator_id=facilitator.id)
    holder = client_for(make_user(name="Holder"))
    booked = holder.post("/book", json={"session_id": session.id}).get_json()
    return session, holder, booked["id"]


def test_a_place_holds_a_credit_that_a_freed_seat_spends(
    app, put_on_sale, buy, user_client, make_session, make_user, client_for, facilitator
):
    pack = bought(put_on_sale, buy, user_client)
    session, holder, booking_id = full_paid_session(make_session, make_user, client_for, facilitator)
    joined = user_client.post(f"/sessions/{session.id}/waitlist", json={"pass_id": pack["id"]})
    assert joined.status_code == 201 and joined.get_json()["status"] == "waiting"
    assert credits_left(user_client) == 4  # held for the place
    assert holder.post(f"/bookings/{booking_id}/cancel").status_code == 200  # the hold is given up: a seat frees
    [mine] = [b for b in user_client.get("/bookings").get_json()["items"] if b["session"]["id"] == session.id]
    assert (mine["status"], mine["pass_id"], mine["payment"]) == ("active", pack["id"], None)
    assert credits_left(user_client) == 4
    assert kinds(app, pack["id"]) == [("purchase", 5), ("hold", -1), ("release", 1), ("spend", -1)]


def test_leaving_the_line_gives_the_credit_back(
    put_on_sale, buy, user_client, make_session, make_user, client_for, facilitator
):
    pack = bought(put_on_sale, buy, user_client)
    session, _holder, _booking = full_paid_session(make_session, make_user, client_for, facilitator)
    user_client.post(f"/sessions/{session.id}/waitlist", json={"pass_id": pack["id"], "seats": 2})
    assert credits_left(user_client) == 3
    assert user_client.delete(f"/sessions/{session.id}/waitlist").status_code == 204
    assert credits_left(user_client) == 5


def test_a_cancelled_session_ends_the_line_and_gives_the_credit_back(
    put_on_sale, buy, user_client, make_session, make_user, client_for, facilitator, facilitator_client
):
    pack = bought(put_on_sale, buy, user_client)
    session, _holder, _booking = full_paid_session(make_session, make_user, client_for, facilitator)
    user_client.post(f"/sessions/{session.id}/waitlist", json={"pass_id": pack["id"]})
    cancel = facilitator_client.post(f"/api/facilitator/{facilitator.id}/sessions/{session.id}/cancel", json={})
    assert cancel.status_code == 200
    assert credits_left(user_client) == 5


def test_a_pass_that_cannot_pay_is_refused_before_joining(
    put_on_sale, buy, user_client, make_session, make_user, client_for, facilitator, assert_error, db_rows
):
    pack = bought(put_on_sale, buy, user_client)
    session, _holder, _booking = full_paid_session(make_session, make_user, client_for, facilitator)
    before = db_rows()
    too_many = user_client.post(f"/sessions/{session.id}/waitlist", json={"pass_id": pack["id"], "seats": 6})
    assert_error(too_many, 409, "no_credits_left")
    assert_error(user_client.post(f"/sessions/{session.id}/waitlist", json={"pass_id": 99_999}), 404, "pass_not_found")
    assert db_rows() == before


def offered(put_on_sale, buy, user_client, make_session, make_user, client_for, facilitator, facilitator_client):
    """A pack bought, a place in an offer-mode line waiting with it, and the seat freed and offered: (pack, the offer's
    API path)."""
    pack = bought(put_on_sale, buy, user_client)
    session, holder, booking_id = full_paid_session(make_session, make_user, client_for, facilitator)
    settings = {"waitlist_mode": "offer"}
    changed = facilitator_client.patch(f"/api/facilitator/{facilitator.id}/sessions/{session.id}", json=settings)
    assert changed.status_code == 200
    user_client.post(f"/sessions/{session.id}/waitlist", json={"pass_id": pack["id"]})
    holder.post(f"/bookings/{booking_id}/cancel")
    [place] = user_client.get("/bookings").get_json()["waiting"]
    return pack, "/waitlist/offers/" + place["offer_path"].removeprefix("/offers/")


def test_an_offered_seat_taken_is_paid_by_the_pass(
    put_on_sale, buy, user_client, make_session, make_user, client_for, facilitator, facilitator_client, client
):
    setup = (put_on_sale, buy, user_client, make_session, make_user, client_for, facilitator, facilitator_client)
    pack, path = offered(*setup)
    taken = client.post(f"{path}/accept")
    assert taken.status_code == 201 and taken.get_json()["status"] == "active"
    assert taken.get_json()["pass_id"] == pack["id"] and credits_left(user_client) == 4


def test_an_offer_declined_gives_the_credit_back(
    put_on_sale, buy, user_client, make_session, make_user, client_for, facilitator, facilitator_client, client
):
    setup = (put_on_sale, buy, user_client, make_session, make_user, client_for, facilitator, facilitator_client)
    _pack, path = offered(*setup)
    assert client.post(f"{path}/decline").status_code in (200, 204)
    assert credits_left(user_client) == 5


def test_joining_and_leaving_again_and_again_costs_no_credit(
    put_on_sale, buy, user_client, make_session, make_user, client_for, facilitator
):
    # Each place in line gets a new id: a hold is keyed by it, so a reused id read as already released (SQLite).
    pack = bought(put_on_sale, buy, user_client)
    session, holder, booking_id = full_paid_session(make_session, make_user, client_for, facilitator)
    for _cycle in range(4):
        assert user_client.post(f"/sessions/{session.id}/waitlist", json={"pass_id": pack["id"]}).status_code == 201
        assert credits_left(user_client) == 4
        assert user_client.delete(f"/sessions/{session.id}/waitlist").status_code == 204
        assert credits_left(user_client) == 5
    assert user_client.post(f"/sessions/{session.id}/waitlist", json={"pass_id": pack["id"]}).status_code == 201
    assert holder.post(f"/bookings/{booking_id}/cancel").status_code == 200  # a seat frees: the place books it
    [mine] = [b for b in user_client.get("/bookings").get_json()["items"] if b["session"]["id"] == session.id]
    assert (mine["status"], mine["pass_id"]) == ("active", pack["id"])
    assert credits_left(user_client) == 4  # one seat, one credit

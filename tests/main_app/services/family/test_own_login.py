"""A child who comes of age gets a login of their own: a guardian gives an address, an account is made there (its
person emailed how to set a password), and the child's bookings and places in line become that account's; the child
leaves the family. Under 18, an address with an account, another family's child: refused, nothing changed."""

from datetime import timedelta

import pytest
from plugins.accounts import Account
from racing import race

from main_app.extensions import db
from main_app.models import Booking, Dependent, User, WaitlistEntry, utcnow

GROWN = "grown@example.com"


def _born_years_ago(years: int, days: int = 0) -> str:
    """A date of birth this many years (less days) before today."""
    today = utcnow().date()
    try:
        born = today.replace(year=today.year - years)
    except ValueError:  # the 29th of February
        born = today.replace(year=today.year - years, day=28)
    return (born - timedelta(days=days)).isoformat()


def _give(client, child: dict, email: str = GROWN):
    return client.post(f"/me/family/children/{child['id']}/own-login", json={"email": email})


def _account(app, user_id: int) -> Account:
    with app.app_context():
        user = db.session.get(User, user_id)
        return Account(user.id, user.name, user.email, user.username, user.role)


def test_a_grown_child_takes_their_bookings_and_places_to_their_own_account(
    app, user_client, make_user, client_for, make_session, add_child, email_outbox
):
    meera = add_child(user_client, name="Meera", date_of_birth=_born_years_ago(18))
    booked = make_session()
    assert (
        user_client.post("/bookings/book", json={"session_id": booked.id, "dependent_id": meera["id"]}).status_code
        == 201
    )
    full = make_session(capacity=1)
    holder = client_for(make_user(name="Seat holder"))
    assert holder.post("/bookings/book", json={"session_id": full.id}).status_code == 201
    line = f"/sessions/{full.id}/waitlist"
    assert user_client.post(line, json={"dependent_id": meera["id"]}).status_code == 201
    given = _give(user_client, meera)
    assert given.status_code == 201, given.get_json()
    assert given.get_json()["email"] == GROWN and given.get_json()["bookings"] == 1
    assert user_client.get("/bookings").get_json()["items"] == []
    assert user_client.get("/me/family/children").get_json()["items"] == []
    grown = client_for(_account(app, given.get_json()["user_id"]))
    mine = grown.get("/bookings").get_json()
    assert [(b["session_id"], b["for"]) for b in mine["items"]] == [(booked.id, None)]
    assert [(p["session_id"], p["for"]) for p in mine["waiting"]] == [(full.id, None)]
    assert grown.get("/auth/me").get_json()["name"] == "Meera"
    [mail] = [m for m in email_outbox() if m["type"] == "account_made"]
    snapshot = mail["payload"]["snapshot"]
    assert snapshot["to"]["email"] == GROWN and snapshot["family"] is True
    with app.app_context():
        child = db.session.get(Dependent, meera["id"])
        assert (child.grown_into_id, child.date_of_birth, child.erased_at is not None) == (
            grown_id := given.get_json()["user_id"],
            None,
            True,
        )
        assert db.session.scalar(db.select(db.func.count()).where(Booking.dependent_id == meera["id"])) == 0
        assert (
            db.session.scalar(db.select(WaitlistEntry.user_id).where(WaitlistEntry.session_id == full.id)) == grown_id
        )
    assert _give(user_client, meera, "other@example.com").status_code == 404  # once


def test_a_child_under_18_an_address_with_an_account_and_another_familys_child_are_refused(
    app, user, user_client, make_user, client_for, add_child, assert_error, db_rows
):
    young = add_child(user_client, name="Ravi", date_of_birth=_born_years_ago(18, days=-1))  # 18 tomorrow
    grown = add_child(user_client, name="Meera", date_of_birth=_born_years_ago(20))
    theirs = add_child(client_for(make_user(name="Other parent")), date_of_birth=_born_years_ago(30))
    before = db_rows()
    error = assert_error(_give(user_client, young), 422, "dependent_too_young")
    assert "Ravi" in error["message"] and "18" in error["message"]
    assert_error(_give(user_client, grown, user.email), 409, "email_taken")
    assert_error(_give(user_client, theirs), 404, "dependent_not_found")
    assert_error(_give(user_client, grown, "not-an-address"), 400, "validation_error")
    assert db_rows() == before


@pytest.mark.both_databases
def test_a_booking_for_the_child_while_they_are_given_their_login_is_moved_or_refused(
    app, user_client, make_session, add_child
):
    # The child's row orders them: the booking holds it once its seat is claimed, the move locks it first. Either
    # the booking comes first and is moved with the rest, or it finds the child gone (404): never a seat for a child
    # who has left the family.
    for round_ in range(3):
        session = make_session()
        child = add_child(user_client, name="Meera", date_of_birth=_born_years_ago(19))
        body = {"session_id": session.id, "dependent_id": child["id"]}
        book = lambda b=body: ("book", user_client.post("/bookings/book", json=b))  # noqa: E731
        give = lambda c=child, n=round_: ("give", _give(user_client, c, f"grown{n}@example.com"))  # noqa: E731
        answers = dict(race([book, give]))
        outcome = (answers["book"].status_code, answers["give"].status_code)
        assert outcome in {(201, 201), (404, 201)}, (outcome, answers["book"].data, answers["give"].data)
        grown_id = answers["give"].get_json()["user_id"]
        with app.app_context():
            seats = db.session.scalars(db.select(Booking).where(Booking.session_id == session.id)).all()
            assert [(b.user_id, b.dependent_id) for b in seats] == ([(grown_id, None)] if outcome[0] == 201 else [])

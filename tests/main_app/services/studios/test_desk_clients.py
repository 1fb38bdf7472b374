"""The desk's client lookup and booking a client for several seats: only the studio's own clients, each with only
its passes, and never a credit or a seat too many (SQLite and PostgreSQL)."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from racing import race
from test_desk_bookings import PRICE, book, class_of, pack_for

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Booking, BookingGuest, EventSession, Pass, PassLedgerEntry, Payment, User, utcnow


def lookup(client, slug: str, q: str, **more):
    return client.get(f"/api/studios/{slug}/desk/clients", query_string={"q": q, **more})


def test_the_desk_finds_its_clients_by_name_email_or_phone_with_their_passes(
    app, team, make_team, make_user, make_session, client_for
):
    holder = pack_for(team, "asha.rao@example.com")
    booker = make_user(name="Ashok Menon", email="ashok@example.com")
    assert (
        client_for(booker).post("/bookings/book", json={"session_id": class_of(make_session, team).id}).status_code
        == 201
    )
    stranger = make_user(name="Ashwin Stranger", email="ashwin@example.com")  # never booked here
    with app.app_context(), unit_of_work():
        db.session.get(User, booker.id).phone = "+919812345678"
    desk = team.clients["front_desk"]
    found = lookup(desk, team.slug, "Ash")
    assert found.status_code == 200, found.get_json()
    items = found.get_json()["items"]
    assert [person["email"] for person in items] == ["ashok@example.com", "asha.rao@example.com"]  # by name
    assert stranger.id not in [person["id"] for person in items] and found.get_json()["more"] is False
    [pack] = items[1]["passes"]
    assert (pack["id"], pack["name"], pack["kind"], pack["credits_left"]) == (
        holder["pass"]["id"],
        "Desk pack",
        "pack",
        5,
    )
    assert pack["valid_until"] and items[0]["passes"] == []
    assert [p["id"] for p in lookup(desk, team.slug, "holder").get_json()["items"]] == [holder["user_id"]]  # a word
    assert [p["id"] for p in lookup(desk, team.slug, "ASHA.R").get_json()["items"]] == [holder["user_id"]]
    for phone in ("+91 98123", "9198123", "098123 45"):
        assert [p["id"] for p in lookup(desk, team.slug, phone).get_json()["items"]] == [booker.id], phone
    assert lookup(desk, team.slug, "%").status_code == 400 and lookup(desk, team.slug, "a_").get_json()["items"] == []
    limited = lookup(desk, team.slug, "as", limit=1).get_json()
    assert len(limited["items"]) == 1 and limited["more"] is True
    # Another studio's front desk finds none of them; its staff see nothing of this studio's.
    other = make_team("Other Studio")
    assert lookup(other.clients["front_desk"], other.slug, "Ash").get_json()["items"] == []
    assert lookup(team.clients["instructor"], team.slug, "Ash").status_code == 403


def test_a_client_with_passes_at_two_studios_shows_only_this_studios(app, team, make_team):
    other = make_team("Other Studio")
    here = pack_for(team, "two.studios@example.com")
    pack_for(other, "two.studios@example.com")
    refunded, ended = (pack_for(team, "two.studios@example.com")["pass"]["id"] for _ in range(2))
    with app.app_context(), unit_of_work():  # a refunded pass and an ended one are not good to book with
        db.session.get(Pass, refunded).status = "refunded"
        db.session.get(Pass, ended).valid_until = utcnow() - timedelta(days=1)
    [person] = lookup(team.clients["front_desk"], team.slug, "two.").get_json()["items"]
    assert [p["id"] for p in person["passes"]] == [here["pass"]["id"]]
    [theirs] = lookup(other.clients["front_desk"], other.slug, "two.").get_json()["items"]
    assert here["pass"]["id"] not in [p["id"] for p in theirs["passes"]] and len(theirs["passes"]) == 1


def test_the_desk_books_three_seats_with_a_pass_or_paid_for_all(app, team, make_session, assert_error, db_rows):
    paid = class_of(make_session, team, price=PRICE)
    with app.app_context(), unit_of_work():
        db.session.get(EventSession, paid.id).max_seats_per_booking = 3
    holder = pack_for(team, "group@example.com")
    desk, slug = team.clients["front_desk"], team.slug
    before = db_rows()
    assert_error(book(desk, slug, paid.id, user_id=holder["user_id"], use="pass", pass_id=holder["pass"]["id"],
                      seats=4), 400, "validation_error", "seats")  # fmt: skip
    assert_error(book(desk, slug, paid.id, user_id=holder["user_id"], use="pass", pass_id=holder["pass"]["id"],
                      seats=0), 400, "validation_error", "seats")  # fmt: skip
    assert db_rows() == before
    answer = book(desk, slug, paid.id, user_id=holder["user_id"], use="pass", pass_id=holder["pass"]["id"], seats=3)
    assert answer.status_code == 201, answer.get_json()
    booking_id = answer.get_json()["booking"]["id"]
    with app.app_context():
        assert db.session.get(Pass, holder["pass"]["id"]).credits_left == 2
        assert db.session.get(Booking, booking_id).seats == 3
        assert db.session.get(EventSession, paid.id).seats_taken == 3
        of_booking = sa.select(BookingGuest.name).where(BookingGuest.booking_id == booking_id)
        guests = db.session.scalars(of_booking.order_by(BookingGuest.id)).all()  # in the order they were named
        assert guests == ["Guest 1", "Guest 2"]
        spent = db.session.scalar(sa.select(PassLedgerEntry.credits).where(PassLedgerEntry.booking_id == booking_id))
        assert spent == -3
    door = class_of(make_session, team, price=PRICE)
    answer = book(desk, slug, door.id, email="pair@example.com", use="door", method="cash", amount=PRICE, seats=2)
    assert answer.status_code == 201 and answer.get_json()["payment"]["amount"] == 2 * PRICE
    with app.app_context():
        paid_row = db.session.scalar(sa.select(Payment).where(Payment.booking_id == answer.get_json()["booking"]["id"]))
        assert paid_row.amount == 2 * PRICE
    entry = team.clients["owner"].get(f"/api/studios/{slug}/audit?kind=booking.made_at_desk").get_json()["items"][0]
    assert entry["after"]["seats"] == 2


@pytest.mark.both_databases
def test_two_desks_booking_seats_with_one_pass_never_spend_a_credit_too_many(app, team, make_session, client_for):
    first, second = class_of(make_session, team, price=PRICE), class_of(make_session, team, price=PRICE)
    holder = pack_for(team, "racer@example.com")  # 5 credits: 3 + 3 cannot both go
    desks = [client_for(team.accounts["front_desk"]) for _ in range(2)]
    body = {"user_id": holder["user_id"], "use": "pass", "pass_id": holder["pass"]["id"], "seats": 3}
    calls = [lambda d=d, s=s: book(d, team.slug, s.id, **body) for d, s in zip(desks, (first, second), strict=True)]
    answers = race(calls)
    assert sorted(a.status_code for a in answers) == [201, 409], [a.get_json() for a in answers]
    assert {a.get_json()["error"]["code"] for a in answers if a.status_code == 409} == {"no_credits_left"}
    with app.app_context():
        assert db.session.get(Pass, holder["pass"]["id"]).credits_left == 2
        taken = sa.select(sa.func.sum(EventSession.seats_taken)).where(EventSession.id.in_([first.id, second.id]))
        assert db.session.scalar(taken) == 3

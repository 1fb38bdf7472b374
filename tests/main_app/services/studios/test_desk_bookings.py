"""A client booked into a class at a studio's desk: with their pass, paid at the desk or free, by the booking
service's own seat path (the same news record and outbox rows as an online booking), with an audit entry; only in
the sessions the desk reaches, and never a seat too many (SQLite and PostgreSQL)."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from racing import race

from main_app.extensions import db
from main_app.models import Booking, EventSession, OutboxMessage, Pass, PassLedgerEntry, Payment, User

PACK = {"name": "Desk pack", "kind": "pack", "credits": 5, "valid_days": 90, "price": 250_000}
PRICE = 50_000


def book(client, slug: str, session_id: int, **body):
    return client.post(f"/api/studios/{slug}/desk/bookings", json={"session_id": session_id, **body})


def class_of(make_session, team, **terms):
    """Tomorrow's class of the team's instructor (in the desk's reach)."""
    return make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id, **terms)


def pack_for(team, email: str) -> dict:
    """A pack of the team's, sold at its desk to email: the desk's answer (pass, user_id)."""
    product = team.clients["manager"].post(f"/api/studios/{team.slug}/passes", json=PACK).get_json()
    body = {"product_id": product["id"], "name": "Pass Holder", "email": email, "method": "cash"}
    sold = team.clients["front_desk"].post(f"/api/studios/{team.slug}/desk/passes", json=body)
    assert sold.status_code == 201, sold.get_json()
    return sold.get_json()


def kinds_of(app, booking_id: int) -> list[tuple[str, str]]:
    """(channel, type) of the booking's outbox rows."""
    with app.app_context():
        rows = db.session.execute(
            sa.select(OutboxMessage.channel, OutboxMessage.type).where(OutboxMessage.booking_id == booking_id)
        )
        return sorted(tuple(row) for row in rows)


def test_the_front_desk_books_a_pass_holder_and_spends_a_credit_as_online(app, team, make_session, client_for):
    paid = class_of(make_session, team, price=PRICE)
    holder = pack_for(team, "holder@example.com")
    answer = book(team.clients["front_desk"], team.slug, paid.id, email="Holder@Example.com", use="pass",
                  pass_id=holder["pass"]["id"])  # fmt: skip
    assert answer.status_code == 201, answer.get_json()
    booked = answer.get_json()
    assert (booked["user_id"], booked["new_account"], booked["payment"]) == (holder["user_id"], False, None)
    assert booked["booking"]["status"] == "active" and booked["booking"]["session"]["seats_taken"] == 1
    with app.app_context():
        assert db.session.get(Pass, holder["pass"]["id"]).credits_left == 4
        spent = db.session.scalar(
            sa.select(PassLedgerEntry).where(PassLedgerEntry.booking_id == booked["booking"]["id"])
        )
        assert spent.credits == -1
        person = db.session.get(User, holder["user_id"])
    # The same outbox rows as the holder booking another class online with the pass.
    other = class_of(make_session, team, price=PRICE)
    online = client_for(person).post("/bookings/book", json={"session_id": other.id, "pass_id": holder["pass"]["id"]})
    assert online.status_code == 201, online.get_json()
    assert kinds_of(app, booked["booking"]["id"]) == kinds_of(app, online.get_json()["id"]) != []
    audit = team.clients["owner"].get(f"/api/studios/{team.slug}/audit?kind=booking.made_at_desk").get_json()["items"]
    assert [(e["actor_id"], e["actor_role"], e["object_type"], e["object_id"], e["after"]) for e in audit] == [
        (
            team.accounts["front_desk"].id, "front_desk", "booking", booked["booking"]["id"],
            {"session_id": paid.id, "user_id": holder["user_id"], "use": "pass", "pass_id": holder["pass"]["id"]},
        )
    ]  # fmt: skip


def test_paid_at_the_desk_records_the_method_and_who_took_it(app, team, make_session, email_outbox):
    paid = class_of(make_session, team, price=PRICE)
    answer = book(team.clients["manager"], team.slug, paid.id, email="new.client@example.com", name="New Client",
                  use="door", method="card_terminal", amount=PRICE)  # fmt: skip
    assert answer.status_code == 201, answer.get_json()
    booked = answer.get_json()
    assert booked["new_account"] is True and booked["booking"]["amount_paid"] == PRICE
    taken_by = team.accounts["manager"].id
    assert booked["payment"] == {"amount": PRICE, "currency": "INR", "method": "card_terminal", "taken_by": taken_by}
    with app.app_context():
        payment = db.session.scalar(sa.select(Payment).where(Payment.booking_id == booked["booking"]["id"]))
        assert (payment.provider, payment.status, payment.method, payment.taken_by) == (
            "door", "succeeded", "card_terminal", taken_by
        )  # fmt: skip
    assert "account_made" in [m["type"] for m in email_outbox()]
    [entry] = team.clients["owner"].get(f"/api/studios/{team.slug}/audit?kind=booking.made_at_desk").get_json()["items"]
    assert (entry["actor_role"], entry["after"]["amount"], entry["after"]["method"]) == (
        "manager",
        PRICE,
        "card_terminal",
    )


def test_a_free_class_books_a_known_client_by_id(app, team, make_session, make_user, client_for):
    free, earlier = class_of(make_session, team), class_of(make_session, team, starts_in=timedelta(hours=28))
    person = make_user(name="Regular")
    assert client_for(person).post("/bookings/book", json={"session_id": earlier.id}).status_code == 201
    answer = book(team.clients["front_desk"], team.slug, free.id, user_id=person.id, use="free")
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["user_id"] == person.id and answer.get_json()["booking"]["status"] == "active"


def test_refusals_write_nothing(app, team, make_team, make_session, make_user, assert_error, db_rows):
    paid, free = class_of(make_session, team, price=PRICE), class_of(make_session, team)
    far = class_of(make_session, team, starts_in=timedelta(days=9))
    full = class_of(make_session, team, capacity=1, seats_taken=1)
    other = make_team("Other Studio")
    theirs = pack_for(other, "holder@example.com")
    stranger = make_user(name="Stranger")
    desk, slug = team.clients["front_desk"], team.slug
    assert_error(book(desk, slug, far.id, email="a@example.com", use="free"), 404, "session_not_found")
    their_class = class_of(make_session, other)
    before = db_rows()
    owner = team.clients["owner"]
    assert_error(book(owner, slug, their_class.id, email="a@example.com", use="free"), 404, "session_not_found")
    assert_error(book(desk, slug, full.id, email="holder@example.com", use="free"), 409, "session_full")
    assert_error(book(desk, slug, paid.id, email="holder@example.com", use="pass", pass_id=theirs["pass"]["id"]),
                 409, "pass_not_valid_here")  # fmt: skip
    assert_error(book(desk, slug, paid.id, email="holder@example.com", use="free"), 409, "payment_needed")
    assert_error(book(desk, slug, free.id, email="holder@example.com", use="door", method="cash"), 409, "session_free")
    assert_error(book(desk, slug, paid.id, email="holder@example.com", use="door", method="cash", amount=1), 409,
                 "price_changed")  # fmt: skip
    assert_error(book(desk, slug, free.id, user_id=stranger.id, use="free"), 404, "person_not_found")
    assert_error(book(desk, slug, free.id, use="free"), 400, "validation_error", "email")
    assert_error(book(desk, slug, paid.id, email="a@example.com", use="pass"), 400, "validation_error", "pass_id")
    assert_error(book(desk, slug, paid.id, email="a@example.com", use="door"), 400, "validation_error", "method")
    assert_error(book(desk, slug, paid.id, email="a@example.com", use="iou"), 400, "validation_error", "use")
    assert_error(book(team.clients["instructor"], slug, free.id, email="a@example.com", use="free"), 403, "forbidden")
    assert db_rows() == before
    assert book(desk, slug, free.id, email="holder@example.com", use="free").status_code == 201
    assert_error(book(desk, slug, free.id, email="holder@example.com", use="free"), 409, "already_booked")


@pytest.mark.both_databases
def test_the_last_seat_goes_to_one_desk_booking(app, team, make_session, client_for, make_user):
    last = class_of(make_session, team, capacity=1)
    desks = [client_for(team.accounts["front_desk"]) for _ in range(2)]
    calls = [lambda d=d, i=i: book(d, team.slug, last.id, email=f"racer{i}@example.com", use="free")
             for i, d in enumerate(desks)]  # fmt: skip
    _one_seat(app, last.id, race(calls))
    # Two hours ahead: still in the desk's reach (today and tomorrow on the studio's clock) at any time of day.
    again = class_of(make_session, team, capacity=1, starts_in=timedelta(hours=2))
    online = client_for(make_user(name="Online"))
    calls = [
        lambda: book(desks[0], team.slug, again.id, email="desk@example.com", use="free"),
        lambda: online.post("/bookings/book", json={"session_id": again.id}),
    ]
    _one_seat(app, again.id, race(calls))


def _one_seat(app, session_id: int, answers) -> None:
    assert sorted(a.status_code for a in answers) == [201, 409], [a.get_json() for a in answers]
    assert {a.get_json()["error"]["code"] for a in answers if a.status_code == 409} == {"session_full"}
    with app.app_context():
        assert db.session.get(EventSession, session_id).seats_taken == 1
        count = sa.select(sa.func.count(Booking.id)).where(Booking.session_id == session_id)
        assert db.session.scalar(count) == 1

"""Walk-ins: booked at the door and checked in in one transaction; found by email or given an account; a paid session
paid with a pass or at the door; the last seat goes to a walk-in or an online booking, never both."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from racing import race

from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import Booking, Checkin, Event, EventSession, OutboxMessage, Payment, User

pytestmark = pytest.mark.both_databases


@pytest.fixture
def under_way(make_session, facilitator):
    """A free session that started 10 minutes ago, 5 seats."""
    return make_session(capacity=5, starts_in=-timedelta(minutes=10), facilitator_id=facilitator.id)


@pytest.fixture
def walk(facilitator, facilitator_client):
    def post(session_id: int, client=None, **body):
        path = f"/api/facilitator/{facilitator.id}/sessions/{session_id}/walk-ins"
        return (client or facilitator_client).post(
            path, json={"name": "Nadia Khan", "email": "nadia@example.com", **body}
        )

    return post


def test_a_new_person_is_booked_checked_in_and_told(
    app, under_way, walk, outbox, email_outbox, facilitator, facilitator_client
):
    answer = walk(under_way.id, email="Nadia@Example.com")
    assert answer.status_code == 201, answer.get_json()
    walked = answer.get_json()
    assert walked["new_account"] is True and walked["result"]["status"] == "checked_in"
    with app.app_context():
        booking = db.session.get(Booking, walked["booking_id"])
        assert (booking.status, booking.seats) == ("active", 1)
        assert db.session.get(User, walked["user_id"]).email == "nadia@example.com"
        assert db.session.scalar(sa.select(sa.func.count(Checkin.id))) == 1
        assert db.session.get(EventSession, under_way.id).seats_taken == 1
    kinds = [m["type"] for m in outbox()]
    assert {"user_registered", "booking_created", "checked_in"} <= set(kinds)
    [arrived] = [m["payload"]["data"] for m in outbox() if m["type"] == "checked_in"]
    assert (arrived["booking_id"], arrived["seat"], arrived["walk_in"]) == (walked["booking_id"], 1, True)
    assert arrived["name"] and arrived["checked_in_at"] and "device_id" in arrived
    [confirmation] = [m for m in email_outbox() if m["type"] == "booking_confirmed"]
    assert confirmation["payload"]["snapshot"]["checkin"]["code"]
    figures = facilitator_client.get(f"/api/facilitator/{facilitator.id}/sessions/{under_way.id}/attendance")
    assert (figures.get_json()["walk_ins"], figures.get_json()["checked_in"]) == (1, 1)
    again = walk(under_way.id).get_json()  # the same person again: found, checked in already
    assert (again["new_account"], again["result"]["status"]) == (False, "already_checked_in")


def test_someone_booked_online_is_checked_in_not_booked_twice(under_way, walk, user, user_client):
    booking = user_client.post("/bookings/book", json={"session_id": under_way.id})
    assert booking.status_code == 409  # it has started: nobody books online now
    starts_later = walk(under_way.id, email=user.email, name=user.name).get_json()
    assert starts_later["new_account"] is False and starts_later["result"]["status"] == "checked_in"


def test_a_walk_in_with_texts_on_gets_the_confirmation_by_text_as_by_email(
    app, under_way, walk, user, user_client, verify_phone, email_outbox
):
    verify_phone(user_client)  # a proved number, texts on
    mine = walk(under_way.id, email=user.email, name=user.name).get_json()["booking_id"]
    other = walk(under_way.id).get_json()["booking_id"]  # a new account: no number
    emailed = sorted(m["booking_id"] for m in email_outbox() if m["type"] == "booking_confirmed")
    with app.app_context():
        texted = db.session.scalars(
            sa.select(OutboxMessage.booking_id).where(
                OutboxMessage.channel == "sms", OutboxMessage.type == "booking_confirmed"
            )
        ).all()
    assert (emailed, texted) == (sorted([mine, other]), [mine])


def test_a_paid_session_is_paid_with_a_pass_or_at_the_door(
    app, make_session, facilitator, facilitator_client, walk, assert_error, make_user, client_for, payments_lane
):
    paid = make_session(capacity=5, starts_in=-timedelta(minutes=5), facilitator_id=facilitator.id, price=80_000)
    assert_error(walk(paid.id), 409, "payment_needed")
    at_door = walk(paid.id, paid_at_door=True).get_json()
    with app.app_context():
        [payment] = db.session.scalars(sa.select(Payment).where(Payment.booking_id == at_door["booking_id"])).all()
        assert (payment.provider, payment.status, payment.amount) == ("door", "succeeded", 80_000)
    person = client_for(SimpleNamespace(id=at_door["user_id"]))
    # checked in, so theirs to cancel only once the facilitator undid the check-in
    assert_error(person.post(f"/bookings/{at_door['booking_id']}/cancel", json={}), 409, "checked_in")
    undo = f"/api/facilitator/{facilitator.id}/sessions/{paid.id}/checkins/{at_door['booking_id']}"
    assert facilitator_client.delete(undo).status_code == 204
    assert person.post(f"/bookings/{at_door['booking_id']}/cancel", json={}).status_code == 200
    payments_lane()
    with app.app_context():
        assert db.session.get(Payment, payment.id).refund_status is None  # refunded in person, not by a provider
    # with a pass: a credit spent
    member = make_user(email="member@example.com", name="Member")
    pack = {"name": "5-class pack", "kind": "pack", "credits": 5, "valid_days": 90, "price": 250_000}
    product = facilitator_client.post(f"/api/facilitator/{facilitator.id}/passes", json=pack).get_json()
    bought = client_for(member).post(f"/passes/{product['id']}/buy", json={}).get_json()
    reference = bought["checkout_url"].rsplit("/", 1)[1]
    app.test_client().post(f"/payments/test/checkout/{reference}", data={"action": "pay"})
    walked = walk(paid.id, email="member@example.com", name="Member", pass_id=bought["pass"]["id"])
    assert walked.status_code == 201, walked.get_json()
    assert client_for(member).get("/me/passes").get_json()["items"][0]["credits_left"] == 4


def test_refusals(under_way, walk, make_session, facilitator, admin, assert_error):
    assert_error(walk(under_way.id, email=admin.email), 409, "not_a_person")
    later = make_session(starts_in=timedelta(hours=5), facilitator_id=facilitator.id)
    assert_error(walk(later.id), 409, "checkin_not_open")
    full = make_session(capacity=1, starts_in=-timedelta(minutes=5), facilitator_id=facilitator.id, seats_taken=1)
    assert_error(walk(full.id), 409, "session_full")
    assert_error(walk(under_way.id, email="not-an-email"), 400, "validation_error", "email")
    assert_error(walk(under_way.id, name=""), 400, "validation_error", "name")


def test_the_last_seat_goes_to_a_walk_in_or_an_online_booking_never_both(
    app, make_session, facilitator, client_for, people, walk
):
    last = make_session(capacity=1, starts_in=timedelta(minutes=20), facilitator_id=facilitator.id)
    doors = [client_for(facilitator) for _ in range(3)]
    online = [client for _account, client in people(3)]
    calls = [lambda d=d, i=i: walk(last.id, client=d, email=f"walker{i}@example.com") for i, d in enumerate(doors)]
    calls += [lambda c=c: c.post("/bookings/book", json={"session_id": last.id}) for c in online]
    answers = race(calls)
    assert sorted(a.status_code for a in answers) == [201] + [409] * 5
    assert {a.get_json()["error"]["code"] for a in answers if a.status_code == 409} == {"session_full"}
    with app.app_context():
        assert db.session.get(EventSession, last.id).seats_taken == 1
        assert db.session.scalar(sa.select(sa.func.count(Booking.id)).where(Booking.session_id == last.id)) == 1


def test_a_walk_in_given_an_account_is_told_and_can_set_a_password(app, under_way, walk, email_outbox, facilitator):
    walked = walk(under_way.id).get_json()
    [made] = [m for m in email_outbox() if m["type"] == "account_made"]
    snapshot = made["payload"]["snapshot"]
    assert snapshot["to"]["email"] == "nadia@example.com" and snapshot["to"]["user_id"] == walked["user_id"]
    assert (snapshot["by"], snapshot["event"]["title"]) == (facilitator.name, under_way_title(app, under_way))
    assert "reset_url" not in snapshot  # signed when it is sent, so the hour it lasts starts then
    with app.app_context():
        completed = build_dispatcher(app.config, channel="email").client.completers["account_made"](snapshot)
    token = completed["reset_url"].split("token=")[1]
    reset = app.test_client().post("/auth/password-reset/confirm", json={"token": token, "password": "a new one 123!"})
    assert reset.status_code == 200, reset.get_json()
    walk(under_way.id)  # found again: no second account, no second such email
    assert len([m for m in email_outbox() if m["type"] == "account_made"]) == 1


def under_way_title(app, session) -> str:
    with app.app_context():
        return db.session.scalar(sa.select(Event.title).where(Event.id == session.event_id))

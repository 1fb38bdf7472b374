"""An owner closing a studio: confirmed by its slug, refused while seats ahead are held or money is pending, and
after it the studio is gone from pages, lists and staff routes while its slug and its clients' history stay."""

from datetime import timedelta

import pytest
from racing import race
from sqlalchemy import select

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import AuditEntry, Booking, EventSession, Payment, Studio, utcnow


def _close(team, role="owner"):
    return team.clients[role].delete(f"/api/studios/{team.slug}", json={"confirm": team.slug})


def test_only_the_slug_as_confirm_closes_and_only_an_owner_may(team, assert_error):
    path = f"/api/studios/{team.slug}"
    assert_error(team.clients["owner"].delete(path, json={}), 400, "studio_close_unconfirmed")
    assert_error(team.clients["owner"].delete(path, json={"confirm": "other"}), 400, "studio_close_unconfirmed")
    assert_error(_close(team, "manager"), 403, "forbidden")
    assert team.clients["manager"].get(path).status_code == 200


def test_a_session_ahead_with_a_booking_refuses_the_close(team, make_session, make_user, client_for, assert_error):
    session = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id)
    booked = client_for(make_user(name="Client")).post("/bookings/book", json={"session_id": session.id})
    assert booked.status_code == 201, booked.get_json()
    error = assert_error(_close(team), 409, "studio_has_future_bookings")
    assert error["details"] == {"sessions": 1} and "1 upcoming" in error["message"]
    assert team.clients["owner"].get(f"/api/studios/{team.slug}").status_code == 200


def test_a_pending_payment_refuses_the_close(app, team, make_session, make_user, assert_error):
    past = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id, starts_in=-timedelta(days=2))
    with app.app_context(), unit_of_work():
        booking = Booking(session_id=past.id, user_id=make_user(name="Payer").id, status="cancelled")
        db.session.add(booking)
        db.session.flush()
        db.session.add(
            Payment(
                booking_id=booking.id, provider="test", reference="close-pending", checkout_url="", amount=1_000,
                currency="INR", expires_at=utcnow() + timedelta(hours=1),
            )
        )  # fmt: skip
    error = assert_error(_close(team), 409, "studio_has_money_in_flight")
    assert error["details"] == {"pending": 1}


def test_a_closed_studio_is_gone_but_its_slug_and_its_clients_history_stay(
    app, team, make_session, make_user, client_for, make_stock, assert_error, studio_fields
):
    client = make_user(name="Past Client")
    past = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id, starts_in=-timedelta(days=3))
    ahead = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id)
    make_stock(team)
    with app.app_context(), unit_of_work():
        db.session.add(Booking(session_id=past.id, user_id=client.id))
    assert client_for(client).get("/bookings").get_json()["items"]
    assert _close(team).status_code == 204
    assert_error(team.clients["owner"].get(f"/api/public/studios/{team.slug}"), 404, "studio_not_found")
    for role, member in team.clients.items():
        assert_error(member.get(f"/api/studios/{team.slug}"), 404, "studio_not_found")
        assert_error(member.get(f"/api/studios/{team.slug}/members"), 404, "studio_not_found")
        assert member.get("/api/studios").get_json()["items"] == [], role
    events = client_for(client).get("/events").get_json()["items"]
    assert ahead.event_id not in [event["id"] for event in events]
    assert_error(client_for(client).get(f"/events/{ahead.event_id}"), 404, "event_not_found")
    late = client_for(client).post("/bookings/book", json={"session_id": ahead.id})
    assert late.status_code == 409 and late.get_json()["error"]["code"] == "session_cancelled", late.get_json()
    taken = team.clients["owner"].post("/api/studios", json={**studio_fields, "slug": team.slug})
    assert_error(taken, 409, "slug_taken")
    mine = client_for(client).get("/bookings").get_json()["items"]
    assert [row["id"] for row in mine] and len(mine) == 1
    with app.app_context():
        assert db.session.get(EventSession, ahead.id).status == "cancelled"
        assert db.session.get(Studio, team.id).closed_at is not None
        [entry] = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "studio.closed")).all()
        assert entry.after["sessions_cancelled"] == 1 and entry.after["pass_products_retired"] == 1


@pytest.mark.both_databases
def test_a_booking_and_the_close_racing_for_the_last_session_one_wins(app, team, make_session, make_user, client_for):
    last = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id)
    booker = client_for(make_user(name="Racer"))
    answers = race([lambda: booker.post("/bookings/book", json={"session_id": last.id}), lambda: _close(team)])
    codes = sorted(answer.status_code for answer in answers)
    assert codes in ([201, 409], [204, 409]), [answer.get_json() for answer in answers]
    [refused] = [answer.get_json()["error"]["code"] for answer in answers if answer.status_code == 409]
    with app.app_context():
        booked = db.session.scalar(select(Booking.id).where(Booking.session_id == last.id))
        closed = db.session.get(Studio, team.id).closed_at is not None
    if codes == [201, 409]:
        assert refused == "studio_has_future_bookings" and booked and not closed
    else:
        assert refused == "session_cancelled" and not booked and closed

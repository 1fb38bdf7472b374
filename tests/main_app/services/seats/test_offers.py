"""Waiting-list offers through the API: in waitlist_mode "offer" a freed seat is kept for the head of the line for a
while, taken or declined with a signed single-use link, and passed on when declined or not taken in time."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from itsdangerous import URLSafeSerializer

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import OutboxMessage, WaitlistEntry, utcnow
from main_app.services.common.tokens import offer_token
from main_app.services.texts.compose import compose, encoding, length

HOUR, DAY = timedelta(hours=1), timedelta(days=1)


@pytest.fixture
def offering(make_session, priya, priya_client, base, people):
    """offering(capacity, waiting, **settings): a full session in offer mode with people waiting:
    (session, [(client, booking id)] of those booked, [(account, client)] of those waiting, in line order)."""

    def make(capacity: int = 2, waiting: int = 2, starts_in: timedelta = 3 * DAY, price: int = 0, **settings):
        session = make_session(capacity=capacity, starts_in=starts_in, facilitator_id=priya.id, price=price)
        changed = priya_client.patch(f"{base}/sessions/{session.id}", json={"waitlist_mode": "offer", **settings})
        assert changed.status_code == 200, changed.get_json()
        booked = [(client, book(client, session.id)) for _account, client in people(capacity)]
        line = people(waiting)
        for _account, client in line:
            assert client.post(f"/sessions/{session.id}/waitlist").status_code == 201
        return session, booked, line

    return make


def book(client, session_id: int) -> int:
    """Book a seat (a free one at once; a paid one held while its checkout is open): the booking's id."""
    response = client.post("/book", json={"session_id": session_id})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def places(client) -> list[dict]:
    return client.get("/bookings").get_json()["waiting"]


def offer_path(client) -> str:
    [place] = [p for p in places(client) if p["status"] == "offered"]
    return place["offer_path"]


def api_path(offer_page: str) -> str:
    return "/waitlist/offers/" + offer_page.removeprefix("/offers/")


def test_a_freed_seat_is_offered_to_the_head_who_takes_it_once_with_the_link(
    app, offering, seats, client, email_outbox, outbox
):
    session, [(holder, booking_id), _], [(first, first_client), (_second, second_client)] = offering()
    assert holder.post(f"/bookings/{booking_id}/cancel").status_code == 200
    # The seat is kept for the offer: still full for everyone else, and only the head holds an offer.
    assert seats(session.id) == (2, 2)
    assert [p["status"] for p in places(first_client)] == ["offered"]
    assert [p["status"] for p in places(second_client)] == ["waiting"]
    path = api_path(offer_path(first_client))
    shown = client.get(path).get_json()
    assert shown["status"] == "open" and shown["session_id"] == session.id and shown["price"] == 0
    [mail] = [m for m in email_outbox() if m["type"] == "waitlist_offer"]
    assert mail["payload"]["snapshot"]["to"]["email"] == first.email
    assert mail["payload"]["snapshot"]["offer"]["url"].endswith(offer_path(first_client))
    taken = client.post(f"{path}/accept")  # the link is the authority: no sign-in needed
    assert taken.status_code == 201, taken.get_json()
    assert taken.get_json()["status"] == "active" and taken.get_json()["session"]["id"] == session.id
    assert seats(session.id) == (2, 2)
    assert places(first_client) == [] and places(second_client)[0]["position"] == 1
    assert any(m["type"] == "waitlist_promoted" for m in outbox())
    again = client.post(f"{path}/accept")
    assert again.status_code == 404 and again.get_json()["error"]["code"] == "offer_not_found"
    assert client.get(path).status_code == 404


def test_a_declined_offer_goes_to_the_next_in_line_at_once(offering, seats, client, email_outbox):
    session, [(holder, booking_id), _], [(_first, first_client), (_second, second_client)] = offering()
    holder.post(f"/bookings/{booking_id}/cancel")
    path = api_path(offer_path(first_client))
    assert client.post(f"{path}/decline").get_json() == {"status": "declined"}
    assert places(first_client) == []
    assert [p["status"] for p in places(second_client)] == ["offered"]
    assert seats(session.id) == (2, 2)
    ended = [m for m in email_outbox() if m["type"] == "offer_ended"]
    assert [m["payload"]["snapshot"]["reason"] for m in ended] == ["declined"]
    late = client.post(f"{path}/accept")
    assert late.status_code == 404 and late.get_json()["error"]["code"] == "offer_not_found"


def _end_offers_now(app, session_id: int) -> None:
    """Move the session's offers' end (and their end messages) into the past, as time passing would."""
    past = utcnow() - timedelta(seconds=1)
    with app.app_context(), unit_of_work():
        db.session.execute(
            sa.update(WaitlistEntry)
            .where(WaitlistEntry.session_id == session_id, WaitlistEntry.offered_at.is_not(None))
            .values(offer_expires_at=past)
        )
        db.session.execute(
            sa.update(OutboxMessage).where(OutboxMessage.type == "offer_expiry").values(next_attempt_at=past)
        )


def test_an_offer_not_taken_in_time_is_ended_by_the_dispatcher_and_passed_on(
    app, offering, seats, drainer, email_outbox
):
    session, [(holder, booking_id), _], [(_first, first_client), (_second, second_client)] = offering()
    holder.post(f"/bookings/{booking_id}/cancel")
    _end_offers_now(app, session.id)
    drainer("timers")()
    assert places(first_client) == []
    assert [p["status"] for p in places(second_client)] == ["offered"]
    assert seats(session.id) == (2, 2)
    assert [m["payload"]["snapshot"]["reason"] for m in email_outbox() if m["type"] == "offer_ended"] == ["time"]


def test_taking_an_offer_after_its_time_says_so_and_passes_the_seat_on(app, offering, seats, client):
    session, [(holder, booking_id), _], [(_first, first_client), (_second, second_client)] = offering()
    holder.post(f"/bookings/{booking_id}/cancel")
    path = api_path(offer_path(first_client))
    _end_offers_now(app, session.id)  # its time is up, and the dispatcher has not come to it yet
    assert client.get(path).get_json()["status"] == "ended"
    late = client.post(f"{path}/accept")
    assert late.status_code == 409 and late.get_json()["error"]["code"] == "offer_expired"
    assert "next person" in late.get_json()["error"]["message"]
    assert places(first_client) == [] and [p["status"] for p in places(second_client)] == ["offered"]
    assert seats(session.id) == (2, 2)


def test_leaving_the_line_while_holding_an_offer_passes_it_on(offering, seats):
    session, [(holder, booking_id), _], [(_first, first_client), (_second, second_client)] = offering()
    holder.post(f"/bookings/{booking_id}/cancel")
    assert first_client.delete(f"/sessions/{session.id}/waitlist").status_code == 204
    assert [p["status"] for p in places(second_client)] == ["offered"]
    assert seats(session.id) == (2, 2)


def test_booking_another_freed_seat_while_holding_an_offer_passes_the_offer_on(offering, seats, priya_client, base):
    session, [(holder, booking_id), _], [(_first, first_client), (_second, second_client)] = offering(waiting=2)
    holder.post(f"/bookings/{booking_id}/cancel")  # offered to the first
    # Two more seats: offered to the second, and one left free, which the first books directly.
    assert priya_client.patch(f"{base}/sessions/{session.id}", json={"capacity": 4}).status_code == 200
    assert [p["status"] for p in places(second_client)] == ["offered"]
    assert seats(session.id) == (4, 3)
    assert first_client.post("/book", json={"session_id": session.id}).status_code == 201
    # Their offer's seat went back: free again, nobody left to offer it to.
    assert places(first_client) == [] and seats(session.id) == (4, 3)


def test_an_offer_never_runs_past_the_start(offering):
    _session, [(holder, booking_id), _], [(_first, first_client), _] = offering(starts_in=HOUR, offer_minutes=120)
    holder.post(f"/bookings/{booking_id}/cancel")
    [place] = places(first_client)
    assert place["offer_expires_at"] == place["session"]["starts_at"]


@pytest.mark.parametrize(("starts_in", "expected"), [(3 * DAY, "booked"), (12 * HOUR, "offered")])
def test_auto_until_hours_books_at_once_until_then_and_offers_after(offering, starts_in, expected):
    _session, [(holder, booking_id), _], [(_first, first_client), _] = offering(
        starts_in=starts_in, auto_until_hours=24
    )
    holder.post(f"/bookings/{booking_id}/cancel")
    if expected == "booked":
        assert places(first_client) == []
        assert [b["status"] for b in first_client.get("/bookings").get_json()["items"]] == ["active"]
    else:
        assert [p["status"] for p in places(first_client)] == ["offered"]


def test_a_paid_offer_taken_is_a_seat_held_for_payment(offering, seats, client):
    session, [(holder, booking_id), _], [(_first, first_client), _] = offering(price=50000)
    assert holder.post(f"/bookings/{booking_id}/cancel").status_code == 200
    path = api_path(offer_path(first_client))
    assert client.get(path).get_json()["price_text"]
    taken = client.post(f"{path}/accept")
    assert taken.status_code == 201, taken.get_json()
    assert taken.get_json()["status"] == "pending_payment" and taken.get_json()["hold_expires_at"]
    assert seats(session.id) == (2, 2)


def test_an_offer_taken_for_an_event_that_approves_bookings_is_a_request(offering, seats, client, priya_client, base):
    session, [(holder, booking_id), _], [(_first, first_client), _] = offering(price=50000)
    changed = priya_client.patch(f"{base}/events/{session.event_id}", json={"requires_approval": True})
    assert changed.status_code == 200, changed.get_json()
    assert holder.post(f"/bookings/{booking_id}/cancel").status_code == 200
    taken = client.post(f"{api_path(offer_path(first_client))}/accept")
    assert taken.status_code == 201, taken.get_json()
    assert taken.get_json()["status"] == "pending_approval" and taken.get_json()["hold_expires_at"]
    assert seats(session.id) == (2, 2)
    [request] = priya_client.get(f"{base}/approvals").get_json()["items"]
    assert request["booking_id"] == taken.get_json()["id"]


def test_the_offer_text_fits_one_part(app, offering):
    _session, [(holder, booking_id), _], _line = offering()
    holder.post(f"/bookings/{booking_id}/cancel")
    with app.app_context():
        offers = sa.select(OutboxMessage).where(
            OutboxMessage.type == "waitlist_offer", OutboxMessage.channel == "email"
        )
        [message] = db.session.scalars(offers).all()
        snapshot = message.payload["snapshot"]
    text = compose("waitlist_offer", snapshot, "https://book.example.com")
    assert encoding(text) == "gsm7" and length(text) <= 160, text
    assert snapshot["offer"]["url"] in text


@pytest.mark.parametrize("token", ["nope", "a" * 300, "eyJvIjoxfQ~forged~signature"])
def test_links_that_are_not_ours_are_a_json_404(client, token, assert_error):
    for response in (
        client.get(f"/waitlist/offers/{token}"),
        client.post(f"/waitlist/offers/{token}/accept"),
        client.post(f"/waitlist/offers/{token}/decline"),
    ):
        assert_error(response, 404, "offer_not_found")


def test_the_mode_and_its_settings_are_checked(make_session, priya, priya_client, base, assert_error):
    session = make_session(facilitator_id=priya.id)
    url = f"{base}/sessions/{session.id}"
    assert_error(priya_client.patch(url, json={"waitlist_mode": "lottery"}), 400, "validation_error", "waitlist_mode")
    assert_error(priya_client.patch(url, json={"offer_minutes": 0}), 400, "validation_error", "offer_minutes")
    assert_error(priya_client.patch(url, json={"auto_until_hours": -1}), 400, "validation_error", "auto_until_hours")
    shown = priya_client.patch(url, json={"waitlist_mode": "offer", "offer_minutes": 30, "auto_until_hours": 6})
    assert {k: shown.get_json()[k] for k in ("waitlist_mode", "offer_minutes", "auto_until_hours")} == {
        "waitlist_mode": "offer",
        "offer_minutes": 30,
        "auto_until_hours": 6,
    }


def test_the_offer_is_in_the_notification_centre_with_its_own_link(offering, drainer):
    _session, [(holder, booking_id), _], [(_first, first_client), _] = offering()
    holder.post(f"/bookings/{booking_id}/cancel")
    drainer("app")()
    notices = first_client.get("/me/notifications").get_json()["items"]
    [notice] = [n for n in notices if n["kind"] == "waitlist_offer"]
    assert notice["title"].startswith("A seat is offered to you")
    assert notice["link"] == offer_path(first_client) and "kept for you until" in notice["body"]


def test_a_group_is_offered_all_its_seats_at_once_and_declining_passes_them_on(
    make_session, priya, priya_client, base, people, seats, client
):
    session = make_session(capacity=3, starts_in=3 * DAY, facilitator_id=priya.id)
    priya_client.patch(f"{base}/sessions/{session.id}", json={"waitlist_mode": "offer"})
    booked = [(holder, book(holder, session.id)) for _account, holder in people(3)]
    (_g, group), (_s, single) = people(2)
    guests = [{"name": "Ana Silva", "email": "ana@example.com"}]
    assert group.post(f"/sessions/{session.id}/waitlist", json={"seats": 2, "guests": guests}).status_code == 201
    assert single.post(f"/sessions/{session.id}/waitlist").status_code == 201
    holder, booking_id = booked[0]
    holder.post(f"/bookings/{booking_id}/cancel")
    assert [p["status"] for p in places(group)] == ["waiting"]  # one seat free: the group's two are not
    assert [p["status"] for p in places(single)] == ["waiting"]  # and nobody behind it goes first
    holder, booking_id = booked[1]
    holder.post(f"/bookings/{booking_id}/cancel")
    assert [(p["status"], p["seats"]) for p in places(group)] == [("offered", 2)]
    assert seats(session.id) == (3, 3)
    taken = client.post(f"{api_path(offer_path(group))}/accept")
    assert taken.status_code == 201, taken.get_json()
    body = taken.get_json()
    assert (body["seats"], [g["name"] for g in body["guests"]]) == (2, ["Ana Silva"])
    assert seats(session.id) == (3, 3)


def test_a_group_declining_gives_both_seats_to_the_next(make_session, priya, priya_client, base, people, seats, client):
    session = make_session(capacity=2, starts_in=3 * DAY, facilitator_id=priya.id)
    priya_client.patch(f"{base}/sessions/{session.id}", json={"waitlist_mode": "offer"})
    [(holder, booking_id), (other, other_id)] = [(c, book(c, session.id)) for _a, c in people(2)]
    (_g, group), (_s, single) = people(2)
    assert group.post(f"/sessions/{session.id}/waitlist", json={"seats": 2}).status_code == 201
    assert single.post(f"/sessions/{session.id}/waitlist").status_code == 201
    holder.post(f"/bookings/{booking_id}/cancel")
    other.post(f"/bookings/{other_id}/cancel")
    assert client.post(f"{api_path(offer_path(group))}/decline").get_json() == {"status": "declined"}
    assert [p["status"] for p in places(single)] == ["offered"]
    assert seats(session.id) == (2, 1)  # one seat claimed for the single's offer, the other free again


def test_a_used_link_never_answers_a_later_offer(offering, client, people):
    # The place a link names is gone once answered; a later place (here the same session's) must never be it.
    session, [(holder, booking_id)], [(_first, first_client)] = offering(capacity=1, waiting=1)
    holder.post(f"/bookings/{booking_id}/cancel")
    used = api_path(offer_path(first_client))
    taken = client.post(f"{used}/accept")
    assert taken.status_code == 201, taken.get_json()
    [(_second, second_client)] = people(1)
    assert second_client.post(f"/sessions/{session.id}/waitlist").status_code == 201
    assert first_client.post(f"/bookings/{taken.get_json()['id']}/cancel").status_code == 200
    assert [p["status"] for p in places(second_client)] == ["offered"]
    assert client.get(used).status_code == 404
    replayed = client.post(f"{used}/decline")
    assert replayed.status_code == 404 and replayed.get_json()["error"]["code"] == "offer_not_found"
    assert [p["status"] for p in places(second_client)] == ["offered"]
    assert client.post(f"{api_path(offer_path(second_client))}/accept").status_code == 201


def test_a_link_names_one_offer_not_only_its_place(app, offering, client):
    # Signed for the same place but another offer time, or without one (as links were before): neither is it.
    _session, [(holder, booking_id), _], [(_first, first_client), _] = offering()
    holder.post(f"/bookings/{booking_id}/cancel")
    with app.app_context():
        entry = db.session.scalars(sa.select(WaitlistEntry).where(WaitlistEntry.offered_at.is_not(None))).one()
        other_time = offer_token(entry.id, entry.offered_at - timedelta(microseconds=1))
        signer = URLSafeSerializer(app.config["SECRET_KEY"], salt="waitlist-offer", signer_kwargs={"sep": "~"})
        timeless = signer.dumps({"o": entry.id})
    for token in (other_time, timeless):
        assert client.get(f"/waitlist/offers/{token}").status_code == 404
        refused = client.post(f"/waitlist/offers/{token}/decline")
        assert refused.status_code == 404 and refused.get_json()["error"]["code"] == "offer_not_found"
    assert [p["status"] for p in places(first_client)] == ["offered"]
    assert client.post(f"{api_path(offer_path(first_client))}/accept").status_code == 201

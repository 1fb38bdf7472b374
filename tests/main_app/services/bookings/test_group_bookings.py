"""Bookings for several people: seats taken all or none, guests named and told, one guest's seat given back to the
waiting list, the CRM and the facilitator's registrants; and a rush of groups that never oversells."""

import random
import threading
from datetime import UTC, datetime
from email import message_from_bytes, policy

import pytest
from icalendar import Calendar
from sqlalchemy import func, select

from main_app.extensions import db
from main_app.models import SEAT_HOLDING, Booking, EventSession
from main_app.services.emails.compose import compose

ANA = {"name": "Ana Silva", "email": "ana@example.com"}
BEN = {"name": "Ben Okafor", "email": "ben@example.com"}


def book_group(client, session_id: int, seats: int, guests=()):
    return client.post("/book", json={"session_id": session_id, "seats": seats, "guests": list(guests)})


def created(response) -> dict:
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def guest_mails(email_outbox, kind: str) -> list[dict]:
    return [m["payload"]["snapshot"] for m in email_outbox() if m["type"] == kind]


def test_three_seats_with_two_guests_in_one_booking(user_client, make_session, seats, outbox, email_outbox, user):
    session = make_session(capacity=5)
    booking = created(book_group(user_client, session.id, 3, [ANA, BEN]))
    assert booking["seats"] == 3
    assert [(g["name"], g["email"], g["status"]) for g in booking["guests"]] == [
        ("Ana Silva", "ana@example.com", "active"),
        ("Ben Okafor", "ben@example.com", "active"),
    ]
    assert booking["session"]["seats_left"] == 2
    assert seats(session.id) == (5, 3)
    [crm] = outbox()
    assert (crm["type"], crm["payload"]["data"]["seats"]) == ("booking_created", 3)
    assert crm["payload"]["data"]["guests"] == [ANA, BEN]
    assert "3 seats" in crm["payload"]["message"]
    told = guest_mails(email_outbox, "guest_confirmed")
    assert [m["to"]["email"] for m in told] == ["ana@example.com", "ben@example.com"]
    assert not any(user.name in str(m) for m in told)  # the booker's words go no further than the guests' names
    assert len(guest_mails(email_outbox, "guest_reminder")) == 2  # the 2-hour one each: the session is a day away
    assert user_client.get("/bookings").get_json()["items"][0]["guests"] == booking["guests"]


def test_the_bookers_reminder_choice_leaves_their_guests_reminders_queued(user_client, make_session, email_outbox):
    """The booker's choices (reminders, texts, WhatsApp) write their own reminders again, never their guests'."""
    session = make_session(capacity=5)
    created(book_group(user_client, session.id, 3, [ANA, BEN]))

    def pending(kind: str) -> list[str]:
        return sorted(
            m["payload"]["snapshot"]["to"]["email"]
            for m in email_outbox()
            if m["type"] == kind and m["status"] == "pending"
        )

    assert pending("guest_reminder") == [ANA["email"], BEN["email"]]
    for enabled in (False, True):
        assert user_client.patch("/auth/me", json={"reminders_enabled": enabled}).status_code == 200
        assert pending("guest_reminder") == [ANA["email"], BEN["email"]]


def test_a_guest_gets_their_own_calendar_entry_and_cannot_manage_the_booking(user_client, make_session, email_outbox):
    session = make_session()
    booking = created(book_group(user_client, session.id, 2, [ANA]))
    [snapshot] = guest_mails(email_outbox, "guest_confirmed")
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    built = compose(
        "guest_confirmed", snapshot, outbox_id="x1", sender="S <s@example.com>", web_url="http://w", stamp=stamp
    )
    message = message_from_bytes(built.as_bytes(), policy=policy.default)
    assert message["To"] == "Ana Silva <ana@example.com>"
    text = message.get_body(("plain",)).get_content()
    assert "A seat was booked for you" in text and "/bookings" not in text
    [ics] = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    [entry] = Calendar.from_ical(ics.get_content()).walk("VEVENT")
    assert str(entry["UID"]) == f"booking-{booking['id']}-guest-{booking['guests'][0]['id']}@w"


def test_each_guest_s_email_carries_their_own_seat_s_check_in_code(user_client, make_session, email_outbox):
    booking = created(book_group(user_client, make_session().id, 3, [ANA, BEN]))
    seats = user_client.get(f"/bookings/{booking['id']}/checkin").get_json()["seats"]
    shown = {seat["name"]: (seat["seat"], seat["code"]) for seat in seats}
    for kind in ("guest_confirmed", "guest_reminder"):
        told = {m["to"]["name"]: (m["checkin"]["seat"], m["checkin"]["code"]) for m in guest_mails(email_outbox, kind)}
        assert told == {"Ana Silva": shown["Ana Silva"], "Ben Okafor": shown["Ben Okafor"]}
    assert sorted(seat for seat, _code in told.values()) == [2, 3]
    [ben] = [m for m in guest_mails(email_outbox, "guest_confirmed") if m["to"]["name"] == "Ben Okafor"]
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    built = compose("guest_confirmed", ben, outbox_id="x2", sender="S <s@example.com>", web_url="http://w", stamp=stamp)
    message = message_from_bytes(built.as_bytes(), policy=policy.default)
    assert f"Check-in code: {shown['Ben Okafor'][1]}" in message.get_body(("plain",)).get_content()
    assert [p.get_content_type() for p in message.walk() if p.get_content_maintype() == "image"] == ["image/png"]


def test_seats_left_unnamed_are_guests_too(user_client, make_session, email_outbox):
    booking = created(book_group(user_client, make_session().id, 3, [{"name": "Ana", "email": ""}]))
    assert [(g["name"], g["email"]) for g in booking["guests"]] == [("Ana", None), ("Guest 2", None)]
    assert guest_mails(email_outbox, "guest_confirmed") == []  # nobody to write to


@pytest.mark.parametrize(
    "body, field",
    [
        ({"seats": 0}, "seats"),
        ({"seats": 51}, "seats"),
        ({"seats": "3"}, "seats"),
        ({"seats": 2, "guests": [ANA, BEN]}, "guests"),
        ({"seats": 2, "guests": [{"name": "  "}]}, "guests"),
        ({"seats": 2, "guests": [{"email": "ana@example.com"}]}, "guests"),
        ({"seats": 2, "guests": [{"name": "Ana", "email": "not-an-email"}]}, "guests"),
        ({"seats": 2, "guests": "Ana"}, "guests"),
    ],
)
def test_bad_seats_or_guests_are_400_and_write_nothing(
    user_client, make_session, seats, db_rows, assert_error, body, field
):
    session = make_session()
    before = db_rows()
    response = user_client.post("/book", json={"session_id": session.id, **body})
    assert_error(response, 400, "validation_error", field)
    assert db_rows() == before


def test_more_seats_than_one_booking_may_take_is_400(user_client, make_session, db_rows, assert_error):
    session = make_session(capacity=20)
    before = db_rows()
    assert_error(book_group(user_client, session.id, 7), 400, "validation_error", "seats")
    assert db_rows() == before


def test_not_enough_seats_is_409_with_the_number_left_and_writes_nothing(
    user_client, make_session, seats, db_rows, assert_error
):
    session = make_session(capacity=4, seats_taken=2)
    before = db_rows()
    error = assert_error(book_group(user_client, session.id, 3), 409, "not_enough_seats")
    assert error["details"] == {"seats_left": 2}
    assert "2" in error["message"]
    assert db_rows() == before
    created(book_group(user_client, session.id, 2))
    assert seats(session.id) == (4, 4)


def test_cancelling_one_guest_frees_one_seat_for_the_head_of_the_line(
    user_client, make_session, make_user, client_for, seats, outbox, email_outbox
):
    session = make_session(capacity=3)
    booking = created(book_group(user_client, session.id, 3, [ANA, BEN]))
    waiting = client_for(make_user(name="Wait Er"))
    assert waiting.post(f"/sessions/{session.id}/waitlist").status_code == 201
    ana = booking["guests"][0]["id"]
    answer = user_client.post(f"/bookings/{booking['id']}/guests/{ana}/cancel")
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert (body["seats"], [g["status"] for g in body["guests"]]) == (2, ["cancelled", "active"])
    assert seats(session.id) == (3, 3)  # the freed seat went to the line at once
    assert waiting.get("/bookings").get_json()["items"][0]["status"] == "active"
    [told] = guest_mails(email_outbox, "guest_cancelled")
    assert told["to"]["email"] == "ana@example.com"
    reminders = [m for m in email_outbox() if m["type"] == "guest_reminder" and m["status"] == "pending"]
    assert {m["payload"]["snapshot"]["to"]["email"] for m in reminders} == {"ben@example.com"}
    crm = [m for m in outbox() if m["type"] == "guest_cancelled"]
    assert [m["payload"]["data"]["guest"]["name"] for m in crm] == ["Ana Silva"]


def test_a_guest_cancelled_twice_or_unknown_or_of_someone_else(
    user_client, make_session, make_user, client_for, assert_error
):
    booking = created(book_group(user_client, make_session().id, 2, [ANA]))
    ana = booking["guests"][0]["id"]
    path = f"/bookings/{booking['id']}/guests"
    assert user_client.post(f"{path}/{ana}/cancel").status_code == 200
    assert_error(user_client.post(f"{path}/{ana}/cancel"), 409, "guest_cancelled")
    assert_error(user_client.post(f"{path}/999999/cancel"), 404, "guest_not_found")
    assert_error(client_for(make_user()).post(f"{path}/{ana}/cancel"), 404, "booking_not_found")


def test_a_cancelled_booking_gives_back_every_seat_and_its_guests_are_told(
    user_client, make_session, seats, outbox, email_outbox, assert_error
):
    session = make_session(capacity=5)
    booking = created(book_group(user_client, session.id, 3, [ANA, BEN]))
    assert user_client.post(f"/bookings/{booking['id']}/cancel").status_code == 200
    assert seats(session.id) == (5, 0)
    assert {m["to"]["email"] for m in guest_mails(email_outbox, "guest_cancelled")} == {ANA["email"], BEN["email"]}
    assert [m for m in email_outbox() if m["type"] == "guest_reminder" and m["status"] == "pending"] == []
    assert_error(
        user_client.post(f"/bookings/{booking['id']}/guests/{booking['guests'][0]['id']}/cancel"), 409, "not_active"
    )
    again = user_client.post(f"/bookings/{booking['id']}/reactivate")
    assert (again.status_code, again.get_json()["seats"]) == (200, 3)
    assert seats(session.id) == (5, 3)


def test_the_facilitator_sees_seats_and_guests(user_client, make_session, facilitator, client_for):
    session = make_session(capacity=5)
    booking = created(book_group(user_client, session.id, 3, [ANA]))
    fac = client_for(facilitator)
    base = f"/api/facilitator/{facilitator.id}/sessions/{session.id}"
    [row] = fac.get(f"{base}/registrants").get_json()["items"]
    assert (row["seats"], [g["name"] for g in row["guests"]]) == (3, ["Ana Silva", "Guest 2"])
    csv = fac.get(f"{base}/registrants.csv").get_data(as_text=True)
    assert '"3","Ana Silva <ana@example.com>; Guest 2"' in csv
    assert booking["id"] == row["booking_id"]


def test_a_group_waits_until_all_its_seats_are_free_and_nobody_behind_goes_first(
    user_client, make_session, make_user, client_for, seats
):
    session = make_session(capacity=3)
    holders = [client_for(make_user()) for _ in range(3)]
    mine = [created(h.post("/book", json={"session_id": session.id})) for h in holders]
    group = client_for(make_user(name="Group Lead"))
    single = client_for(make_user(name="Single"))
    joined = group.post(f"/sessions/{session.id}/waitlist", json={"seats": 2, "guests": [ANA]})
    assert joined.status_code == 201, joined.get_json()
    assert single.post(f"/sessions/{session.id}/waitlist").status_code == 201
    assert group.get("/bookings").get_json()["waiting"][0]["seats"] == 2
    holders[0].post(f"/bookings/{mine[0]['id']}/cancel")
    assert seats(session.id) == (3, 2)  # one free: the group of two keeps its place, the single behind waits
    assert single.get("/bookings").get_json()["items"] == []
    holders[1].post(f"/bookings/{mine[1]['id']}/cancel")
    [promoted] = group.get("/bookings").get_json()["items"]
    assert (promoted["status"], promoted["seats"], promoted["guests"][0]["name"]) == ("active", 2, "Ana Silva")
    assert seats(session.id) == (3, 3)


def test_a_group_may_join_the_line_while_fewer_seats_than_it_needs_are_free(user_client, make_session, assert_error):
    session = make_session(capacity=3, seats_taken=2)
    assert_error(user_client.post(f"/sessions/{session.id}/waitlist"), 409, "seats_available")
    joined = user_client.post(f"/sessions/{session.id}/waitlist", json={"seats": 2})
    assert (joined.status_code, joined.get_json()["status"]) == (201, "waiting")


@pytest.mark.both_databases
def test_fifty_groups_racing_for_forty_seats_never_oversell(app, make_session, make_user, client_for):
    session = make_session(capacity=40)
    sizes = [random.Random(n).randint(1, 4) for n in range(50)]
    clients = [client_for(make_user()) for _ in sizes]
    answers, start = [], threading.Barrier(len(clients))

    def attempt(client, size):
        start.wait()
        answers.append((size, book_group(client, session.id, size).status_code))

    threads = [threading.Thread(target=attempt, args=pair) for pair in zip(clients, sizes, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(answers) == 50 and {status for _, status in answers} <= {201, 409}
    won = sum(size for size, status in answers if status == 201)
    with app.app_context():
        taken = db.session.get(EventSession, session.id).seats_taken
        held = db.session.scalar(
            select(func.coalesce(func.sum(Booking.seats), 0)).where(
                Booking.session_id == session.id, Booking.status.in_(SEAT_HOLDING)
            )
        )
    assert taken == held == won <= 40
    assert taken > 40 - 4  # a refused group never leaves more seats free than the largest group that was refused


@pytest.mark.both_databases
def test_guests_and_the_whole_booking_cancelled_at_once_give_back_each_seat_once(
    app, user_client, make_session, make_user, client_for
):
    session = make_session(capacity=6)
    guests = [{"name": f"Guest {n}", "email": f"g{n}@example.com"} for n in range(3)]
    booking = created(book_group(user_client, session.id, 4, guests))
    waiting = client_for(make_user())
    assert waiting.post(f"/sessions/{session.id}/waitlist", json={"seats": 3}).status_code == 201
    paths = [f"/bookings/{booking['id']}/guests/{g['id']}/cancel" for g in booking["guests"]]
    paths.append(f"/bookings/{booking['id']}/cancel")
    answers, start = [], threading.Barrier(len(paths))

    def attempt(path):
        start.wait()
        answers.append(user_client.post(path).status_code)

    threads = [threading.Thread(target=attempt, args=(path,)) for path in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert set(answers) <= {200, 409} and answers.count(200) >= 1  # a guest's seat after the whole booking: 409
    with app.app_context():
        taken = db.session.get(EventSession, session.id).seats_taken
        held = db.session.scalar(
            select(func.coalesce(func.sum(Booking.seats), 0)).where(
                Booking.session_id == session.id, Booking.status.in_(SEAT_HOLDING)
            )
        )
    # Every seat given back exactly once, in whatever order: the booking holds none, the group waiting got its three.
    assert taken == held == 3

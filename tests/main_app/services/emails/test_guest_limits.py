"""Emails to guests go to addresses the booker typed: bounded per booker and per address (counted in the database),
never carrying the booker's words but the guest's name, and stopped for good by one click."""

from email import message_from_bytes, policy
from urllib.parse import urlsplit

import pytest
from racing import race

from main_app.delivery.outcomes import Claimed
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import GuestEmail
from main_app.services.emails.compose import compose

pytestmark = pytest.mark.both_databases

ANA = {"name": "Ana Silva", "email": "ana@example.com"}
BEN = {"name": "Ben Okafor", "email": "ben@example.com"}
GUEST_KINDS = ("guest_confirmed", "guest_cancelled", "guest_changed", "guest_reminder")


def book(client, session_id: int, guests) -> dict:
    answer = client.post("/book", json={"session_id": session_id, "seats": len(guests) + 1, "guests": guests})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def cancel(client, booking_id: int) -> None:
    assert client.post(f"/bookings/{booking_id}/cancel").status_code == 200


def to_guests(email_outbox) -> list[tuple[str, str]]:
    """(kind, address) of every email written to a guest, reminders aside."""
    return [
        (m["type"], m["payload"]["snapshot"]["to"]["email"])
        for m in email_outbox()
        if m["type"] in GUEST_KINDS and m["type"] != "guest_reminder"
    ]


@pytest.fixture
def limits(app):
    """Small limits for a test: set(booker_hour=..., address_hour=...)."""

    def set_limits(**given):
        for name, value in given.items():
            who, window = name.split("_")
            app.config[f"GUEST_EMAILS_PER_{who.upper()}_{window.upper()}"] = value

    return set_limits


def test_booking_and_cancelling_again_and_again_mails_each_address_within_its_limit(
    app, user_client, make_session, email_outbox, limits
):
    limits(address_hour=3)
    session = make_session(capacity=5)
    last = None
    for _ in range(10):  # the relay: book with guests, cancel, book again
        last = book(user_client, session.id, [ANA, BEN])
        cancel(user_client, last["id"])
    sent = to_guests(email_outbox)
    assert sorted(address for _kind, address in sent) == ["ana@example.com"] * 3 + ["ben@example.com"] * 3
    with app.app_context():
        assert db.session.query(GuestEmail).count() == 6  # counted as rows, so every worker sees them
    again = book(user_client, session.id, [ANA, BEN])  # the booking stands; the booker is told
    assert [guest["email_withheld"] for guest in again["guests"]] == ["limit", "limit"]
    [listed] = [b for b in user_client.get("/bookings").get_json()["items"] if b["id"] == again["id"]]
    assert [guest["email_withheld"] for guest in listed["guests"]] == ["limit", "limit"]
    assert len(to_guests(email_outbox)) == 6


def test_a_booker_is_bounded_whatever_addresses_they_type(user_client, make_session, email_outbox, limits):
    limits(booker_hour=5)
    guests = [{"name": f"G{n}", "email": f"target{n}@example.org"} for n in range(8)]
    first = book(user_client, make_session(capacity=5).id, guests[:4])
    second = book(user_client, make_session(capacity=5).id, guests[4:])
    assert [g["email_withheld"] for g in first["guests"] + second["guests"]] == [None] * 5 + ["limit"] * 3
    assert len(to_guests(email_outbox)) == 5
    reminded = {m["payload"]["snapshot"]["to"]["email"] for m in email_outbox() if m["type"] == "guest_reminder"}
    assert reminded == {f"target{n}@example.org" for n in range(5)}  # none to an address whose email was withheld


def test_a_guest_email_carries_no_words_of_the_booker_but_the_guest_name(
    make_user, client_for, make_session, email_outbox
):
    spammer = make_user(name="Cheap pills at spam.example", email="booker@example.com")
    book(client_for(spammer), make_session().id, [{"name": "Ana", "email": "ana@example.com"}])
    [message] = [m for m in email_outbox() if m["type"] == "guest_confirmed"]
    built = compose(
        "guest_confirmed",
        message["payload"]["snapshot"],
        outbox_id="x",
        sender="S <s@e.org>",
        web_url="http://w",
        stamp=message["created_at"],
    )
    mail = message_from_bytes(built.as_bytes(), policy=policy.default)
    said = " ".join([mail["Subject"], mail.get_body(("plain",)).get_content(), mail.get_body(("html",)).get_content()])
    assert "spam" not in said and "pills" not in said and "booker@" not in said
    assert "Ana" in said


def test_one_click_stops_every_guest_email_to_the_address(app, client, user_client, make_session, email_outbox):
    session = make_session()
    first = book(user_client, session.id, [ANA])
    [confirmed] = [m for m in email_outbox() if m["type"] == "guest_confirmed"]
    snapshot = confirmed["payload"]["snapshot"]
    built = compose(
        "guest_confirmed",
        snapshot,
        outbox_id="x",
        sender="S <s@e.org>",
        web_url="http://w",
        stamp=confirmed["created_at"],
    )
    assert built["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = urlsplit(built["List-Unsubscribe"].strip("<>"))
    assert snapshot["unsubscribe_page"] in built.as_string().replace("=\r\n", "").replace("=3D", "=")
    answer = client.post(f"{header.path}?{header.query}", data="List-Unsubscribe=One-Click")
    assert answer.status_code == 200 and answer.get_json() == {"unsubscribed": True}
    assert client.post(f"{header.path}?{header.query}").status_code == 200  # twice: the same
    assert client.post(f"{header.path}?token=forged").get_json()["error"]["code"] == "invalid_token"

    # A reminder written before the click is not sent when it comes due.
    [reminder] = [m for m in email_outbox() if m["type"] == "guest_reminder"]
    with app.app_context():
        lane = build_dispatcher(app.config, channel="email").client
        claimed = Claimed(reminder["id"], reminder["type"], reminder["payload"], 0)
        [prepared] = lane.prepare([claimed])
    assert prepared.payload["unsent"] == "the guest unsubscribed from these emails"
    assert lane.deliver(prepared.payload, reminder["id"]) == "skipped"

    # And nothing new is written to it, whoever books, however the address is written.
    cancel(user_client, first["id"])
    again = book(user_client, session.id, [{"name": "Ana", "email": "ANA@Example.com"}])
    assert again["guests"][0]["email_withheld"] == "unsubscribed"
    assert [kind for kind, _address in to_guests(email_outbox)] == ["guest_confirmed"]


def test_one_booker_booking_many_sessions_at_once_stays_within_the_limit(
    app, user_client, make_session, email_outbox, limits
):
    limits(booker_hour=6)
    sessions = [make_session(capacity=3).id for _ in range(8)]
    guests = [{"name": f"G{n}", "email": f"g{n}@example.org"} for n in range(2)]
    answers = race(
        [
            lambda sid=sid: user_client.post("/book", json={"session_id": sid, "seats": 3, "guests": guests})
            for sid in sessions
        ]
    )
    assert [answer.status_code for answer in answers] == [201] * 8  # every booking stands
    told = [g for answer in answers for g in answer.get_json()["guests"]]
    assert sum(g["email_withheld"] is None for g in told) == len(to_guests(email_outbox)) == 6
    with app.app_context():
        assert db.session.query(GuestEmail).count() == 6


def test_many_bookers_typing_one_address_at_once_mail_it_within_its_limit(
    app, people, make_session, email_outbox, limits
):
    limits(address_hour=3)
    bookers = people(8)
    sessions = [make_session(capacity=2).id for _ in bookers]
    answers = race(
        [
            lambda client=client, sid=sid: client.post("/book", json={"session_id": sid, "seats": 2, "guests": [ANA]})
            for (_account, client), sid in zip(bookers, sessions, strict=True)
        ]
    )
    assert [answer.status_code for answer in answers] == [201] * 8  # every booking stands
    told = [g for answer in answers for g in answer.get_json()["guests"]]
    assert sum(g["email_withheld"] is None for g in told) == len(to_guests(email_outbox)) == 3
    with app.app_context():
        assert db.session.query(GuestEmail).filter_by(address=ANA["email"]).count() == 3

"""The client book as a projection of the notifications: a scripted week of one client's gives exact figures, on
SQLite and PostgreSQL; a repeat changes nothing; a batch projects like /notify."""

import datetime as dt

import pytest
from client_book_payloads import GUESTS_EMAIL, PERSON, SLUG, booking, staff_token, typed
from crm_payloads import AUTH
from probes import count_statements

from crm_microservice.extensions import db

pytestmark = pytest.mark.both_databases

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
DAY = dt.timedelta(days=1)


def script() -> list[dict]:
    """Book, cancel late, no-show, check in, a pass bought and spent, paid, refunded, feedback, a guest brought."""
    t = NOW - 10 * DAY
    return [
        booking("booking_created", 1, NOW + 2 * DAY, t, instructor=201),
        booking("booking_created", 2, NOW - 1 * DAY, t),
        booking("booking_cancelled", 2, NOW - 1 * DAY, t + DAY, late_cancel=True),
        booking("booking_created", 3, NOW - 3 * DAY, t),
        typed("no_show", t + 2 * DAY, booking_id=3, seats=1),
        booking("booking_created", 4, NOW - 2 * DAY, t),
        typed("checked_in", t + 3 * DAY, booking_id=4, seat=1),
        typed(
            "pass_purchased",
            t + 4 * DAY,
            pass_id=9,
            name="10-class pack",
            kind="pack",
            credits_left=10,
            valid_until=(NOW + 30 * DAY).isoformat(),
            price=500_000,
            currency="INR",
        ),
        typed("credit_spent", t + 5 * DAY, pass_id=9, booking_id=1, credits=1, credits_left=9),
        typed("payment_succeeded", t + 5 * DAY, booking_id=1, amount_paid=150_000, currency="INR"),
        typed("refund_processed", t + 6 * DAY, booking_id=1, amount=150_000, currency="INR"),
        typed("feedback_received", t + 6 * DAY, booking_id=4, rating=5, guest_id=None, comment="", changed=False),
        booking("booking_created", 5, NOW + 3 * DAY, t, guests=[{"name": "Ravi", "email": GUESTS_EMAIL}]),
        booking("booking_created", 6, NOW - 4 * DAY, t),
        booking("booking_cancelled", 6, NOW - 4 * DAY, t + DAY, late_cancel=False),
    ]


EXPECTED = {
    "name": PERSON["name"],
    "email": PERSON["email"],
    "phone": PERSON["phone"],
    "bookings": 6,
    "visits": 1,
    "no_shows": 1,
    "late_cancels": 1,
    "feedback_given": 1,
    "bookings_ahead": 2,
    "active_passes": 1,
    "credits_left": 9,
    "membership": "none",
    "money": [{"currency": "INR", "spent": 650_000, "refunded": 150_000}],
}


def _send(client, payloads) -> list[int]:
    return [client.post("/notify", json=p, headers=AUTH).status_code for p in payloads]


def _only_client(client) -> dict:
    page = client.get(f"/api/studios/{SLUG}/clients", headers=staff_token("owner")).get_json()
    people = [item for item in page["items"] if not item["guest"]]
    assert len(people) == 1, page
    return client.get(f"/api/studios/{SLUG}/clients/{people[0]['id']}", headers=staff_token("owner")).get_json()


def test_a_scripted_sequence_gives_exact_figures(app):
    client = app.test_client()
    payloads = script()
    assert _send(client, payloads) == [201] * len(payloads)

    profile = _only_client(client)

    assert {key: profile[key] for key in EXPECTED} == EXPECTED
    visit = (NOW - 2 * DAY).isoformat()
    assert profile["first_visit_at"] == profile["last_visit_at"] == visit
    assert profile["passes"][0] | {"valid_until": None} == {
        "pass_id": 9,
        "name": "10-class pack",
        "kind": "pack",
        "credits_left": 9,
        "valid_until": None,
        "status": "active",
    }
    assert profile["timeline"]["total"] == len(payloads)
    assert profile["timeline"]["items"][0]["type"] == "booking_cancelled"  # newest first


def test_a_repeated_notification_changes_nothing(app):
    client = app.test_client()
    payloads = script()
    _send(client, payloads)
    before = _only_client(client)

    assert _send(client, payloads) == [200] * len(payloads)

    assert _only_client(client) == before


def test_a_batch_projects_as_notify_does(app):
    client = app.test_client()
    payloads = script()
    answer = client.post("/notify/batch", json={"notifications": payloads}, headers=AUTH)
    assert answer.status_code == 200 and answer.get_json()["stored"] == len(payloads)

    profile = _only_client(client)

    assert {key: profile[key] for key in EXPECTED} == EXPECTED


def test_order_of_arrival_does_not_change_the_figures(app):
    """A retried message can arrive after a later one: the newest state of each booking wins."""
    client = app.test_client()
    _send(client, list(reversed(script())))

    profile = _only_client(client)

    assert {key: profile[key] for key in EXPECTED} == EXPECTED


def test_a_guest_with_an_email_becomes_a_client(app):
    client = app.test_client()
    _send(client, script())

    page = client.get(f"/api/studios/{SLUG}/clients", headers=staff_token("owner")).get_json()
    guests = [item for item in page["items"] if item["guest"]]

    assert [(g["email"], g["name"], g["guest_bookings"], g["visits"]) for g in guests] == [(GUESTS_EMAIL, "Ravi", 1, 0)]


def test_attendance_corrections_move_a_visit(app):
    client = app.test_client()
    t = NOW - 5 * DAY
    _send(
        client,
        [
            booking("booking_created", 1, NOW - DAY, t),
            typed("no_show", t + DAY, booking_id=1),
            typed("attendance_attended", t + 2 * DAY, booking_id=1),
        ],
    )
    assert (_only_client(client)["visits"], _only_client(client)["no_shows"]) == (1, 0)
    _send(client, [typed("attendance_no_show", t + 3 * DAY, booking_id=1)])
    assert (_only_client(client)["visits"], _only_client(client)["no_shows"]) == (0, 1)


def test_notifications_of_no_studio_or_about_staff_make_no_client(app):
    client = app.test_client()
    t = NOW - DAY
    _send(
        client,
        [
            booking("booking_created", 1, NOW, t, studio=None),
            typed("event_updated", t, user_id=300),
            typed("user_registered", t, studio=None),
        ],
    )

    page = client.get(f"/api/studios/{SLUG}/clients", headers=staff_token("owner")).get_json()

    assert page["total"] == 0


def test_a_client_an_import_brought_is_in_the_book_with_their_details_before_any_booking(app):
    person = {"id": 456, "name": "Asha Rao", "email": "asha@example.com", "phone": "+919812345678"}
    payloads = [typed("client_imported", NOW, user=person), typed("client_imported", NOW, user=person | {"id": 7})]

    assert _send(app.test_client(), payloads[:1]) == [201]

    profile = _only_client(app.test_client())
    assert (profile["name"], profile["email"], profile["phone"], profile["bookings"]) == (
        "Asha Rao", "asha@example.com", "+919812345678", 0
    )  # fmt: skip
    _send(app.test_client(), payloads[1:])  # data.user about someone else: their details are not taken
    assert _only_client(app.test_client())["name"] == "Asha Rao"


def test_a_booking_message_naming_no_booking_still_makes_the_client(app):
    payload = typed("booking_created", NOW) | {"data": {}}

    answer = app.test_client().post("/notify", json=payload, headers=AUTH)

    assert answer.status_code == 201
    assert _only_client(app.test_client())["bookings"] == 0


@pytest.mark.parametrize("bad", [{"amount_paid": "lots"}, {"session": "tomorrow"}, {"rating": 9}], ids=str)
def test_bad_client_facts_are_a_400_naming_the_field(app, bad):
    payload = typed("payment_succeeded", NOW, booking_id=1, currency="INR") | {"data": bad}
    if "session" in bad:
        payload = booking("booking_created", 1, NOW, NOW) | {"data": bad}

    answer = app.test_client().post("/notify", json=payload, headers=AUTH)

    assert answer.status_code == 400
    assert any(field.startswith("data.") for field in answer.get_json()["error"]["details"])


def test_the_json_store_keeps_no_client_book(json_app):
    answer = json_app.test_client().get(f"/api/studios/{SLUG}/clients", headers=staff_token("owner"))

    assert answer.status_code == 501 and answer.get_json()["error"]["code"] == "client_book_unavailable"


def test_notify_stays_cheap(app):
    """The projection adds at most two statements to a booking's news (PostgreSQL: the client, then the fact with the
    recount of that client's own bookings; SQLite: the fact, then the client with its figures), none to a
    notification about no client, and a repeat still runs none of them."""
    client = app.test_client()
    with app.app_context():
        engine = db.engine
    first = booking("booking_created", 1, NOW, NOW)
    cases = (
        (typed("event_updated", NOW, user_id=300), 1),
        (first, 3),
        (typed("checked_in", NOW, booking_id=1), 3),
        (typed("payment_succeeded", NOW, booking_id=1, amount_paid=5, currency="INR"), 3),
        (first, 2),  # the repeat: its INSERT refused, then the stored one read
    )
    for payload, expected in cases:
        answer, count = count_statements(engine, lambda p=payload: client.post("/notify", json=p, headers=AUTH))
        assert answer.status_code in (200, 201) and count == expected, (payload["type"], count)

"""Children as clients of their own in the client book: a booking of a child's seat counts in the child's figures,
not their guardian's, whatever order its news comes in; the child's page names their guardians and a guardian's
their children; a child is sent no marketing and merged with nobody; erased, their name leaves the book, and come
of age their rows become their own account's. On SQLite and PostgreSQL."""

import datetime as dt
import threading

import pytest
from client_book_payloads import SLUG, booking, staff_token, typed
from crm_payloads import AUTH

pytestmark = pytest.mark.both_databases

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
DAY = dt.timedelta(days=1)
PRIYA = {"id": 456, "name": "Priya Rao", "email": "priya@example.com"}
ARJUN = {"id": 457, "name": "Arjun Rao", "email": "arjun@example.com"}  # the second guardian
ASHA = {"id": 31, "name": "Asha Rao", "family_id": 9, "guardians": [456, 457]}
ROUNDS = 60


def _owner() -> dict:
    """The owner's token, minted when asked: one minted at import may have lapsed by the time a test runs."""
    return staff_token("owner")


def _post(client, *payloads) -> None:
    for payload in payloads:
        answer = client.post("/notify", json=payload, headers=AUTH)
        assert answer.status_code == 201, answer.json


def _client(client, name: str, headers=None) -> dict:
    headers = headers or _owner()
    listed = client.get(f"/api/studios/{SLUG}/clients", query_string={"q": name}, headers=headers).json["items"]
    found = [item for item in listed if item["name"] == name]
    assert len(found) == 1, listed
    return client.get(f"/api/studios/{SLUG}/clients/{found[0]['id']}", headers=headers).json


def _childs_seat(kind: str, booking_id: int, starts_at, at, **data) -> dict:
    payload = booking(kind, booking_id, starts_at, at, dependent=ASHA, **{"user": PRIYA} | data)
    payload["message"] = f"Priya Rao booked a seat for Asha Rao ({booking_id})"
    return payload


def test_a_childs_seat_counts_as_the_childs_and_their_pages_name_each_other(app):
    client = app.test_client()
    past, ahead = NOW - 2 * DAY, NOW + 3 * DAY
    _post(
        client,
        booking("booking_created", 1, past, NOW - 5 * DAY, user=PRIYA),  # Priya's own class
        # The check-in of Asha's seat comes before its booking's news: it is counted as hers all the same.
        typed("checked_in", NOW - 2 * DAY, booking_id=2, user_id=456, dependent={"id": 31}),
        _childs_seat("booking_created", 2, past, NOW - 4 * DAY),
        _childs_seat("booking_created", 3, ahead, NOW - DAY, user=ARJUN),  # booked by the second guardian
    )
    asha, priya = _client(client, "Asha Rao"), _client(client, "Priya Rao")
    assert asha["child"] is True and asha["guest"] is False and asha["email"] is None and asha["user_id"] is None
    assert (asha["bookings"], asha["visits"], asha["bookings_ahead"]) == (2, 1, 1)
    assert (priya["bookings"], priya["visits"], priya["bookings_ahead"]) == (1, 0, 0) and priya["child"] is False
    assert [g["name"] for g in asha["family"]["guardians"]] == ["Arjun Rao", "Priya Rao"]
    assert asha["family"]["children"] == []
    assert priya["family"]["children"] == [{"id": asha["id"], "name": "Asha Rao"}]
    assert [g["name"] for g in priya["family"]["guardians"]] == ["Arjun Rao"]  # the family's other guardian
    # Her timeline: the news of her seats, whichever guardian booked them; Priya's own class is not in it.
    assert sorted(entry["booking_id"] for entry in asha["timeline"]["items"]) == [2, 2, 3]

    _post(client, _childs_seat("booking_cancelled", 3, ahead, NOW))
    assert (_client(client, "Asha Rao")["bookings_ahead"], _client(client, "Priya Rao")["bookings_ahead"]) == (0, 0)


def test_a_guardian_who_left_the_family_no_longer_names_its_children(app):
    client = app.test_client()
    _post(client, _childs_seat("booking_created", 1, NOW + DAY, NOW - DAY, user=ARJUN))
    assert _client(client, "Arjun Rao")["family"]["children"][0]["name"] == "Asha Rao"
    left = dict(ASHA, guardians=[456])
    _post(client, booking("booking_created", 2, NOW + DAY, NOW, user=PRIYA, dependent=left))
    assert _client(client, "Arjun Rao")["family"] is None
    assert [g["name"] for g in _client(client, "Asha Rao")["family"]["guardians"]] == ["Priya Rao"]


def test_an_instructor_sees_the_child_in_their_class(app):
    client = app.test_client()
    _post(client, _childs_seat("booking_created", 1, NOW + DAY, NOW - DAY, instructor=201))
    names = client.get(f"/api/studios/{SLUG}/clients", headers=staff_token("instructor", 201)).json["items"]
    assert sorted(item["name"] for item in names) == ["Asha Rao", "Priya Rao"]
    elsewhere = client.get(f"/api/studios/{SLUG}/clients", headers=staff_token("instructor", 202)).json["items"]
    assert elsewhere == []


def test_a_child_is_sent_no_marketing_and_merged_with_nobody(app):
    client = app.test_client()
    _post(client, _childs_seat("booking_created", 1, NOW + DAY, NOW - DAY))
    asha, priya = _client(client, "Asha Rao"), _client(client, "Priya Rao")
    base = f"/api/studios/{SLUG}/clients"
    consent = client.put(
        f"{base}/{asha['id']}/consent", json={"marketing": True, "how": "at the desk"}, headers=_owner()
    )
    assert consent.status_code == 409 and consent.json["error"]["code"] == "child_client"
    for merged, into in ((asha, priya), (priya, asha)):
        answer = client.post(f"{base}/{merged['id']}/merge", json={"into": into["id"]}, headers=_owner())
        assert answer.status_code == 409 and answer.json["error"]["code"] == "child_client"
    assert _client(client, "Asha Rao")["consent"]["marketing"] is None


def test_an_erased_child_keeps_their_figures_without_their_name(app):
    client = app.test_client()
    _post(client, _childs_seat("booking_created", 1, NOW - DAY, NOW - 2 * DAY))
    asha = _client(client, "Asha Rao")
    note = client.post(f"/api/studios/{SLUG}/clients/{asha['id']}/notes", json={"text": "Shy"}, headers=_owner())
    assert note.status_code == 201
    _post(client, typed("dependent_erased", NOW, user_id=None, studio=None, dependent={"id": 31}))
    gone = client.get(f"/api/studios/{SLUG}/clients/{asha['id']}", headers=_owner()).json
    assert (gone["name"], gone["bookings"], gone["notes"]) == ("Deleted child", 1, [])
    said = client.get("/notifications", query_string={"booking_id": 1}, headers=AUTH).json["items"]
    assert said and all("Asha" not in str(item) for item in said)
    assert "Priya Rao" in said[0]["message"]


def test_a_child_come_of_age_takes_their_row_and_history_to_their_account(app):
    client = app.test_client()
    _post(
        client,
        _childs_seat("booking_created", 1, NOW - DAY, NOW - 2 * DAY),
        typed("checked_in", NOW - DAY, booking_id=1, user_id=456, dependent={"id": 31}),
        _childs_seat("booking_created", 2, NOW + DAY, NOW - DAY),
    )
    before = _client(client, "Asha Rao")
    grown = {"id": 900, "name": "Asha Rao", "email": "asha@example.com"}
    _post(client, typed("dependent_grown", NOW, user_id=900, dependent={"id": 31}, user=grown))
    after = client.get(f"/api/studios/{SLUG}/clients/{before['id']}", headers=_owner()).json
    assert (after["user_id"], after["email"], after["child"]) == (900, "asha@example.com", False)
    assert (after["bookings"], after["visits"], after["bookings_ahead"]) == (2, 1, 1)
    assert sorted(entry["booking_id"] for entry in after["timeline"]["items"]) == [1, 1, 2]
    # Their seat's later news comes as their own: counted once, on their row.
    _post(client, booking("booking_cancelled", 2, NOW + DAY, NOW, user=grown))
    after = client.get(f"/api/studios/{SLUG}/clients/{before['id']}", headers=_owner()).json
    assert (after["bookings"], after["bookings_ahead"], after["late_cancels"]) == (2, 0, 0)
    assert _client(client, "Priya Rao")["family"]["children"] == []


def test_an_erasure_in_the_same_batch_as_the_news_naming_them_still_erases_them(app):
    """A batch's writes run by client (their lock order): an erasure, which names no studio, would have run before
    the news of the same batch made the rows it erases."""
    client = app.test_client()
    items = [
        _childs_seat("booking_created", 1, NOW + DAY, NOW - DAY),
        typed("dependent_erased", NOW, user_id=None, studio=None, dependent={"id": 31}),
        typed("person_erased", NOW, user_id=456, studio=None),
    ]
    answer = client.post("/notify/batch", json={"notifications": items}, headers=AUTH)
    assert answer.status_code == 200 and answer.json["stored"] == 3, answer.json
    listed = client.get(f"/api/studios/{SLUG}/clients", headers=_owner()).json["items"]
    assert sorted(item["name"] for item in listed) == ["Deleted account", "Deleted child"]


def test_a_childs_news_and_their_session_moved_at_once_wait_for_each_other_and_count_exactly(app):
    """A child's news locks the booker's row and the child's, lowest id first, as a moved session locks its clients':
    on PostgreSQL the two wait for each other (never a deadlock, never a 500), and the figures end as counted once."""
    client = app.test_client()
    start = NOW - DAY
    seats = [
        # Arjun booked her seat: her row's id is below Priya's, whose news of it locks Priya's row first unless
        # it takes both in id order.
        _childs_seat("booking_created", 1, start, NOW - 3 * DAY, user=ARJUN),
        booking("booking_created", 2, start, NOW - 3 * DAY, user=PRIYA),
    ]
    for seat in seats:
        seat["session_id"] = seat["data"]["session"]["id"] = 10
    _post(client, *seats)
    barrier, answers = threading.Barrier(2), []

    def checkins():
        barrier.wait()
        for n in range(ROUNDS):
            kind = "checked_in" if n % 2 == 0 else "checkin_undone"
            for booking_id, child in ((1, {"dependent": {"id": 31}}), (2, {})):
                payload = typed(kind, NOW - DAY + n * dt.timedelta(seconds=1), booking_id=booking_id, **child)
                payload["session_id"] = 10
                answers.append(app.test_client().post("/notify", json=payload, headers=AUTH).status_code)

    def moves():
        barrier.wait()
        for n in range(ROUNDS):
            session = {"id": 10, "starts_at": (start - n * dt.timedelta(hours=1)).isoformat(), "instructor_id": 201}
            payload = typed(
                "session_updated", NOW - DAY + n * dt.timedelta(seconds=1), user_id=101, session_id=10, session=session
            )
            answers.append(app.test_client().post("/notify", json=payload, headers=AUTH).status_code)

    threads = [threading.Thread(target=work) for work in (checkins, moves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert answers == [201] * (3 * ROUNDS)
    asha, priya = _client(client, "Asha Rao"), _client(client, "Priya Rao")
    assert (asha["bookings"], asha["visits"], priya["bookings"], priya["visits"]) == (
        1,
        0,
        1,
        0,
    )  # each check-in undone
    assert asha["first_visit_at"] is None

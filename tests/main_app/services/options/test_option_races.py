"""Room options under a race, on both databases: an option's seats and the session's total are never exceeded, and
both always equal the seats their bookings hold."""

import pytest
from racing import race
from room_options import option_named

pytestmark = pytest.mark.both_databases


def book_in(client, session_id: int, option_id: int):
    return client.post("/bookings/book", json={"session_id": session_id, "option_id": option_id}).status_code


def test_thirty_people_race_for_an_option_of_four_inside_a_session_of_sixteen(
    make_retreat, people, option_seats, held_by_bookings
):
    session = make_retreat(capacity=16, options=(("Private room", 0, 4), ("Shared twin", 0, 12)))
    private = option_named(session, "Private room")
    clients = [client for _account, client in people(30)]
    answers = race([lambda c=c: book_in(c, session["id"], private["id"]) for c in clients])
    assert sorted(answers) == [201] * 4 + [409] * 26
    assert option_seats(session["id"]) == {"Private room": 4, "Shared twin": 0, None: 4}
    assert held_by_bookings(session["id"]) == {private["id"]: 4, None: 4}


def test_two_options_and_the_sessions_total_compete(make_retreat, people, option_seats, held_by_bookings):
    session = make_retreat(capacity=12, options=(("North wing", 0, 10), ("South wing", 0, 10)))
    north, south = option_named(session, "North wing"), option_named(session, "South wing")
    clients = [client for _account, client in people(30)]
    calls = [lambda c=c, n=n: book_in(c, session["id"], (north, south)[n % 2]["id"]) for n, c in enumerate(clients)]
    answers = race(calls)
    assert sorted(answers) == [201] * 12 + [409] * 18  # the session's capacity caps the two options together
    seats = option_seats(session["id"])
    assert seats[None] == 12 and seats["North wing"] <= 10 and seats["South wing"] <= 10
    assert seats["North wing"] + seats["South wing"] == 12
    held = held_by_bookings(session["id"])
    assert (held[north["id"]], held[south["id"]], held[None]) == (seats["North wing"], seats["South wing"], 12)


def test_cancellations_racing_bookings_give_each_seat_back_once(make_retreat, people, option_seats, held_by_bookings):
    session = make_retreat(capacity=6, options=(("Tent", 0, 3), ("Dorm", 0, 6)))
    tent = option_named(session, "Tent")
    first = [client for _account, client in people(3)]
    bookings = [c.post("/book", json={"session_id": session["id"], "option_id": tent["id"]}).get_json() for c in first]
    later = [client for _account, client in people(6)]
    cancels = [
        lambda c=c, b=b: c.post(f"/bookings/{b['id']}/cancel").status_code for c, b in zip(first, bookings, strict=True)
    ]
    answers = race(cancels + [lambda c=c: book_in(c, session["id"], tent["id"]) for c in later])
    seats, held = option_seats(session["id"]), held_by_bookings(session["id"])
    # Whoever came after a cancellation got its seat; whoever came before found the tent full.
    assert seats["Tent"] == held.get(tent["id"], 0) == seats[None] == held[None] == answers.count(201) <= 3

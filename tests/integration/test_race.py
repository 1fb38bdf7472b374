"""Many people reach for the last seats at once, through the real server."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
import requests
from sqlalchemy import select

from main_app.models import Booking

pytestmark = [pytest.mark.integration, pytest.mark.both_databases]


def test_fifty_concurrent_bookings_for_five_seats(shared_stack, db_backend):
    stack = shared_stack(db_backend)
    session_id = stack.add_session(capacity=5, title="Fifty For Five")
    tokens = [stack.login(email) for email in stack.add_users(50)]
    barrier = Barrier(len(tokens))

    def attempt(token):
        barrier.wait()  # release all requests at the same moment
        with requests.Session() as http:
            response = http.post(
                f"{stack.main_url}/bookings/book",
                json={"session_id": session_id},
                headers={"Authorization": f"Bearer {token}"},
                timeout=60,
            )
        return response.status_code, response.json()

    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        results = list(pool.map(attempt, tokens))

    statuses = sorted(status for status, _ in results)
    assert statuses.count(201) == 5, statuses
    assert statuses.count(409) == 45, statuses
    assert {body["error"]["code"] for status, body in results if status == 409} == {"session_full"}

    event = requests.get(f"{stack.main_url}/events", params={"q": "Fifty For Five"}, timeout=5).json()["items"][0]
    assert event["sessions"][0]["seats_left"] == 0
    assert event["sessions"][0]["seats_taken"] == 5


ROUNDS = 3


def _caller(stack):
    def call(method: str, path: str, token: str, **kwargs) -> requests.Response:
        return requests.request(
            method, f"{stack.main_url}{path}", headers={"Authorization": f"Bearer {token}"}, timeout=60, **kwargs
        )

    return call


def _all_at_once(call, jobs) -> list[int]:
    """Run (method, path, token, kwargs) jobs released at the same moment; their status codes, sorted."""
    barrier = Barrier(len(jobs))

    def run(job):
        method, path, token, kwargs = job
        barrier.wait()
        return call(method, path, token, **kwargs).status_code

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return sorted(pool.map(run, jobs))


def test_cancellations_and_joins_at_once_keep_the_line_first_come_first_served(shared_stack, db_backend):
    """5 seats, 5 booked, 20 waiting; then, round after round, the 5 holders cancel while 10 more join."""
    stack = shared_stack(db_backend)
    session_id = stack.add_session(capacity=5)
    tokens = stack.issue_tokens(stack.add_users(5 + 20 + 10 * ROUNDS))
    call = _caller(stack)
    holders, line, newcomers = tokens[:5], tokens[5:25], tokens[25:]
    bookings = {t: call("POST", "/bookings/book", t, json={"session_id": session_id}).json()["id"] for t in holders}
    for n, token in enumerate(line, start=1):
        assert call("POST", f"/sessions/{session_id}/waitlist", token).json()["position"] == n

    def mine(token) -> dict:
        return call("GET", "/bookings", token).json()

    promoted_so_far = set()
    for round_ in range(ROUNDS):
        late = newcomers[10 * round_ : 10 * (round_ + 1)]
        jobs = [("POST", f"/bookings/{bookings[t]}/cancel", t, {"json": {}}) for t in holders]
        jobs += [("POST", f"/sessions/{session_id}/waitlist", t, {}) for t in late]
        assert _all_at_once(call, jobs) == [200] * 5 + [201] * 10

        # The five heads of the line hold the seats, each once; the rest kept its order, the late ones after it.
        heads, line = line[:5], line[5:]
        for token in heads:
            body = mine(token)
            [booking] = [b for b in body["items"] if b["status"] == "active"]
            assert booking["session_id"] == session_id and body["waiting"] == []
            bookings[token] = booking["id"]
        assert not promoted_so_far & set(heads)
        promoted_so_far |= set(heads)
        assert [mine(t)["waiting"][0]["position"] for t in line] == list(range(1, len(line) + 1))
        late_positions = sorted(mine(t)["waiting"][0]["position"] for t in late)
        assert late_positions == list(range(len(line) + 1, len(line) + 11))
        line += sorted(late, key=lambda t: mine(t)["waiting"][0]["position"])
        holders = heads  # the next round, they give their seats back
        event = requests.get(f"{stack.main_url}/events/{stack_event_id(stack, session_id)}", timeout=5).json()
        [session] = event["sessions"]
        assert (session["seats_taken"], session["waiting"]) == (5, len(line))

    booked_here = {row["id"] for row in stack.rows(select(Booking.id).where(Booking.session_id == session_id))}
    promotions = [m for m in stack.outbox() if m["type"] == "waitlist_promoted" and m["booking_id"] in booked_here]
    assert len(promotions) == 5 * ROUNDS  # one each, nobody twice


def stack_event_id(stack, session_id: int) -> int:
    for event in requests.get(f"{stack.main_url}/events", params={"per_page": 100}, timeout=5).json()["items"]:
        if any(s["id"] == session_id for s in event["sessions"]):
            return event["id"]
    raise AssertionError(f"session {session_id} is in no listed event")


def test_a_capacity_raise_racing_cancellations_fills_every_seat_from_the_head_of_the_line(shared_stack, db_backend):
    """5 seats, 5 booked, 20 waiting; 3 cancel while the facilitator raises the capacity to 8, at once."""
    stack = shared_stack(db_backend)
    session_id = stack.add_session(capacity=5)
    tokens = stack.issue_tokens(stack.add_users(25))
    call = _caller(stack)
    holders, line = tokens[:5], tokens[5:]
    bookings = [call("POST", "/bookings/book", t, json={"session_id": session_id}).json()["id"] for t in holders]
    for token in line:
        assert call("POST", f"/sessions/{session_id}/waitlist", token).status_code == 201
    facilitator = stack.facilitator_token(session_id)
    facilitator_id = call("GET", "/auth/me", facilitator).json()["id"]
    jobs = [("POST", f"/bookings/{b}/cancel", t, {"json": {}}) for b, t in zip(bookings[:3], holders[:3], strict=True)]
    jobs.append(
        ("PATCH", f"/api/facilitator/{facilitator_id}/sessions/{session_id}", facilitator, {"json": {"capacity": 8}})
    )
    assert _all_at_once(call, jobs) == [200] * 4

    # 2 still booked + 6 promoted = 8, the six first in line, in order; the other fourteen keep theirs.
    for token in line[:6]:
        assert [b["status"] for b in call("GET", "/bookings", token).json()["items"]] == ["active"]
    positions = [call("GET", "/bookings", t).json()["waiting"][0]["position"] for t in line[6:]]
    assert positions == list(range(1, 15))
    [session] = requests.get(f"{stack.main_url}/events/{stack_event_id(stack, session_id)}", timeout=5).json()[
        "sessions"
    ]
    assert (session["capacity"], session["seats_taken"], session["seats_left"], session["waiting"]) == (8, 8, 0, 14)

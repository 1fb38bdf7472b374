"""Many people reach for the last seats at once, through the real server."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
import requests

pytestmark = pytest.mark.integration


def test_fifty_concurrent_bookings_for_five_seats(start_stack, db_backend):
    stack = start_stack(db_backend)
    session_id = stack.add_session(capacity=5)
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

    event = requests.get(f"{stack.main_url}/events", params={"q": "Integration Retreat"}, timeout=5).json()["items"][0]
    assert event["sessions"][0]["seats_left"] == 0
    assert event["sessions"][0]["seats_taken"] == 5


def test_cancellations_and_joins_at_once_keep_the_line_first_come_first_served(start_stack, db_backend):
    stack = start_stack(db_backend)
    session_id = stack.add_session(capacity=5)
    tokens = stack.issue_tokens(stack.add_users(35))
    holders, line, late = tokens[:5], tokens[5:25], tokens[25:]

    def call(method: str, path: str, token: str, **kwargs) -> requests.Response:
        return requests.request(
            method, f"{stack.main_url}{path}", headers={"Authorization": f"Bearer {token}"}, timeout=60, **kwargs
        )

    bookings = [
        call("POST", "/bookings/book", token, json={"session_id": session_id}).json()["id"] for token in holders
    ]
    for n, token in enumerate(line, start=1):
        assert call("POST", f"/sessions/{session_id}/waitlist", token).json()["position"] == n
    # Five give their seats back while ten more join, all at the same moment.
    jobs = [("POST", f"/bookings/{b}/cancel", t, {"json": {}}) for b, t in zip(bookings, holders, strict=True)]
    jobs += [("POST", f"/sessions/{session_id}/waitlist", t, {}) for t in late]
    barrier = Barrier(len(jobs))

    def run(job):
        method, path, token, kwargs = job
        barrier.wait()
        return call(method, path, token, **kwargs).status_code

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        assert sorted(pool.map(run, jobs)) == [200] * 5 + [201] * 10

    def mine(token) -> dict:
        return call("GET", "/bookings", token).json()

    # The heads of the line hold the five seats, each once; the rest of the line kept its order, the late ones after.
    for token in line[:5]:
        body = mine(token)
        assert [(b["status"], b["session_id"]) for b in body["items"]] == [("active", session_id)]
        assert body["waiting"] == []
    assert [mine(token)["waiting"][0]["position"] for token in line[5:]] == list(range(1, 16))
    assert sorted(mine(token)["waiting"][0]["position"] for token in late) == list(range(16, 26))
    event = requests.get(f"{stack.main_url}/events", params={"q": "Integration Retreat"}, timeout=5).json()["items"][0]
    assert event["sessions"][0]["seats_taken"] == 5

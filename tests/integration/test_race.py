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

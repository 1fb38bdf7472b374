"""Reconciliation after a kill -9 rush, against the real processes: many bookings, cancellations and check-ins at
once while the CRM and the dispatcher are killed with SIGKILL and started again; once the outbox has drained, the
client book the CRM projected agrees with the main API's records to the last figure."""

import itertools
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
import requests
import sqlalchemy as sa
from live_stack import FAST_HASH_METHOD, Stack, wait_for
from werkzeug.security import generate_password_hash

from main_app.models import ROLE_ADMIN, Booking, Checkin, Event, EventSession, Studio, User

pytestmark = [pytest.mark.integration, pytest.mark.both_databases]
USERS, SESSIONS, CAPACITY = 14, 3, 10  # 42 tries at 30 seats: some find the class full


class Rush:
    """Each job books a seat, then cancels it or checks it in (by its number), from a pool of threads."""

    def __init__(self, stack: Stack, facilitator: tuple[int, str]):
        self.stack, (self.facilitator_id, self.facilitator_token) = stack, facilitator
        self.done, self._lock, self._local = 0, threading.Lock(), threading.local()

    def _post(self, path: str, token: str, body: dict) -> requests.Response:
        if not hasattr(self._local, "http"):
            self._local.http = requests.Session()
            self._local.http.headers["Connection"] = "close"  # as test_delivery_faults says why
        headers = {"Authorization": f"Bearer {token}"}
        return self._local.http.post(self.stack.main_url + path, json=body, headers=headers, timeout=30)

    def run(self, job: tuple[int, str, int]) -> None:
        number, token, session_id = job
        booked = self._post("/bookings/book", token, {"session_id": session_id})
        assert booked.status_code in (201, 409), booked.text
        if booked.status_code == 201 and number % 3 == 0:
            assert self._post(f"/bookings/{booked.json()['id']}/cancel", token, {}).status_code == 200
        elif booked.status_code == 201 and number % 3 == 1:
            path = f"/api/facilitator/{self.facilitator_id}/sessions/{session_id}/checkins"
            checkins = {"checkins": [{"booking_id": booked.json()["id"]}]}
            assert self._post(path, self.facilitator_token, checkins).status_code == 200
        with self._lock:
            self.done += 1


def arrange(stack: Stack) -> tuple[list, tuple[int, str], str, list[int]]:
    """Sessions starting soon (check-in open, cancellations late), people with tokens; the jobs, the facilitator
    (id, token), the studio's slug and the session ids."""
    session_ids = stack.add_sessions(SESSIONS, capacity=CAPACITY)
    soon = datetime.now(UTC) + timedelta(minutes=20)
    stack.write(
        sa.update(EventSession)
        .where(EventSession.id.in_(session_ids))
        .values(starts_at=soon, ends_at=soon + timedelta(hours=1))
    )
    [found] = stack.rows(
        sa.select(Event.facilitator_id, Studio.slug)
        .join(Studio, Studio.id == Event.studio_id)
        .join(EventSession, EventSession.event_id == Event.id)
        .where(EventSession.id == session_ids[0])
    )
    tokens = stack.issue_tokens(stack.add_users(USERS))
    pairs = itertools.product(tokens, session_ids)
    jobs = [(number, token, session_id) for number, (token, session_id) in enumerate(pairs)]
    return jobs, (found["facilitator_id"], stack.facilitator_token(session_ids[0])), found["slug"], session_ids


def failed_attempts(stack: Stack) -> list[dict]:
    return [attempt for attempt in stack.delivery_attempts() if attempt["error"]]


def admin_token(stack: Stack) -> str:
    email = f"ops-{datetime.now(UTC).timestamp()}@example.com"
    password_hash = generate_password_hash("x" * 12, FAST_HASH_METHOD)
    stack.write(sa.insert(User).values(name="Ops", email=email, role=ROLE_ADMIN, password_hash=password_hash))
    return stack.issue_tokens([email])[0]


def test_reconciliation_finds_nothing_after_a_kill_9_rush(start_stack, db_backend):
    stack = start_stack(db_backend, workers=1, DISPATCH_LEASE_SECONDS="2")
    jobs, facilitator, slug, sessions = arrange(stack)
    rush = Rush(stack, facilitator)
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = pool.map(rush.run, jobs)
        wait_for(lambda: rush.done >= 10, 60, message="10 jobs done")
        stack.crm.kill()  # SIGKILL, mid-rush: the dispatcher's sends fail and are rescheduled
        wait_for(lambda: failed_attempts(stack), 60, interval=0.2, message="a send to the dead CRM recorded")
        stack.dispatcher.kill()  # and the dispatcher, leases held
        stack.restart_crm()
        more = min(rush.done + 5, len(jobs))
        wait_for(lambda: rush.done >= more, 60, message="5 more jobs done with no dispatcher")
        stack.dispatcher.start()
        list(results)  # every job's asserts
    wait_for(lambda: not stack.outbox_statuses()["pending"], 60, interval=0.2, message="the CRM outbox drained")
    assert not stack.outbox_statuses()["dead"]

    answer = stack.http.get(
        f"{stack.main_url}/api/admin/studios/{slug}/reconciliation",
        headers={"Authorization": f"Bearer {admin_token(stack)}"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert (report["difference_count"], report["differences"]) == (0, []), report
    people = sa.select(Booking.user_id).where(Booking.session_id.in_(sessions)).distinct()
    assert report["clients_compared"] == len(stack.rows(people)) > 0  # whoever got a seat at least once
    # The rush did what it says: seats cancelled (late: the classes start soon) and seats checked in.
    statuses = stack.rows(sa.select(Booking.status).where(Booking.session_id.in_(sessions)).distinct())
    assert {row["status"] for row in statuses} >= {"active", "cancelled"}
    assert stack.rows(sa.select(Checkin.id).where(Checkin.session_id.in_(sessions)).limit(1))

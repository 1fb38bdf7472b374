"""Waiting-list offers under a rush, through the real server and dispatcher: seats freed at once for a long line,
then, round after round, people taking their offers at the moment others' offers run out."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from threading import Barrier

import pytest
import requests
from sqlalchemy import select, update

from main_app.models import Booking, EventSession, OutboxMessage, User, WaitlistEntry, utcnow

pytestmark = [pytest.mark.integration, pytest.mark.both_databases]


def _caller(stack):
    def call(method: str, path: str, token: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}"}
        return requests.request(method, f"{stack.main_url}{path}", headers=headers, timeout=60, **kwargs)

    return call


def _at_once_in_order(call, jobs) -> list[int]:
    """Run (method, path, token) jobs released at the same moment; their status codes in the jobs' order."""
    barrier = Barrier(len(jobs))

    def run(job):
        method, path, token = job
        barrier.wait()
        return call(method, path, token).status_code

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))


def _run_out(stack, session_id: int, user_ids: list[int]) -> None:
    """These people's offers reach their end now, and their end messages fall due, as time passing would."""
    entries = [
        row["id"]
        for row in stack.rows(
            select(WaitlistEntry.id).where(WaitlistEntry.session_id == session_id, WaitlistEntry.user_id.in_(user_ids))
        )
    ]
    pending = select(OutboxMessage.id, OutboxMessage.payload).where(
        OutboxMessage.type == "offer_expiry", OutboxMessage.status == "pending"
    )
    ends = [row["id"] for row in stack.rows(pending) if row["payload"]["offer_entry_id"] in entries]
    past = utcnow() - timedelta(seconds=1)
    stack.write(
        update(WaitlistEntry).where(WaitlistEntry.id.in_(entries)).values(offer_expires_at=past),
        update(OutboxMessage).where(OutboxMessage.id.in_(ends)).values(next_attempt_at=past),
    )


def test_ten_seats_freed_at_once_for_thirty_waiting_with_takers_racing_offers_running_out(shared_stack, db_backend):
    stack = shared_stack(db_backend)
    session_id = stack.add_session(capacity=10, title="Offers Race")
    emails = stack.add_users(40)
    tokens = stack.issue_tokens(emails)
    ids = {row["email"]: row["id"] for row in stack.rows(select(User.email, User.id).where(User.email.in_(emails)))}
    user_id = {token: ids[email] for token, email in zip(tokens, emails, strict=True)}
    call = _caller(stack)
    facilitator = stack.facilitator_token(session_id)
    facilitator_id = call("GET", "/auth/me", facilitator).json()["id"]
    setting = {"json": {"waitlist_mode": "offer"}}
    assert call("PATCH", f"/api/facilitator/{facilitator_id}/sessions/{session_id}", facilitator, **setting).ok
    holders, line = tokens[:10], tokens[10:]
    bookings = [call("POST", "/bookings/book", t, json={"session_id": session_id}).json()["id"] for t in holders]
    for n, token in enumerate(line, start=1):
        assert call("POST", f"/sessions/{session_id}/waitlist", token).json()["position"] == n

    def place(token) -> dict | None:
        waiting = call("GET", "/bookings", token).json()["waiting"]
        return waiting[0] if waiting else None

    # Ten seats freed at the same moment: ten offers, to the first ten in line, nobody else.
    jobs = [("POST", f"/bookings/{b}/cancel", t) for b, t in zip(bookings, holders, strict=True)]
    assert _at_once_in_order(call, jobs) == [200] * 10
    assert [place(t)["status"] for t in line] == ["offered"] * 10 + ["waiting"] * 20

    taken, ran_out = [], []
    while offered := [t for t in line if t not in taken + ran_out and place(t)["status"] == "offered"]:
        paths = {t: "/waitlist/offers/" + place(t)["offer_path"].removeprefix("/offers/") for t in offered}
        running_out = offered[::2] if len(offered) > 1 else []
        _run_out(stack, session_id, [user_id[t] for t in running_out])
        # The dispatcher ends those offers while everyone offered presses "take" at the same moment.
        answers = _at_once_in_order(call, [("POST", f"{paths[t]}/accept", t) for t in offered])
        for token, status in zip(offered, answers, strict=True):
            if token in running_out:
                assert status in (404, 409), answers  # ended by the dispatcher first, or found ended and passed on
                ran_out.append(token)
            else:
                assert status == 201, answers
                taken.append(token)
        # Every ended offer's seat went on to the next in line at once: as many new offers, never more.
        served = len(taken) + len(ran_out)
        assert [place(t)["status"] for t in line[served:]] == ["offered"] * len(running_out) + ["waiting"] * (
            len(line) - served - len(running_out)
        )

    # Every seat taken once, by those who took their offers; the offers went in the order of the line.
    booked = stack.rows(select(Booking.user_id).where(Booking.session_id == session_id, Booking.status == "active"))
    assert sorted(row["user_id"] for row in booked) == sorted(user_id[t] for t in taken)
    assert len(taken) == 10
    served = len(taken) + len(ran_out)
    assert set(taken + ran_out) == set(line[:served])
    [session] = stack.rows(select(EventSession.seats_taken).where(EventSession.id == session_id))
    assert session["seats_taken"] == 10
    # Nobody was offered a seat twice; the rest keep their places, in order.
    offered_to = [
        m["payload"]["snapshot"]["to"]["user_id"] for m in stack.outbox("email") if m["type"] == "waitlist_offer"
    ]
    mine = [uid for uid in offered_to if uid in set(user_id.values())]
    assert sorted(mine) == sorted(user_id[t] for t in line[:served])
    assert [place(t)["position"] for t in line[served:]] == list(range(1, len(line) - served + 1))

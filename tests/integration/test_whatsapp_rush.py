"""A rush of 2,000 bookings by people with WhatsApp on, against the real processes with the Cloud API stand-in
(tests/main_app/main_fake_whatsapp.py) as a process of its own, the install's number, its webhooks coming back to the
main API: each confirmation reaches the stand-in once, though the dispatcher is killed (SIGKILL) in the middle. What
the dead dispatcher had handed over but not yet recorded goes again once its lease ends (delivery is at least once,
docs/architecture.md): a few doubles, never more than one claim's worth; none lost."""

import dataclasses
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
import whatsapp_shapes as wa
from live_stack import Stack, wait_for
from sqlalchemy import insert, select, update
from test_delivery_faults import Booker, created_ids

from launcher.processes import ServiceProcess
from main_app.models import CHANNEL_WHATSAPP, DeliveryAttempt, OutboxMessage, User, WhatsappConsent
from main_app.services.chats import consent_wording
from main_app.services.whatsapp import submissions

pytestmark = pytest.mark.integration  # PostgreSQL alone (pg_databases): the same ORM code on either database

NUMBER = wa.STUDIO_A  # the install's number
STANDIN = Path(__file__).resolve().parent.parent / "main_app" / "main_fake_whatsapp.py"
PEOPLE, SESSIONS = 100, 20  # 2,000 bookings, each person in every session
BATCH = 50  # the most one claim holds: the most a killed dispatcher can have handed over and not recorded


@pytest.fixture
def whatsapp_standin(free_port, tmp_path):
    """The stand-in as a process on a free port (its webhooks go nowhere until the test names the main API's)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    argv = [sys.executable, str(STANDIN), "--port", str(port)]
    process = ServiceProcess("whatsapp", argv, {}, f"{url}/_standin/", tmp_path / "whatsapp.log")
    process.start().wait_healthy()
    yield url
    process.stop()


def connect(standin: str, stack: Stack) -> None:
    """The stand-in's install number sends its webhooks to the main API; every template approved, as an owner does."""
    number = dataclasses.replace(NUMBER, webhook_url=f"{stack.main_url}/whatsapp/webhook")
    added = requests.post(f"{standin}/_standin/numbers", json=dataclasses.asdict(number), timeout=10)
    assert added.status_code == 200, added.text
    headers = {"Authorization": f"Bearer {NUMBER.access_token}"}
    templates = f"{standin}/{wa.GRAPH_VERSION}/{NUMBER.waba_id}/message_templates"
    for body in submissions(stack.env.get("PUBLIC_WEB_URL") or "http://localhost:5173"):
        assert requests.post(templates, json=body, headers=headers, timeout=10).status_code == 200


def whatsapp_on(stack: Stack, emails: list[str]) -> None:
    """Each account given a proved number of its own and an opt-in for it, written as opt_in writes it."""
    people = stack.rows(select(User.id, User.email).where(User.email.in_(emails)).order_by(User.id))
    numbers = {person["id"]: f"+9198{person['id']:08d}" for person in people}
    now = datetime.now(UTC)
    stack.write(
        *(update(User).where(User.id == i).values(phone=phone, phone_verified_at=now) for i, phone in numbers.items()),
        insert(WhatsappConsent).values(
            [
                {"user_id": id_, "number": phone, "opted_in": True, "source": "account", "language": "en", "at": now,
                 "wording": consent_wording(phone, "en")}
                for id_, phone in numbers.items()
            ]
        ),
    )  # fmt: skip


def reached(standin: str) -> Counter:
    """How often each outbox id reached the stand-in, by the biz_opaque_callback_data it came with."""
    return Counter(requests.get(f"{standin}/_standin/callback_data", timeout=10).json()["callback_data"])


def confirmations(stack: Stack) -> dict[str, dict]:
    """The WhatsApp booking confirmations in the outbox: id → status and booking id."""
    query = select(OutboxMessage.id, OutboxMessage.status, OutboxMessage.payload).where(
        OutboxMessage.channel == CHANNEL_WHATSAPP, OutboxMessage.type == "booking_confirmed"
    )
    return {row["id"]: {**row, "booking_id": row["payload"]["snapshot"]["booking"]["id"]} for row in stack.rows(query)}


def test_2000_bookings_reach_whatsapp_once_with_the_dispatcher_killed_midway(
    start_stack, pg_databases, whatsapp_standin
):
    stack = start_stack(
        "postgresql",
        WHATSAPP_PHONE_NUMBER_ID=NUMBER.phone_number_id,
        WHATSAPP_BUSINESS_ACCOUNT_ID=NUMBER.waba_id,
        WHATSAPP_ACCESS_TOKEN=NUMBER.access_token,
        WHATSAPP_APP_SECRET=NUMBER.app_secret,
        WHATSAPP_VERIFY_TOKEN=NUMBER.verify_token,
        WHATSAPP_API_BASE=f"{whatsapp_standin}/{wa.GRAPH_VERSION}",
        # A short lease, so the dead dispatcher's claims come back soon, yet long enough that a dispatcher slowed by
        # the rush still sends a whole claim within it (a send starts only up to the lease less the longest send).
        DISPATCH_LEASE_SECONDS="20",
        DISPATCH_BATCH_SIZE=str(BATCH),
        WHATSAPP_TIMEOUT="5",
        WHATSAPP_QUICK_RETRIES="1",
        CRM_TIMEOUT="5",
        CRM_QUICK_RETRIES="1",
        # Delivery is what is tested, not its priority: a dispatcher niced below a shared runner's other work gets
        # a share of the CPU that is luck.
        DISPATCHER_NICENESS="0",
    )
    connect(whatsapp_standin, stack)
    session_ids = stack.add_sessions(SESSIONS, capacity=PEOPLE)
    emails = stack.add_users(PEOPLE)
    whatsapp_on(stack, emails)
    tokens = stack.issue_tokens(emails)
    jobs = [(token, session_id) for session_id in session_ids for token in tokens]

    # The rush, the dispatcher sending as it goes; killed once a tenth has reached WhatsApp, a new one started.
    booker = Booker(stack)
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = pool.map(booker.book, jobs)
            wait_for(lambda: reached(whatsapp_standin).total() >= len(jobs) // 10, 600, message="a tenth sent")
            stack.dispatcher.kill()
            at_kill = (booker.done, reached(whatsapp_standin).total())
            stack.dispatcher.start()
            booking_ids = created_ids(list(results))
    finally:
        booker.close()
    assert len(set(booking_ids)) == PEOPLE * SESSIONS

    def settled():
        messages = confirmations(stack)
        return len(messages) == len(booking_ids) and all(m["status"] == "delivered" for m in messages.values())

    wait_for(settled, 600, interval=0.25, message="every confirmation delivered")
    messages = confirmations(stack)
    assert sorted(m["booking_id"] for m in messages.values()) == sorted(booking_ids)  # one each
    times = reached(whatsapp_standin)
    assert set(times) == set(messages), "a message reached WhatsApp that is no confirmation, or one never did"
    doubles = {message_id: n for message_id, n in times.items() if n > 1}
    assert set(doubles.values()) <= {2} and len(doubles) <= BATCH, doubles
    # Meta's statuses came back: every webhook answered 200, each message's delivery in its attempt log.
    # The stand-in sends its 4,000 webhooks one at a time, in order, as they were made: they trail the sends.
    drained = requests.post(f"{whatsapp_standin}/_standin/wait", json={"timeout": 600}, timeout=610).json()
    assert drained["drained"]
    answers = requests.get(f"{whatsapp_standin}/_standin/webhooks", timeout=10).json()["answers"]
    assert answers == {"200": 2 * times.total()}, answers
    delivered = Counter(
        row["message_id"]
        for row in stack.rows(
            select(DeliveryAttempt.message_id).where(DeliveryAttempt.response_excerpt == "WhatsApp says: delivered")
        )
    )
    assert delivered == times
    print(f"booked, sent at the kill: {at_kill}; sent twice: {len(doubles)} of {len(messages)}")

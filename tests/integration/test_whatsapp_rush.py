"""A rush of 2,000 bookings by people with WhatsApp on, against the real processes with the Cloud API stand-in
(tests/main_app/main_fake_whatsapp.py) as a process of its own, the install's number: each confirmation reaches the
stand-in once, though the dispatcher is killed (SIGKILL) in the middle. What the dead dispatcher had handed over but
not yet recorded goes again once its lease ends (delivery is at least once, docs/architecture.md): a few doubles,
never more than one claim's worth; none lost. The rush is the 2,000 bookings' messages waiting and going when the
dispatcher dies: the bookings are made by the booking service in this process, as the API makes them (the HTTP
path has its own tests), and the stand-in sends no status webhooks (their handling has its own tests too)."""

import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
import whatsapp_shapes as wa
from live_stack import Stack, wait_for
from sqlalchemy import func, insert, select, update

from launcher.processes import ServiceProcess
from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import (
    CHANNEL_WHATSAPP,
    OUTBOX_DELIVERED,
    OUTBOX_PENDING,
    Booking,
    DeliveryAttempt,
    EventSession,
    OutboxMessage,
    User,
    WhatsappConsent,
    utcnow,
)
from main_app.services import news
from main_app.services.bookings import free_booking
from main_app.services.chats import consent_wording
from main_app.services.whatsapp import submissions

pytestmark = pytest.mark.integration  # PostgreSQL alone (pg_databases): the same ORM code on either database

NUMBER = wa.STUDIO_A  # the install's number
STANDIN = Path(__file__).resolve().parent.parent / "main_app" / "main_fake_whatsapp.py"
PEOPLE, SESSIONS = 100, 20  # 2,000 bookings, each person in every session
BATCH = 50  # the most one claim holds: the most a killed dispatcher can have handed over and not recorded
CONFIRMATION = (OutboxMessage.channel == CHANNEL_WHATSAPP, OutboxMessage.type == "booking_confirmed")
HANDED_OVER = 202  # the status the attempt log shows for a message the Cloud API took


@pytest.fixture
def whatsapp_standin(free_port, tmp_path):
    """The stand-in as a process on a free port, sending no status webhooks."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    argv = [sys.executable, str(STANDIN), "--port", str(port), "--no-status-webhooks"]
    process = ServiceProcess("whatsapp", argv, {}, f"{url}/_standin/", tmp_path / "whatsapp.log")
    process.start().wait_healthy()
    yield url
    process.stop()


def approve_templates(standin: str, stack: Stack) -> None:
    """Every template of the install's number submitted and approved, as an owner does."""
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


def book_everyone(stack: Stack, emails: list[str], session_ids: list[int]) -> list[int]:
    """Each person booked into each session, a session's bookings in one transaction: the rows book_free writes for
    a free seat, and their news (the WhatsApp confirmations among it) by the news service as book_free publishes it,
    all of a session's at once (news.publish_all): the booking ids."""
    booking_ids = []
    with stack._app.test_request_context():
        people = db.session.scalars(select(User).where(User.email.in_(emails)).order_by(User.id)).all()
        for session_id in session_ids:
            row = free_booking.with_option(free_booking.session_to_book(people[0], session_id), None)
            session = free_booking.SessionToBook(**{**row._asdict(), "seats_taken": len(people)})
            event, organiser = free_booking._event(row), news.PersonFacts(row.facilitator_id, row.facilitator_name)
            values = [free_booking._booking_values(row, person, 1, utcnow(), None) for person in people]
            with unit_of_work():
                db.session.execute(
                    update(EventSession).where(EventSession.id == session_id).values(seats_taken=len(people))
                )
                inserted = insert(Booking).returning(Booking.id, sort_by_parameter_order=True)
                ids = db.session.execute(inserted, values).scalars().all()
                facts = [news.BookingFacts(id=i, **v, option_name=None) for i, v in zip(ids, values, strict=True)]
                news.publish_all(
                    [news.Booked(f, person, session, event, organiser) for f, person in zip(facts, people, strict=True)]
                )
            booking_ids += ids
    return booking_ids


def reached(standin: str) -> Counter:
    """How often each outbox id reached the stand-in, by the biz_opaque_callback_data it came with."""
    return Counter(requests.get(f"{standin}/_standin/callback_data", timeout=10).json()["callback_data"])


def confirmations(stack: Stack) -> dict[str, dict]:
    """The WhatsApp booking confirmations in the outbox: id → status and booking id."""
    query = select(OutboxMessage.id, OutboxMessage.status, OutboxMessage.payload).where(*CONFIRMATION)
    return {row["id"]: {**row, "booking_id": row["payload"]["snapshot"]["booking"]["id"]} for row in stack.rows(query)}


def test_2000_bookings_reach_whatsapp_once_with_the_dispatcher_killed_midway(
    start_stack, pg_databases, whatsapp_standin
):
    stack = start_stack(
        "postgresql",
        start_dispatcher=False,
        workers=1,  # the main API only answers its health check here: one worker's start is enough
        WHATSAPP_PHONE_NUMBER_ID=NUMBER.phone_number_id,
        WHATSAPP_BUSINESS_ACCOUNT_ID=NUMBER.waba_id,
        WHATSAPP_ACCESS_TOKEN=NUMBER.access_token,
        WHATSAPP_APP_SECRET=NUMBER.app_secret,
        WHATSAPP_VERIFY_TOKEN=NUMBER.verify_token,
        WHATSAPP_API_BASE=f"{whatsapp_standin}/{wa.GRAPH_VERSION}",
        # A short lease, so the dead dispatcher's claims come back soon, yet long enough that a dispatcher slowed by
        # a loaded machine still sends a whole claim within it (a send starts only up to the lease less the longest).
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
    approve_templates(whatsapp_standin, stack)
    session_ids = stack.add_sessions(SESSIONS, capacity=PEOPLE)
    emails = stack.add_users(PEOPLE)
    whatsapp_on(stack, emails)
    booking_ids = book_everyone(stack, emails, session_ids)
    assert len(set(booking_ids)) == PEOPLE * SESSIONS
    # Only WhatsApp's lane is tested: the bookings' other news (CRM, emails, notices) is taken as already gone.
    others = (OutboxMessage.channel != CHANNEL_WHATSAPP) & (OutboxMessage.status == OUTBOX_PENDING)
    stack.write(update(OutboxMessage).where(others).values(status=OUTBOX_DELIVERED))

    # The 2,000 confirmations waiting; the dispatcher killed once a tenth has reached WhatsApp, a new one started.
    stack.dispatcher.start()
    wait_for(lambda: reached(whatsapp_standin).total() >= len(booking_ids) // 10, 600, 0.2, "a tenth sent")
    stack.dispatcher.kill()
    at_kill = reached(whatsapp_standin).total()
    stack.dispatcher.start()

    def settled():  # one cheap query a poll (the reminders' WhatsApp rows wait for their day)
        query = (
            select(OutboxMessage.status, func.count().label("n")).where(*CONFIRMATION).group_by(OutboxMessage.status)
        )
        return {row["status"]: row["n"] for row in stack.rows(query)} == {OUTBOX_DELIVERED: len(booking_ids)}

    wait_for(settled, 600, interval=0.25, message="every confirmation delivered")
    messages = confirmations(stack)
    assert sorted(m["booking_id"] for m in messages.values()) == sorted(booking_ids)  # one each
    times = reached(whatsapp_standin)
    assert set(times) == set(messages), "a message reached WhatsApp that is no confirmation, or one never did"
    doubles = {message_id: n for message_id, n in times.items() if n > 1}
    assert set(doubles.values()) <= {2} and len(doubles) <= BATCH, doubles
    # Our side recorded each hand-over in the attempt log; the dead dispatcher's unrecorded ones are the doubles.
    handed = Counter(
        row["message_id"]
        for row in stack.rows(
            select(DeliveryAttempt.message_id).where(
                DeliveryAttempt.message_id.in_(list(messages)), DeliveryAttempt.status_code == HANDED_OVER
            )
        )
    )
    assert set(handed) == set(messages) and all(handed[i] <= times[i] for i in messages), handed
    print(f"sent at the kill: {at_kill}; sent twice: {len(doubles)} of {len(messages)}")

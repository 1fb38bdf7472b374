"""A scripted day of bookings through the API writes the outbox rows recorded in same_rows.json: every channel's
rows (CRM, email, text, WhatsApp, in-app notice, reminders), their payloads and when they are due, step by step,
with ids, tokens and clock times normalised. The fan-out (services/news) may be rebuilt; what it writes may not change.

To record the rows again after a change that means to change them: NEWS_GOLDEN_WRITE=1 pytest this file."""

import json
import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import BookingInstalment, Event, EventSession, OutboxMessage, utcnow
from main_app.services.notices.outbox import companion_id

GOLDEN = Path(__file__).with_name("same_rows.json")
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
PRICE = 4_500_000
PACK = {"name": "5-class pack", "kind": "pack", "credits": 5, "valid_days": 90, "price": 0, "currency": "INR"}
ANA = {"name": "Ana Silva", "email": "ana@example.com"}
PLAN = {"deposit": {"percent": 20}, "deposit_refundable": False, "balance_due_days": 30, "instalments": 3}
MESSAGE = {"subject": "Bring a warm layer", "text": "The hall is cold in the mornings."}

HEX_ID = re.compile(r"\b[0-9a-f]{32}\b")
WHEN = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(\+00:00|Z)?")
TOKEN = re.compile(r"(token=|/offers/|/checkout/|/calendar/)[\w.\-~]+")
REFERENCE = re.compile(r"\b(tpay|tp|tpr|tre|pi|cs|re)_[\w\-]+")
MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"  # CLDR's en_IN writes Sept
DATE = re.compile(rf"\b\d{{1,2}} ({MONTHS}) \d{{4}}")
CLOCK = re.compile(r"\b\d\d:\d\d\b")
WEEKDAY = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b")
# An hour's session made from the clock's time ends the next day when made after 23:00: its span then names both
# days ("07:30 to 08:30 UTC" becomes "23:30 UTC to Tue 2 Dec, 00:30 UTC", with an en dash). The same text either way.
EN_DASH = "\u2013"
OVERNIGHT = re.compile(rf"<clock> (\w+) {EN_DASH} <day> <date>, <clock> \1")


def _plain(value):
    """value with what differs from run to run (message ids, clock times, signed tokens) replaced by a mark."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, str):
        value = TOKEN.sub(lambda m: m.group(1) + "<token>", value)
        value = REFERENCE.sub(lambda m: m.group(1) + "_<ref>", WHEN.sub("<when>", HEX_ID.sub("<id>", value)))
        plain = WEEKDAY.sub("<day>", CLOCK.sub("<clock>", DATE.sub("<date>", value)))
        return OVERNIGHT.sub(lambda m: f"<clock>{EN_DASH}<clock> {m.group(1)}", plain)
    return value


def _due_in_minutes(message: OutboxMessage) -> int:
    """Minutes from a row's writing to its sending, to the hour when that is hours ahead: such a row (a reminder) is
    due at an instant fixed when its session was made, and is written whenever its step runs, on a busy machine
    a minute or more later (4,199 minutes instead of 4,200)."""
    minutes = (message.next_attempt_at - message.created_at).total_seconds() / 60
    return round(minutes) if abs(minutes) < 6 * 60 else round(minutes / 60) * 60


def _row(message: OutboxMessage, companions: set[str]) -> dict:
    return {
        "channel": message.channel,
        "type": message.type,
        "booking_id": message.booking_id,
        "due_in_minutes": _due_in_minutes(message),
        "beside": message.id in companions,  # an email's notice, dropped with it
        "payload": _plain(message.payload),
    }


class Day:
    """The outbox as the day goes: each step's rows written and rows dropped, normalised and sorted."""

    def __init__(self, app):
        self.app, self.seen, self.steps = app, {}, {}

    def _now(self) -> dict[str, dict]:
        with self.app.app_context():
            messages = db.session.scalars(select(OutboxMessage)).all()
            companions = {companion_id(m.id) for m in messages}
            rows = {m.id: _row(m, companions) for m in messages}
            db.session.rollback()
            return rows

    def step(self, name: str) -> None:
        now = self._now()
        key = lambda row: json.dumps(row, sort_keys=True)  # noqa: E731
        written = sorted((row for i, row in now.items() if i not in self.seen), key=key)
        dropped = sorted((row for i, row in self.seen.items() if i not in now), key=key)
        self.steps[name] = {"written": written, "dropped": dropped}
        self.seen = now


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json() or {}


def _ended(app, session_id: int) -> None:
    """Time passes: the session ended hours ago, and its close is due now."""
    with app.app_context(), unit_of_work():
        now = utcnow()
        ended = {"starts_at": now - 3 * HOUR, "ends_at": now - 2 * HOUR}
        db.session.execute(update(EventSession).where(EventSession.id == session_id).values(**ended))
        closes = db.session.scalars(select(OutboxMessage).where(OutboxMessage.type == "session_close")).all()
        for message in closes:
            if message.payload["close_session"] == session_id:
                message.next_attempt_at = now - timedelta(seconds=1)


def _due(app, step: str, number: int | None = None) -> None:
    """Time passes: the pending instalment messages of this step (of instalment number, or all) are due now."""
    with app.app_context(), unit_of_work():
        of_step = (OutboxMessage.type == f"instalment_{step}", OutboxMessage.status == "pending")
        for row in db.session.scalars(select(OutboxMessage).where(*of_step)).all():
            if number is None or db.session.get(BookingInstalment, row.payload["instalment"]).number == number:
                row.next_attempt_at = utcnow() - timedelta(seconds=1)


def test_a_scripted_day_writes_the_same_outbox_rows(
    app, client, make_session, priya, priya_client, people, verify_phone, payments_lane
):
    base, day = f"/api/facilitator/{priya.id}", Day(app)
    day.step("start")
    meera = {"name": "Meera Iyer", "email": "meera@example.com", "password": "s3cret-pass"}
    ok(client.post("/auth/register", json=meera), 201)
    day.step("register")

    [asha_client, ravi_client, lena_client, omar_client] = [client for _account, client in people(4)]
    verify_phone(asha_client)
    day.step("verify phone")

    free = make_session(capacity=3, starts_in=3 * DAY, facilitator_id=priya.id)
    booked = ok(asha_client.post("/book", json={"session_id": free.id, "seats": 2, "guests": [ANA]}), 201)
    day.step("book free with a guest, texts on")
    ok(asha_client.post(f"/bookings/{booked['id']}/guests/{booked['guests'][0]['id']}/cancel"))
    day.step("a guest's seat given back")

    paid = make_session(capacity=2, starts_in=3 * DAY, price=PRICE, facilitator_id=priya.id)
    held = ok(ravi_client.post("/book", json={"session_id": paid.id}), 201)
    day.step("book paid: seat held")
    reference = held["payment"]["checkout_url"].rsplit("/", 1)[1]
    assert client.post(f"/payments/test/checkout/{reference}", data={"action": "pay"}).status_code in (200, 303)
    day.step("paid webhook")

    product = ok(priya_client.post(f"{base}/passes", json=PACK), 201)
    bought = ok(lena_client.post(f"/passes/{product['id']}/buy", json={}), 201)
    day.step("free pass bought")
    pass_id = bought.get("pass_id") or bought.get("id")
    with_pass = ok(lena_client.post("/book", json={"session_id": free.id, "pass_id": pass_id}), 201)
    day.step("book with the pass")

    full = make_session(capacity=1, starts_in=3 * DAY, facilitator_id=priya.id)
    ok(priya_client.patch(f"{base}/sessions/{full.id}", json={"waitlist_mode": "offer"}))
    seated = ok(omar_client.post("/book", json={"session_id": full.id}), 201)
    ok(ravi_client.post(f"/sessions/{full.id}/waitlist"), 201)
    day.step("join the waiting list")
    ok(omar_client.post(f"/bookings/{seated['id']}/cancel", json={"reason": "Travelling"}))
    day.step("cancel: the seat offered")
    [place] = [p for p in ravi_client.get("/bookings").get_json()["waiting"] if p["status"] == "offered"]
    ok(client.post("/waitlist/offers/" + place["offer_path"].removeprefix("/offers/") + "/accept"), 201)
    day.step("offer taken")

    today = make_session(capacity=5, starts_in=timedelta(minutes=30), facilitator_id=priya.id)
    walk = ok(omar_client.post("/book", json={"session_id": today.id}), 201)
    day.step("book a session starting soon")
    checkins = {"checkins": [{"booking_id": walk["id"]}]}
    ok(priya_client.post(f"{base}/sessions/{today.id}/checkins", json=checkins))
    day.step("check-in")

    moved = make_session(capacity=4, starts_in=2 * DAY, facilitator_id=priya.id)
    mover = ok(asha_client.post("/book", json={"session_id": moved.id}), 201)
    day.step("book the session that moves")
    new_start = mover["session"]["starts_at"].replace("Z", "+00:00")
    at = datetime.fromisoformat(new_start) + DAY
    when = {"starts_at": at.isoformat(), "ends_at": (at + timedelta(hours=1)).isoformat()}
    ok(priya_client.patch(f"{base}/sessions/{moved.id}", json=when))
    day.step("facilitator moves the session")
    ok(priya_client.post(f"{base}/sessions/{moved.id}/message", json=MESSAGE), 202)
    day.step("facilitator emails the session")
    ok(priya_client.post(f"{base}/sessions/{moved.id}/cancel", json={"reason": "Ill"}))
    day.step("facilitator cancels the session")
    ok(lena_client.post(f"/bookings/{with_pass['id']}/cancel", json={}))
    day.step("cancel a pass booking")
    ok(lena_client.post(f"/bookings/{with_pass['id']}/reactivate"))
    day.step("reactivate a booking")

    retreat = make_session(kind="retreat", capacity=6, starts_in=30 * DAY, facilitator_id=priya.id)
    ok(priya_client.patch(f"{base}/events/{retreat.event_id}", json={"requires_approval": True}))
    asked = ok(asha_client.post("/book", json={"session_id": retreat.id, "seats": 2, "guests": [ANA]}), 201)
    day.step("request to book with a guest")
    ok(priya_client.post(f"{base}/bookings/{asked['id']}/approve"))
    day.step("request approved: booked")
    asked = ok(ravi_client.post("/book", json={"session_id": retreat.id}), 201)
    ok(priya_client.post(f"{base}/bookings/{asked['id']}/decline", json={"message": "Not this time."}))
    day.step("request declined")
    asked = ok(omar_client.post("/book", json={"session_id": retreat.id}), 201)
    ok(omar_client.post(f"/bookings/{asked['id']}/cancel", json={"reason": "Plans changed"}))
    day.step("request withdrawn")
    paid_retreat = make_session(kind="retreat", capacity=2, starts_in=30 * DAY, price=PRICE, facilitator_id=priya.id)
    ok(priya_client.patch(f"{base}/events/{paid_retreat.event_id}", json={"requires_approval": True}))
    asked = ok(lena_client.post("/book", json={"session_id": paid_retreat.id}), 201)
    ok(priya_client.post(f"{base}/bookings/{asked['id']}/approve"))
    day.step("paid request approved: held")

    one_seat = make_session(capacity=1, starts_in=4 * DAY, facilitator_id=priya.id)
    ok(priya_client.patch(f"{base}/sessions/{one_seat.id}", json={"waitlist_mode": "offer"}))
    sitting = ok(omar_client.post("/book", json={"session_id": one_seat.id}), 201)
    ok(asha_client.post(f"/sessions/{one_seat.id}/waitlist"), 201)
    ok(omar_client.post(f"/bookings/{sitting['id']}/cancel", json={}))
    day.step("a second seat offered")
    [place] = [p for p in asha_client.get("/bookings").get_json()["waiting"] if p["status"] == "offered"]
    ok(client.post("/waitlist/offers/" + place["offer_path"].removeprefix("/offers/") + "/decline"))
    day.step("offer declined")

    under_way = make_session(capacity=5, starts_in=-timedelta(minutes=10), price=PRICE, facilitator_id=priya.id)
    nadia = {"name": "Nadia Khan", "email": "nadia@example.com", "device_id": "door-1", "paid_at_door": True}
    walked_in = ok(priya_client.post(f"{base}/sessions/{under_way.id}/walk-ins", json=nadia), 201)
    day.step("walk-in paid at the door")
    undone = priya_client.delete(f"{base}/sessions/{under_way.id}/checkins/{walked_in['booking_id']}")
    assert undone.status_code == 204, undone.get_data(as_text=True)
    day.step("a check-in undone")

    start = datetime.now(UTC).replace(microsecond=0) + 5 * DAY
    slots = [
        {"starts_at": (start + n * DAY).isoformat(), "ends_at": (start + n * DAY + HOUR).isoformat()} for n in (0, 1)
    ]
    body = {"title": "Yin", "kind": "session", "timezone": "UTC", "sessions": [{**s, "capacity": 6} for s in slots]}
    made = ok(priya_client.post(f"{base}/events", json=body), 201)
    day.step("facilitator creates an event")
    ok(asha_client.post("/book", json={"session_id": made["sessions"][0]["id"]}), 201)
    ok(priya_client.patch(f"{base}/events/{made['id']}", json={"title": "Yin Deep"}))
    day.step("facilitator renames a booked event")
    later = {"starts_at": (start + 9 * DAY).isoformat(), "ends_at": (start + 9 * DAY + HOUR).isoformat(), "capacity": 4}
    ok(priya_client.post(f"{base}/events/{made['id']}/sessions", json=later), 201)
    day.step("facilitator adds a session")
    ok(priya_client.delete(f"{base}/events/{made['id']}", json={"reason": "Closed"}))
    day.step("facilitator cancels the event")

    ok(ravi_client.post(f"/bookings/{held['id']}/cancel", json={}))
    day.step("a paid booking cancelled: refund queued")
    payments_lane()
    day.step("refund processed")

    pair = make_session(capacity=4, starts_in=3 * DAY, price=PRICE, facilitator_id=priya.id)
    two = ok(lena_client.post("/book", json={"session_id": pair.id, "seats": 2, "guests": [ANA]}), 201)
    reference = two["payment"]["checkout_url"].rsplit("/", 1)[1]
    assert client.post(f"/payments/test/checkout/{reference}", data={"action": "pay"}).status_code in (200, 303)
    two = lena_client.get(f"/bookings/{two['id']}").get_json()
    ok(lena_client.post(f"/bookings/{two['id']}/guests/{two['guests'][0]['id']}/cancel"))
    day.step("a paid guest's seat given back")
    payments_lane()
    day.step("a seat's refund processed")

    closing = make_session(capacity=4, starts_in=timedelta(minutes=30), facilitator_id=priya.id)
    came = ok(asha_client.post("/book", json={"session_id": closing.id, "seats": 2, "guests": [ANA]}), 201)
    missed = ok(lena_client.post("/book", json={"session_id": closing.id}), 201)
    checkins = {"checkins": [{"booking_id": came["id"]}, {"booking_id": came["id"], "seat": 2}]}
    ok(priya_client.post(f"{base}/sessions/{closing.id}/checkins", json=checkins))
    day.step("a session to close: booked, two seats checked in")
    _ended(app, closing.id)
    payments_lane()
    day.step("the session closes: a no-show, feedback asked")
    corrected = {"attendance": "attended"}
    ok(priya_client.put(f"{base}/sessions/{closing.id}/attendance/{missed['id']}", json=corrected))
    day.step("attendance corrected")
    with app.app_context():
        asked = db.session.scalars(select(OutboxMessage).where(OutboxMessage.type == "feedback_request")).one()
        token = asked.payload["snapshot"]["feedback"]["url"].split("token=", 1)[1]
    ok(client.post("/feedback", json={"token": token, "rating": 5, "comment": "Lovely"}))
    day.step("feedback given")

    planned = make_session(capacity=4, starts_in=100 * DAY, price=PRICE, facilitator_id=priya.id, kind="retreat")
    with app.app_context(), unit_of_work():
        db.session.get(Event, planned.event_id).payment_plan = PLAN
    deposit = ok(omar_client.post("/book", json={"session_id": planned.id}), 201)
    reference = deposit["payment"]["checkout_url"].rsplit("/", 1)[1]
    assert client.post(f"/payments/test/checkout/{reference}", data={"action": "pay"}).status_code in (200, 303)
    day.step("a plan's deposit paid")
    _due(app, "reminder_7", 1)
    payments_lane()
    day.step("an instalment's reminder")
    _due(app, "due", 1)
    payments_lane()
    day.step("an instalment due")
    opened = ok(omar_client.post(f"/bookings/{deposit['id']}/instalments/1/pay"))
    reference = opened["checkout_url"].rsplit("/", 1)[1]
    assert client.post(f"/payments/test/checkout/{reference}", data={"action": "pay"}).status_code in (200, 303)
    day.step("an instalment paid")
    _due(app, "grace")
    payments_lane()
    day.step("the balance missed")

    wording = ok(asha_client.get("/auth/me/whatsapp"))["wording"]
    ok(asha_client.put("/auth/me/whatsapp", json={"opted_in": True, "wording": wording}))
    day.step("whatsapp on: reminders ahead queued again")
    ok(asha_client.post("/book", json={"session_id": make_session(starts_in=20 * DAY).id}), 201)
    day.step("whatsapp on: a booking")

    if os.environ.get("NEWS_GOLDEN_WRITE"):
        GOLDEN.write_text(json.dumps(day.steps, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    assert day.steps == json.loads(GOLDEN.read_text())

"""A payment plan's schedule in an email says each part's state once: "paid", "due 5 Dec", "overdue, was due …"."""

from datetime import UTC, datetime
from email import message_from_bytes, policy

from main_app.services.emails.compose import compose

PLAN = {
    "schedule": [
        {"number": 0, "deposit": True, "formatted": "₹9,000", "status": "paid", "due": "Thu 1 Oct 2026, 10:00 IST"},
        {"number": 1, "deposit": False, "formatted": "₹9,000", "status": "overdue", "due": "Sun 1 Nov 2026, 10:00 IST"},
        {"number": 2, "deposit": False, "formatted": "₹9,000", "status": "due", "due": "Tue 1 Dec 2026, 10:00 IST"},
    ],
    "paid_formatted": "₹9,000",
    "outstanding_formatted": "₹18,000",
}


def bodies() -> list[str]:
    snapshot = {
        "to": {"name": "Asha Rao", "email": "asha@example.com"},
        "event": {"id": 4, "title": "Retreat", "location": "Goa", "timezone": "Asia/Kolkata", "facilitator": "Priya"},
        "session": {"id": 7, "starts_at": "2026-12-25T04:30:00+00:00", "ends_at": "2026-12-28T04:30:00+00:00"},
        "booking": {"id": 31, "sequence": 0},
        "plan": PLAN,
    }
    built = compose(
        "booking_confirmed",
        snapshot,
        outbox_id="0123abcd",
        sender="Studio <bookings@studio.example>",
        web_url="https://booking.example.org/",
        stamp=datetime(2026, 11, 22, 9, tzinfo=UTC),
    )
    mail = message_from_bytes(built.as_bytes(), policy=policy.default)
    return [mail.get_body(("plain",)).get_content(), mail.get_body(("html",)).get_content()]


def test_each_part_of_a_plan_says_its_state_once():
    for body in bodies():
        assert "due, due" not in body
        assert "due Tue 1 Dec 2026, 10:00 IST" in body
        assert "overdue, was due Sun 1 Nov 2026, 10:00 IST" in body

"""Every kind of email through a real SMTP server (aiosmtpd, which refuses a line beyond RFC 5321's 1,000 octets):
each arrives, parses, and keeps every line within the limit whatever the snapshot holds."""

from test_emails import EVERY_KIND, PACK_SNAPSHOT, SENDER, WEB, snapshot

from main_app.services.emails.compose import KINDS
from main_app.services.emails.lane import EmailDelivery
from main_app.services.emails.transport import SmtpTransport

TOKEN = "eyJib29raW5nIjozMSwia2luZCI6ImZlZWRiYWNrIn0." + "x" * 120  # a signed link's length
LONG_PARAGRAPH = "Please bring a warm layer and a blanket, the hall is cold in the mornings. " * 30  # typed on one line
PLAN = {
    "schedule": [
        {"number": 0, "deposit": True, "formatted": "₹9,000", "status": "paid", "due": "Mon 2 Nov 2026, 09:00 IST"},
        {"number": 1, "deposit": False, "formatted": "₹18,000", "status": "due", "due": "Tue 1 Dec 2026, 09:00 IST"},
    ],
    "paid_formatted": "₹9,000",
    "outstanding_formatted": "₹18,000",
}
INSTALMENT = {"number": 1, "amount": "₹18,000", "due": "Tue 1 Dec 2026, 09:00 IST", "pay_url": f"{WEB}/bookings/31/pay"}
RECEIPT = {"amount": "₹18,000", "payment_id": "tpay_1", "provider": "test"}
FEEDBACK = {
    "url": f"{WEB}/feedback?token={TOKEN}",
    "ratings": [{"rating": n, "url": f"{WEB}/feedback?token={TOKEN}&rating={n}"} for n in range(1, 6)],
}
# Ahead, so that the lane sends the reminders (it drops one whose session has started).
AHEAD = {"id": 7, "starts_at": "2099-11-25T01:30:00+00:00", "ends_at": "2099-11-25T02:30:00+00:00"}
OFFER = {"until": "Tue 24 Nov 2026, 06:45 IST", "amount": "₹800", "url": f"{WEB}/offers/{TOKEN}"}
# What each kind's snapshot adds to a booking's (None: the kind needs no booking; its whole snapshot is given).
MORE = {
    **{kind: extra for kind, (extra, _method, _says) in EVERY_KIND.items()},
    "facilitator_message": {**EVERY_KIND["facilitator_message"][0], "text": LONG_PARAGRAPH},
    "guest_message": {
        **EVERY_KIND["guest_confirmed"][0],
        **EVERY_KIND["facilitator_message"][0],
        "text": LONG_PARAGRAPH,
    },
    "welcome": None,
    "account_made": None,
    "password_reset": None,
    "studio_invitation": None,
    "family_invitation": None,
    "marketing_email": None,
    "waitlist_ended": {"reason": "The facilitator cancelled this session."},
    "waitlist_joined": {"position": 3},
    "waitlist_offer": {"offer": OFFER},
    "offer_ended": {"reason": "expired"},
    "refund_processed": {"refund": {"amount": "₹800"}},
    "feedback_request": {"feedback": FEEDBACK},
    "guest_feedback": {**EVERY_KIND["guest_confirmed"][0], "feedback": FEEDBACK},
    "instalment_due": {"instalment": INSTALMENT, "plan": PLAN},
    "instalment_reminder": {"instalment": INSTALMENT, "plan": PLAN},
    "instalment_paid": {"instalment": INSTALMENT, "plan": PLAN, "receipt": RECEIPT},
    "balance_missed": {"plan": PLAN, "refund": None},
    **{kind: None for kind in KINDS if kind.startswith("pass_")},
}
ALONE = {
    "welcome": {"to": {"name": "Asha Rao", "email": "asha@example.com"}},
    "password_reset": {"to": {"name": "Asha Rao", "email": "asha@example.com"}, "reset_url": f"{WEB}/r?token={TOKEN}"},
    "account_made": {
        "to": {"name": "Nadia Khan", "email": "nadia@example.com", "user_id": 9},
        "by": "Dr. Priya Sharma",
        "event": {"title": "Morning Flow"},
        "reset_url": f"{WEB}/reset-password?token={TOKEN}",
    },
    "studio_invitation": {
        "to": {"name": "", "email": "meera@example.com"},
        "studio": {"name": "Lotus Yoga"},
        "role_name": "an instructor",
        "by": "Dr. Priya Sharma",
        "invitation_id": 4,
        "accept_url": f"{WEB}/invitations/{TOKEN}",
    },
    "family_invitation": {
        "to": {"name": "", "email": "meera@example.com"},
        "person": {"name": "Asha Rao"},
        "family_id": 4,
        "accept_url": f"{WEB}/family-invitations/{TOKEN}",
    },
    "marketing_email": {
        "to": {"name": "Asha Rao", "email": "asha@example.com"},
        "studio": {"id": 1, "name": "Lotus Yoga", "slug": "lotus-yoga"},
        "subject": "Sunday sound baths",
        "text": LONG_PARAGRAPH,
        "marketing": {"email_id": 1, "client_id": 3},
        "unsubscribe_url": f"https://api.example/marketing/unsubscribe?token={TOKEN}",
        "unsubscribe_page": f"{WEB}/unsubscribe?token={TOKEN}&marketing=1",
    },
    "pass_receipt": {**PACK_SNAPSHOT, "receipt": RECEIPT},
    "pass_renewed": {**PACK_SNAPSHOT, "receipt": RECEIPT},
    "pass_renewal_declined": {**PACK_SNAPSHOT, "lapses_on": "25 Feb 2027", "failure": "Card declined"},
    "pass_pre_debit": {
        **PACK_SNAPSHOT,
        "renewal": {"amount": "₹4,500", "currency": "INR", "charge_at": "Mon 22 Feb 2027, 07:00 IST", "method": "UPI"},
    },
}


def sample(kind: str) -> dict:
    """A snapshot of this kind as its producer writes it."""
    extra = MORE[kind]
    return ALONE.get(kind, PACK_SNAPSHOT) if extra is None else snapshot(session=AHEAD, **extra)


def test_every_kind_has_a_sample():
    assert set(MORE) == set(KINDS)


def test_every_kind_arrives_through_a_real_smtp_server_and_parses(smtp_server):
    lane = EmailDelivery(SmtpTransport(smtp_server.url), sender=SENDER, web_url=WEB, quick_retries=1)
    failed = {}
    for number, kind in enumerate(KINDS):
        try:
            lane.deliver({"kind": kind, "snapshot": sample(kind)}, f"{number:032x}")
        except Exception as exc:  # every kind's failure is reported together
            failed[kind] = str(exc)
    assert failed == {}
    arrived = smtp_server.messages()
    assert len(arrived) == len(KINDS)
    for received, mail in zip(smtp_server.received, arrived, strict=True):
        assert max(len(line) for line in received["data"].split(b"\r\n")) <= 998
        assert mail.get_body(("plain",)).get_content() and mail.get_body(("html",)).get_content()
    facilitator = arrived[list(KINDS).index("facilitator_message")]
    assert LONG_PARAGRAPH.strip() in " ".join(facilitator.get_body(("plain",)).get_content().split())
    feedback = arrived[list(KINDS).index("feedback_request")].get_body(("html",)).get_content()
    assert f"{FEEDBACK['ratings'][4]['url']}".replace("&", "&amp;") in feedback

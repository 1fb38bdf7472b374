"""The one table of WhatsApp templates: for each, its name at Meta, its category, the kinds of news it carries, its
body with positional {{1}}..{{n}} parameters (English; Hindi and Marathi from the catalogues), what each parameter
is and an example of it, and its button; its rows are in seat_templates.py and account_templates.py. `python3 dev.py
docs` makes docs/channels.md's table from these literals (read without importing the app), so they stay literals.

Meta's rules the table keeps (tests/main_app/services/whatsapp check them): a name of lowercase letters, digits and
underscores; parameters numbered from 1 without a gap, none at the very start or end of the body nor two side by
side; a body of 1,024 characters at most once filled; a button's text of 25 at most. A body that changes after
approval (in any language) is best a new template with a new name: Meta lets an approved one be edited only a few
times a month, and each edit is reviewed again."""

from .account_templates import ACCOUNT_TEMPLATES
from .seat_templates import SEAT_TEMPLATES

UTILITY, MARKETING = "UTILITY", "MARKETING"  # the categories used here (Meta prices each differently)
LANGUAGE_CODES = {"en": "en", "hi": "hi", "mr": "mr"}  # ours to Meta's
BUTTON_TEXT_LIMIT = 25  # characters of a button's text, Meta's limit
# What each parameter is (docs/channels.md shows it) and an example of it (Meta asks one for each); fields.py reads
# each from a snapshot in the person's language.
PARAMETERS = {
    "name": ("the person's name, as their account gives it", "Asha Rao"),
    "title": ("the event's title", "Morning Vinyasa Flow"),
    "studio": ("the studio's name (the facilitator's, in a message queued before studios)", "Lotus Yoga"),
    "when": ("the session's day and time on the event's clock", "Wed 25 Nov 2026, 07:00\u201308:00 IST"),
    "position": ("their number on the waiting list", "2"),
    "offer_until": ("until when the seat offered is kept for them", "Tue 24 Nov 2026, 18:30 IST"),
    "pay_amount": ("what keeping the held seat costs", "₹1,500"),
    "pay_by": ("until when the seat is held unpaid", "Tue 24 Nov 2026, 07:15 IST"),
    "instalment_number": ("the instalment's number in the payment plan", "2"),
    "instalment_amount": ("the instalment's amount", "₹12,500"),
    "instalment_due": ("when the instalment is due", "Sun 1 Nov 2026, 10:00 IST"),
    "pass_name": ("the pass's name", "Monthly unlimited"),
    "renewal_amount": ("the amount the renewal will charge", "₹2,999"),
    "renewal_on": ("when the renewal is charged, on the studio's clock", "Tue 22 Dec 2026, 07:00 IST"),
    "renewal_method": ("how the renewal is paid", "UPI AutoPay or card mandate (Razorpay)"),
    "paid_amount": ("what was charged: the renewal, or the pass bought", "₹2,999"),
    "valid_until": ("the day the pass is good until (a membership renewed: now)", "22 Jan 2027"),
    "lapses_on": ("the day the membership ends unless it is renewed", "29 Dec 2026"),
    "offer_words": ("the studio's message in a line: its subject, as staff wrote it", "Sunday sound baths are back"),
    "decline_words": (
        "the facilitator's message with the decline, as they wrote it (up to 300 characters)",
        "This retreat asks for some prior practice; the spring one would suit you better",
    ),
    "ended_reason": (
        "why the waiting list ended: ours, or a cancelling staff member's words",
        "the session was cancelled",
    ),
    "staff_subject": (
        "the subject a staff member wrote to everyone booked (up to 120 characters)",
        "Bring a warm layer",
    ),
    "staff_words": (
        "the message a staff member wrote to everyone booked (up to 300 characters; the email has it whole)",
        "The hall is cold in the mornings, so bring a warm layer",
    ),
    "refund_amount": ("the amount refunded", "₹1,500"),
}
# The parameters that carry a person's own words, cut later than PARAMETER_LIMIT: their message, whole where it fits.
LONG_PARAMETERS = {"decline_words": 300, "ended_reason": 300, "staff_subject": 120, "staff_words": 300}
# The links a button opens: a path of the web app (the same for everyone) or one of these, from the snapshot.
LINKS = {
    "offer_link": ("the page to take or decline the seat offered", "offers/eyJvIjoxMjN9~qTq2vJmYhK0u"),
    "pay_link": ("the held seat's payment page", "bookings/31/payment"),
    "instalment_link": ("the instalment's payment page", "bookings/31/instalments/2/pay"),
    "studio_page": ("the studio's public page", "studios/lotus-yoga"),
    "feedback_link": ("the session's feedback page, signed for the person", "feedback?token=eyJiIjozMX0~2kq8Vd"),
}
# The table, in two parts (seat_templates.py, account_templates.py). "kinds": the news it carries; "with_part": kinds
# it carries only when their snapshot has that part (the other template of the kind carries it otherwise); "button":
# (its text, a path of the web app or a LINKS name).
TEMPLATES = {**SEAT_TEMPLATES, **ACCOUNT_TEMPLATES}
# The kinds a person is emailed that no template carries, each with why: one place to look, and a test fails for a
# new kind of email or text until it is in a template or here.
WITHOUT_TEMPLATE = {
    "password_reset": "its link resets the password: a secret, for the address that asked alone",
    "account_made": "its link sets the account's password: a secret, for the address alone",
    "studio_invitation": "to an address a staff member typed: no account, no number, no consent",
    "family_invitation": "to an address a guardian typed: no account, no number, no consent",
    "approval_request": "to the facilitator, not a client: their email and the studio's inbox carry it",
    "guest_confirmed": "a guest is known by an email address alone: no account, no number, no consent",
    "guest_changed": "a guest is known by an email address alone: no account, no number, no consent",
    "guest_cancelled": "a guest is known by an email address alone: no account, no number, no consent",
    "guest_reminder": "a guest is known by an email address alone: no account, no number, no consent",
    "guest_message": "a guest is known by an email address alone: no account, no number, no consent",
    "guest_feedback": "a guest is known by an email address alone: no account, no number, no consent",
}


def template_for(kind: str, snapshot: dict) -> str | None:
    """The name of the template that carries this kind of news with this snapshot; None: no template does
    (WITHOUT_TEMPLATE says why)."""
    for name, template in TEMPLATES.items():
        part = template.get("with_part", {}).get(kind)
        if part is not None and isinstance(snapshot.get(part), dict):
            return name
    return next((name for name, template in TEMPLATES.items() if kind in template["kinds"]), None)


def is_marketing(name: str) -> bool:
    """True for a marketing template: sent only to a person who gave marketing consent, and priced as marketing."""
    return TEMPLATES[name]["category"] == MARKETING

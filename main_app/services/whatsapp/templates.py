"""The one table of WhatsApp templates: for each, its name at Meta, its category, the kinds of news it carries, its
body with positional {{1}}..{{n}} parameters (English; Hindi and Marathi from the catalogues), what each parameter
is and an example of it, and its button. `python3 dev.py docs` makes docs/channels.md's table from these literals
(read without importing the app), so they stay literals.

Meta's rules the table keeps (tests/main_app/services/whatsapp check them): a name of lowercase letters, digits and
underscores; parameters numbered from 1 without a gap, none at the very start or end of the body nor two side by
side; a body of 1,024 characters at most once filled; a button's text of 25 at most. A body that changes after
approval (in any language) is best a new template with a new name: Meta lets an approved one be edited only a few
times a month, and each edit is reviewed again."""

from main_app.services.languages import N_

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
    "paid_amount": ("what the renewal charged", "₹2,999"),
    "valid_until": ("the day the membership now runs until", "22 Jan 2027"),
    "lapses_on": ("the day the membership ends unless it is renewed", "29 Dec 2026"),
    "offer_words": ("the studio's message in a line: its subject, as staff wrote it", "Sunday sound baths are back"),
}
# The links a button opens: a path of the web app (the same for everyone) or one of these, from the snapshot.
LINKS = {
    "offer_link": ("the page to take or decline the seat offered", "offers/eyJvIjoxMjN9~qTq2vJmYhK0u"),
    "pay_link": ("the held seat's payment page", "bookings/31/payment"),
    "instalment_link": ("the instalment's payment page", "bookings/31/instalments/2/pay"),
    "studio_page": ("the studio's public page", "studios/lotus-yoga"),
}
# The table. "kinds": the news it carries; "with_part": kinds it carries only when their snapshot has that part (the
# other template of the kind carries it otherwise); "button": (its text, a path of the web app or a LINKS name).
TEMPLATES = {
    "booking_confirmed": {
        "category": "UTILITY",
        "kinds": ("booking_confirmed", "booking_reactivated"),
        "body": N_(
            "Hi {{1}}, you're booked for {{2}} at {{3}} on {{4}}. Your seat is reserved. If you can't come after "
            "all, please cancel from your bookings so someone else can have it."
        ),
        "parameters": ("name", "title", "studio", "when"),
        "button": (N_("See your bookings"), "/bookings"),
    },
    "booking_changed": {
        "category": "UTILITY",
        "kinds": ("booking_changed",),
        "body": N_(
            "Hi {{1}}, {{2}} has changed a session you booked. As it is now: {{3}} on {{4}}. Your seat is kept, and "
            "your email says what changed. If the change doesn't suit you, please cancel from your bookings so "
            "someone else can have the seat."
        ),
        "parameters": ("name", "studio", "title", "when"),
        "button": (N_("See your bookings"), "/bookings"),
    },
    "booking_cancelled": {
        "category": "UTILITY",
        "kinds": ("booking_cancelled", "balance_missed"),
        "body": N_(
            "Hi {{1}}, your booking for {{2}} at {{3}} on {{4}} is cancelled. Your email has the details, including "
            "any refund or credits given back."
        ),
        "parameters": ("name", "title", "studio", "when"),
        "button": (N_("See your bookings"), "/bookings"),
    },
    "session_reminder": {
        "category": "UTILITY",
        "kinds": ("reminder_24h", "reminder_2h"),
        "body": N_(
            "Hi {{1}}, a reminder of your session: {{2}} at {{3}}, on {{4}}. See you soon! If you can't make it, "
            "please cancel from your bookings so someone else can have the seat."
        ),
        "parameters": ("name", "title", "studio", "when"),
        "button": (N_("See your bookings"), "/bookings"),
    },
    "waitlist_joined": {
        "category": "UTILITY",
        "kinds": ("waitlist_joined",),
        "body": N_(
            "Hi {{1}}, you're number {{2}} on the waiting list for {{3}} at {{4}} on {{5}}. We'll message you as "
            "soon as a seat comes free for you."
        ),
        "parameters": ("name", "position", "title", "studio", "when"),
        "button": (N_("See your bookings"), "/bookings"),
    },
    "waitlist_promoted": {
        "category": "UTILITY",
        "kinds": ("waitlist_promoted",),
        "body": N_(
            "Hi {{1}}, a seat came free for {{2}} at {{3}} on {{4}}, and it's yours: you were first on the waiting "
            "list, so you're now booked."
        ),
        "parameters": ("name", "title", "studio", "when"),
        "button": (N_("See your bookings"), "/bookings"),
    },
    "waitlist_offer": {
        "category": "UTILITY",
        "kinds": ("waitlist_offer",),
        "body": N_(
            "Hi {{1}}, a seat came free for {{2}} at {{3}} on {{4}}. You're first on the waiting list, so it's kept "
            "for you until {{5}}. Take it by then, or it goes to the next person waiting."
        ),
        "parameters": ("name", "title", "studio", "when", "offer_until"),
        "button": (N_("Take the seat"), "offer_link"),
    },
    "offer_ended": {
        "category": "UTILITY",
        "kinds": ("offer_ended",),
        "body": N_(
            "Hi {{1}}, the seat offered to you for {{2}} at {{3}} on {{4}} has gone to the next person on the "
            "waiting list, and you're no longer on it. If seats are left, you can still book one."
        ),
        "parameters": ("name", "title", "studio", "when"),
        "button": (N_("See your bookings"), "/bookings"),
    },
    "seat_payment_due": {
        "category": "UTILITY",
        "kinds": ("seat_held", "approval_granted"),
        "with_part": {"waitlist_promoted": "pay"},
        "body": N_(
            "Hi {{1}}, your seat for {{2}} at {{3}} on {{4}} is held for you. Please pay {{5}} by {{6}} to keep it; "
            "after that the seat goes back."
        ),
        "parameters": ("name", "title", "studio", "when", "pay_amount", "pay_by"),
        "button": (N_("Pay now"), "pay_link"),
    },
    "hold_ended": {
        "category": "UTILITY",
        "kinds": ("hold_ended",),
        "body": N_(
            "Hi {{1}}, the seat held for you for {{2}} at {{3}} on {{4}} was not paid for, so it has gone back. "
            "Nothing was charged. If seats are left, you can book again."
        ),
        "parameters": ("name", "title", "studio", "when"),
        "button": (N_("See your bookings"), "/bookings"),
    },
    "instalment_due": {
        "category": "UTILITY",
        "kinds": ("instalment_due", "instalment_reminder"),
        "body": N_(
            "Hi {{1}}, instalment {{2}} of your payment plan, {{3}}, is due on {{4}}. It is for your booking of {{5}} "
            "at {{6}} on {{7}}. You can pay it with the button below."
        ),
        "parameters": ("name", "instalment_number", "instalment_amount", "instalment_due", "title", "studio", "when"),
        "button": (N_("Pay the instalment"), "instalment_link"),
    },
    "autopay_pre_debit": {
        "category": "UTILITY",
        "kinds": ("pass_pre_debit",),
        "body": N_(
            "Hi {{1}}, your {{2}} at {{3}} renews automatically: {{4}} will be charged on {{5}} to {{6}}. If you want "
            "it to go on, there is nothing to do. To stop the renewal, cancel it on My passes before then."
        ),
        "parameters": ("name", "pass_name", "studio", "renewal_amount", "renewal_on", "renewal_method"),
        "button": (N_("See your passes"), "/my-passes"),
    },
    "membership_renewed": {
        "category": "UTILITY",
        "kinds": ("pass_renewed",),
        "body": N_(
            "Hi {{1}}, your {{2}} at {{3}} has renewed: {{4}} was charged, and it now runs until {{5}}. Your email "
            "has the receipt. To stop renewing, open My passes."
        ),
        "parameters": ("name", "pass_name", "studio", "paid_amount", "valid_until"),
        "button": (N_("See your passes"), "/my-passes"),
    },
    "membership_renewal_declined": {
        "category": "UTILITY",
        "kinds": ("pass_renewal_declined",),
        "body": N_(
            "Hi {{1}}, the payment for the next period of your {{2}} at {{3}} did not go through. Unless it is "
            "renewed, the membership ends on {{4}}. Your email has the details."
        ),
        "parameters": ("name", "pass_name", "studio", "lapses_on"),
        "button": (N_("See your passes"), "/my-passes"),
    },
    "studio_offer": {
        "category": "MARKETING",
        "kinds": ("marketing_email",),
        "body": N_(
            "Hi {{1}}, {{2}} has news for you: {{3}}. Tap below to see their classes and book. Reply STOP to get no "
            "more WhatsApp messages from us."
        ),
        "parameters": ("name", "studio", "offer_words"),
        "button": (N_("See the classes"), "studio_page"),
    },
}
# The kinds a person is emailed that no template carries, each with why: one place to look, and a test fails for a
# new kind of email or text until it is in a template or here.
WITHOUT_TEMPLATE = {
    "welcome": "a greeting with nothing to act on: the account's email carries it",
    "password_reset": "a secret link goes to the address that asked for it, nowhere else",
    "account_made": "its link sets the account's password: a secret, for the address alone",
    "studio_invitation": "to an address a staff member typed: no number, no consent",
    "approval_request": "to the facilitator, not a client: their email and the studio's inbox carry it",
    "approval_declined": "it carries the facilitator's own words, which a template cannot hold",
    "approval_expired": "rare (events that need approval) and nothing to act on: email and the app's notice",
    "approval_waitlisted": "rare (events that need approval); the decision that follows is news of its own",
    "waitlist_ended": "nothing left to act on: email and the app's notice say it",
    "facilitator_message": "a staff member's own words: WhatsApp sends them free-form, only inside the 24-hour window",
    "refund_processed": "a receipt with its credit note's PDF: email",
    "feedback_request": "five signed one-click rating links: email",
    "instalment_paid": "a receipt with the plan's schedule: email",
    "pass_receipt": "a receipt with its invoice's PDF: email",
    "pass_last_credit": "a nudge, not a deadline: email and the app's notice",
    "pass_ending": "a pack's end, not a charge: email and the app's notice",
    "pass_lapsed": "membership_renewal_declined already gave the day it ends: email and the app's notice",
    "guest_confirmed": "a guest is known by an email address alone (no account, number or consent)",
    "guest_changed": "a guest is known by an email address alone (no account, number or consent)",
    "guest_cancelled": "a guest is known by an email address alone (no account, number or consent)",
    "guest_reminder": "a guest is known by an email address alone (no account, number or consent)",
    "guest_message": "a guest is known by an email address alone (no account, number or consent)",
    "guest_feedback": "a guest is known by an email address alone (no account, number or consent)",
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

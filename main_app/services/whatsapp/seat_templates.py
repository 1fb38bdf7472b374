"""The WhatsApp templates of a seat's news (booked, changed, cancelled, reminded, waited for, asked for, written
about, rated): part of the one table, templates.TEMPLATES, whose docstring gives Meta's rules they keep."""

from main_app.services.languages import N_

SEAT_TEMPLATES = {
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
    "waitlist_ended": {
        "category": "UTILITY",
        "kinds": ("waitlist_ended",),
        "body": N_(
            "Hi {{1}}, the waiting list you were on for {{2}} at {{3}} on {{4}} has ended, without a seat for you: "
            "{{5}}. Nothing was charged."
        ),
        "parameters": ("name", "title", "studio", "when", "ended_reason"),
        "button": (N_("Find another session"), "/"),
    },
    "approval_declined": {
        "category": "UTILITY",
        "kinds": ("approval_declined",),
        "body": N_(
            "Hi {{1}}, {{2}} declined your request to book {{3}} on {{4}}. Nothing was charged. Their message: {{5}}. "
            "Your email has the details."
        ),
        "parameters": ("name", "studio", "title", "when", "decline_words"),
        "button": (N_("See your bookings"), "/bookings"),
    },
    "approval_expired": {
        "category": "UTILITY",
        "kinds": ("approval_expired",),
        "body": N_(
            "Hi {{1}}, your request to book {{2}} at {{3}} on {{4}} was not decided in time, so the seat held for you "
            "went back. Nothing was charged. If seats are left, you can ask again."
        ),
        "parameters": ("name", "title", "studio", "when"),
        "button": (N_("See your bookings"), "/bookings"),
    },
    "approval_waitlisted": {
        "category": "UTILITY",
        "kinds": ("approval_waitlisted",),
        "body": N_(
            "Hi {{1}}, a seat came free for {{2}} at {{3}} on {{4}}, and you were first on the waiting list. This "
            "event approves each booking, so the seat is held for you while the studio decides; we'll tell you the "
            "answer. Nothing is charged until then."
        ),
        "parameters": ("name", "title", "studio", "when"),
        "button": (N_("See your bookings"), "/bookings"),
    },
    "session_message": {
        "category": "UTILITY",
        "kinds": ("facilitator_message",),
        "body": N_(
            "Hi {{1}}, {{2}} wrote to everyone booked in {{3}} on {{4}}. Subject: {{5}}. Message: {{6}}. Your email "
            "has it in full; reply to that email to answer them."
        ),
        "parameters": ("name", "studio", "title", "when", "staff_subject", "staff_words"),
        "button": (N_("See your bookings"), "/bookings"),
    },
    "feedback_request": {
        "category": "UTILITY",
        "kinds": ("feedback_request",),
        "body": N_(
            "Hi {{1}}, thank you for coming to {{2}} at {{3}} on {{4}}. How was it? Rate it from 1 to 5 with the "
            "button below; you can add a comment too."
        ),
        "parameters": ("name", "title", "studio", "when"),
        "button": (N_("Rate the session"), "feedback_link"),
    },
}

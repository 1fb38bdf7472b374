"""The WhatsApp templates of a person's money, passes and account (a payment due or made, a refund, a pass's
news, a welcome) and the studio's offers: part of the one table, templates.TEMPLATES, whose docstring gives Meta's
rules they keep."""

from main_app.services.languages import N_

ACCOUNT_TEMPLATES = {
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
    "refund_done": {
        "category": "UTILITY",
        "kinds": ("refund_processed",),
        "body": N_(
            "Hi {{1}}, your refund of {{2}} for {{3}} at {{4}} on {{5}} is done. It goes back the way you paid; a bank "
            "may take a few days to show it. Your credit note is in your email."
        ),
        "parameters": ("name", "refund_amount", "title", "studio", "when"),
        "button": (N_("See your bookings"), "/bookings"),
    },
    "instalment_paid": {
        "category": "UTILITY",
        "kinds": ("instalment_paid",),
        "body": N_(
            "Hi {{1}}, thank you: instalment {{2}} of your payment plan, {{3}}, is paid. It is for your booking of "
            "{{4}} at {{5}} on {{6}}. Your email has the receipt and what is left to pay."
        ),
        "parameters": ("name", "instalment_number", "instalment_amount", "title", "studio", "when"),
        "button": (N_("See your bookings"), "/bookings"),
    },
    "pass_receipt": {
        "category": "UTILITY",
        "kinds": ("pass_receipt",),
        "body": N_(
            "Hi {{1}}, thank you: your pass {{2}} at {{3}} is ready, and {{4}} was paid. Choose it when you book a "
            "class it covers. Your email has the receipt."
        ),
        "parameters": ("name", "pass_name", "studio", "paid_amount"),
        "button": (N_("See your passes"), "/my-passes"),
    },
    "pass_last_credit": {
        "category": "UTILITY",
        "kinds": ("pass_last_credit",),
        "body": N_(
            "Hi {{1}}, your pass {{2}} at {{3}} has one class left, good until {{4}}. After it, you can buy another "
            "pass to keep booking."
        ),
        "parameters": ("name", "pass_name", "studio", "valid_until"),
        "button": (N_("See your passes"), "/my-passes"),
    },
    "pass_ending": {
        "category": "UTILITY",
        "kinds": ("pass_ending",),
        "body": N_(
            "Hi {{1}}, your pass {{2}} at {{3}} ends on {{4}}: credits left then can no longer be used, so book "
            "before then to use them."
        ),
        "parameters": ("name", "pass_name", "studio", "valid_until"),
        "button": (N_("See your passes"), "/my-passes"),
    },
    "membership_ended": {
        "category": "UTILITY",
        "kinds": ("pass_lapsed",),
        "body": N_(
            "Hi {{1}}, your {{2}} at {{3}} has ended: its renewal could not be charged. You can buy it again from the "
            "studio's passes at any time."
        ),
        "parameters": ("name", "pass_name", "studio"),
        "button": (N_("See your passes"), "/my-passes"),
    },
    "account_ready": {
        "category": "UTILITY",
        "kinds": ("welcome",),
        "body": N_(
            "Hi {{1}}, your Sessions & Retreats account is ready. Your booking confirmations, reminders and changes "
            "come here as well as by email. Reply STOP to get no more WhatsApp messages from us."
        ),
        "parameters": ("name",),
        "button": (N_("Find a session"), "/"),
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

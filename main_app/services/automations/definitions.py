"""What an automation is made of: the triggers (from a studio's news, or from its calendar), the kinds of step, and
what a definition asks of the CRM before its people can go on (their tags, segments and consent)."""

from datetime import timedelta

# Triggers heard in a change's news (news.channels writes the entry), and those a sweep finds on the calendar.
NEWS_TRIGGERS = (
    "first_visit",
    "booking_made",
    "booking_cancelled",
    "intro_offer_bought",
    "pass_running_low",
    "renewal_failed",
    "form_signed",
)
# kind: (fewest days, most days, the default) for the kinds counted in days.
CALENDAR_TRIGGERS = {
    "no_visit": (1, 365, 30),
    "intro_offer_ending": (0, 60, 3),
    "membership_ending": (0, 60, 7),
    "birthday": (0, 30, 0),
}
TRIGGERS = NEWS_TRIGGERS + tuple(CALENDAR_TRIGGERS)

MESSAGES = ("email", "whatsapp", "sms")  # marketing: only with consent, never in quiet hours
ACTIONS = (*MESSAGES, "add_tag", "remove_tag", "make_code", "staff_task")
TESTS = ("has_tag", "lacks_tag", "marketing_consent", "not_booked_since", "in_segment")
STEP_KINDS = ("wait", "condition", *ACTIONS)
# Tests and actions that need what the CRM knows of the person (their tags, segments, consent).
ASKS_CRM = {"has_tag", "lacks_tag", "marketing_consent", "in_segment", *MESSAGES}

LONGEST_WAIT = timedelta(days=365)
MOST_STEPS = 20


def wait_of(step: dict) -> timedelta:
    """How long a wait step waits."""
    return timedelta(days=step.get("days") or 0, hours=step.get("hours") or 0, minutes=step.get("minutes") or 0)


def asks_crm(steps: list[dict]) -> bool:
    """Whether any step needs the CRM's facts about the person."""
    return any(step.get("test") in ASKS_CRM or step["kind"] in ASKS_CRM for step in steps)


def segments_of(steps: list[dict]) -> list[int]:
    """The CRM segments the steps' conditions ask about."""
    return sorted({step["segment_id"] for step in steps if step.get("test") == "in_segment"})

"""The automations a studio starts from: the intro-offer funnel, a win-back after 30 days, a pack almost used, a
membership's renewal failed, and a birthday. Their words are in the staff member's language, theirs to change."""

from main_app.services.languages import N_, gettext

from ...error_codes import api_error

# key: (name, description, trigger, steps); the words of a step (N_) are translated when shown.
TEMPLATES = {
    "intro_offer": (
        N_("Intro offer follow-up"),
        N_("A day after someone buys the intro offer, a nudge to book their first class if they have not."),
        {"kind": "intro_offer_bought", "days": None},
        [
            {"kind": "wait", "days": 1},
            {"kind": "condition", "test": "not_booked_since"},
            {"kind": "whatsapp", "text": N_("your intro offer is ready: pick your first class")},
            {"kind": "wait", "days": 3},
            {"kind": "condition", "test": "not_booked_since"},
            {
                "kind": "email",
                "subject": N_("Your intro offer is waiting at {studio}"),
                "text": N_("Hi {first_name},\n\nYour intro offer is ready to use. Pick a class that suits you."),
            },
        ],
    ),
    "win_back": (
        N_("Win back after 30 days"),
        N_("Someone has not visited for 30 days: a code for 20 percent off and a friendly note."),
        {"kind": "no_visit", "days": 30},
        [
            {"kind": "condition", "test": "marketing_consent"},
            {"kind": "make_code", "percent_off": 20, "valid_days": 14},
            {
                "kind": "email",
                "subject": N_("We miss you at {studio}"),
                "text": N_("Hi {first_name},\n\nIt has been a while. Come back this fortnight with code {code}."),
            },
            {"kind": "add_tag", "tag": "win-back"},
        ],
    ),
    "pack_almost_used": (
        N_("Pack almost used"),
        N_("A class pack is down to its last credit: a reminder to get the next one."),
        {"kind": "pass_running_low", "days": None},
        [
            {
                "kind": "email",
                "subject": N_("One class left on your pack"),
                "text": N_("Hi {first_name},\n\nYour pack at {studio} has one class left. Get the next one."),
            }
        ],
    ),
    "renewal_failed": (
        N_("Membership renewal failed"),
        N_("A membership's renewal was declined: a task for the desk to call, and a note to the member."),
        {"kind": "renewal_failed", "days": None},
        [
            {"kind": "staff_task", "text": N_("The renewal of {first_name}'s membership failed: give them a call.")},
            {
                "kind": "email",
                "subject": N_("Your membership at {studio}"),
                "text": N_("Hi {first_name},\n\nYour renewal did not go through. Approve it to keep your membership."),
            },
        ],
    ),
    "birthday": (
        N_("Birthday"),
        N_("On someone's birthday, a greeting with a code for a class on us."),
        {"kind": "birthday", "days": 0},
        [
            {"kind": "make_code", "percent_off": 100, "valid_days": 30},
            {
                "kind": "email",
                "subject": N_("Happy birthday from {studio}"),
                "text": N_("Happy birthday, {first_name}!\n\nA class on us this month: use code {code}."),
            },
        ],
    ),
}
WORDS = ("text", "subject")


def _said(step: dict) -> dict:
    return {key: gettext(value) if key in WORDS else value for key, value in step.items()}


def template(key: str) -> dict:
    """A template's name, trigger and steps in the reader's language (404 automation_template_not_found)."""
    if key not in TEMPLATES:
        raise api_error("automation_template_not_found", template=key)
    name, _description, trigger, steps = TEMPLATES[key]
    return {"name": gettext(name), "trigger": dict(trigger), "steps": [_said(step) for step in steps]}


def templates() -> list[dict]:
    """Every template as the API lists it."""
    return [{"key": key, "description": gettext(TEMPLATES[key][1]), **template(key)} for key in TEMPLATES]

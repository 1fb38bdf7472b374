"""Template messages composed from the snapshots the emails and texts are composed from: every kind a template
carries, in English, Hindi and Marathi, with the template's parameter count, values in the person's language (₹1,00,000,
Hindi and Marathi month names) that Meta accepts (one line, no run of spaces, not empty, bounded), and the button's
link of the person's own. Composition only, no database."""

import re

import pytest
from services.languages.test_client_emails import BOOKING, PAY, PLAN, SNAPSHOTS, WEB

from main_app.extensions import catalogues
from main_app.services.languages import SUPPORTED
from main_app.services.whatsapp import (
    PARAMETER_LIMIT,
    PARAMETERS,
    TEMPLATES,
    clean,
    limit_of,
    said,
    template_message,
)
from main_app.services.whatsapp.templates import LINKS
from service_kit.languages import use_catalogues

# The snapshots of the emails' tests (test_client_emails), and those of the kinds they have none of, the same way.
CASES = {
    **{kind: SNAPSHOTS[kind] for kind in SNAPSHOTS if kind != "waitlist_promoted"},
    "booking_confirmed": BOOKING,
    "booking_reactivated": {**BOOKING, "booking": {"id": 31, "sequence": 1}},
    "booking_changed": {**BOOKING, "changes": [{"label": "When", "from": "Tue 07:00", "to": "Wed 07:00"}]},
    "booking_cancelled": {**BOOKING, "by": "facilitator", "reason": "Flood"},
    "balance_missed": {**BOOKING, "plan": PLAN, "refund": None},
    "approval_granted": {**BOOKING, "pay": PAY},
    "hold_ended": {**BOOKING, "reason": "time"},
    "waitlist_promoted": BOOKING,  # booked at once; the one with "pay" (a seat held to pay for) below
    "waitlist_promoted+pay": SNAPSHOTS["waitlist_promoted"],
    # As the news writes them: the facilitator's decline, an approval's outcomes, a staff member's message (its words
    # longer than a parameter's usual 80 characters, with a line break), the feedback email's signed links.
    "approval_declined": {**BOOKING, "message": "This retreat asks for\nsome prior practice. " * 4},
    "approval_expired": BOOKING,
    "approval_waitlisted": BOOKING,
    "facilitator_message": {
        **{**BOOKING, "subject": "Bring a warm layer", "text": "The hall is cold.\n\nThe heater is broken. " * 20},
        "reply_to": {"name": "Priya Sharma", "email": "priya@example.com"},
    },
    "feedback_request": {
        **BOOKING,
        "feedback": {
            "url": f"{WEB}/feedback?token=t",
            "ratings": [{"rating": 5, "url": f"{WEB}/feedback?token=t&rating=5"}],
        },
    },
}
CARRIED = sorted(
    case for case in CASES if case.partition("+")[0] in {k for t in TEMPLATES.values() for k in t["kinds"]}
)
MONTHS = {"en": "Nov", "hi": "नव॰", "mr": "नोव्हें"}
# The part of each link after the web app's address: what the button's {{1}} is.
SUFFIXES = {"waitlist_offer": "o", "seat_held": "pay", "approval_granted": "pay", "waitlist_promoted+pay": "pay"}
SUFFIXES |= {"instalment_due": "pay/1", "instalment_reminder": "pay/1", "marketing_email": "studios/lotus-yoga"}
SUFFIXES |= {"feedback_request": "feedback?token=t"}
MONEY = {"instalment_due", "instalment_reminder", "seat_held", "approval_granted", "pass_pre_debit", "pass_renewed"}
MONEY |= {"instalment_paid", "refund_processed", "pass_receipt"}


@pytest.fixture(scope="module", autouse=True)
def _catalogues():
    use_catalogues(catalogues)  # as the app factory registers them


def _composed(case: str, language: str) -> dict:
    return template_message(case.partition("+")[0], CASES[case], language, web_url=WEB)


def _values(message: dict) -> list[str]:
    return [parameter["text"] for parameter in message["components"][0]["parameters"]]


def test_every_kind_a_template_carries_has_a_case_here():
    carried = {kind for template in TEMPLATES.values() for kind in template["kinds"]}
    assert carried <= set(CASES)


@pytest.mark.parametrize("language", SUPPORTED)
@pytest.mark.parametrize("case", CARRIED)
def test_each_kind_composes_in_each_language_as_meta_takes_it(case, language):
    message = _composed(case, language)
    template = TEMPLATES[message["name"]]
    assert message["language"] == {"code": language}
    [body, *button] = message["components"]
    assert body["type"] == "body" and all(parameter["type"] == "text" for parameter in body["parameters"])
    values = _values(message)
    assert len(values) == len(template["parameters"])
    for field, value in zip(template["parameters"], values, strict=True):
        assert value and value == value.strip() and len(value) <= limit_of(field)
        assert not re.search(r"[\n\r\t]| {5}", value), value
    text = said(message)
    assert len(text) <= 1024 and "{{" not in text and "Asha Rao" in text
    assert ("Lotus Yoga" in text) == ("studio" in template["parameters"]), text
    if "when" in template["parameters"]:
        assert f"25 {MONTHS[language]} 2099, 07:00\u201308:00 IST" in text, text
    if case in MONEY:
        assert "₹1,00,000" in text, text
    if template["button"][1] in LINKS:
        [link] = button
        assert (link["type"], link["sub_type"], link["index"]) == ("button", "url", "0")
        assert link["parameters"] == [{"type": "text", "text": SUFFIXES[case]}]
    else:
        assert button == []


def test_the_waiting_lists_seat_goes_by_the_payment_template_when_it_is_held_to_pay_for():
    assert _composed("waitlist_promoted", "en")["name"] == "waitlist_promoted"
    held = _composed("waitlist_promoted+pay", "hi")
    assert held["name"] == "seat_payment_due" and held["components"][1]["parameters"][0]["text"] == "pay"
    assert "कृपया मंगल 24 नव॰ 2099, 06:45 IST तक ₹1,00,000 का भुगतान करें" in said(held)


def test_hindi_and_marathi_values_are_written_from_the_snapshots_values_not_its_english_words():
    for language, month in (("hi", "नव॰"), ("mr", "नोव्हें")):
        renewal = _values(_composed("pass_pre_debit", language))
        assert renewal[3] == "₹1,00,000" and month in renewal[4] and "Tue" not in renewal[4]
        assert renewal[5] == {"hi": "सेव किया गया कार्ड (Stripe)", "mr": "सेव्ह केलेले कार्ड (Stripe)"}[language]
        offer = _values(_composed("waitlist_offer", language))
        assert month in offer[4] and "Tue" not in offer[4]


def test_a_message_queued_before_the_values_were_says_its_english_words():
    old = {**BOOKING, "pay": {"amount": "₹800", "by": "Tue 24 Nov 2099, 06:45 IST", "url": f"{WEB}/bookings/31/pay"}}
    values = _values(template_message("seat_held", old, "hi", web_url=WEB))
    assert values[4:] == ["₹800", "Tue 24 Nov 2099, 06:45 IST"]
    before_studios = {**BOOKING, "studio": None, "event": {**BOOKING["event"], "facilitator": "Dr. Priya Sharma"}}
    assert _values(template_message("reminder_2h", before_studios, "en", web_url=WEB))[2] == "Dr. Priya Sharma"


def test_an_unknown_language_is_english_and_a_kind_without_a_template_is_refused():
    assert _composed("booking_confirmed", "fr")["language"] == {"code": "en"}
    assert _composed("booking_confirmed", None) == _composed("booking_confirmed", "en")
    with pytest.raises(LookupError, match="password_reset"):
        template_message("password_reset", {"to": BOOKING["to"]}, "en", web_url=WEB)
    with pytest.raises(ValueError, match="no link"):
        template_message("waitlist_offer", {**BOOKING, "offer": {"until": "soon"}}, "en", web_url=WEB)


@pytest.mark.parametrize(
    "value, cleaned",
    [
        ("Morning\nFlow\r\n\twith  Meera", "Morning Flow with Meera"),
        ("  Lotus      Yoga  ", "Lotus Yoga"),
        ("Yoga\x00\x1b[31m Studio\u2028", "Yoga [31m Studio"),
        ("", "-"),
        (" \n\t ", "-"),
        ("A" * PARAMETER_LIMIT, "A" * PARAMETER_LIMIT),
        ("A very long retreat title " * 8, ("A very long retreat title " * 4)[:79].rstrip() + "…"),
    ],
)
def test_a_value_is_one_line_without_runs_of_spaces_and_bounded(value, cleaned):
    assert clean(value) == cleaned


def test_a_value_is_cut_between_letters_never_between_a_letter_and_its_marks():
    # Vowel signs (योगा), conjuncts joined by a virama (ध्यान, क्ष) and by a zero-width joiner, cut at every length.
    for text in ("योगा " * 30, "ध्यान" * 30, "क्ष" * 60, "शिव\u200dशक्ति" * 20):
        for limit in range(5, 40):
            cut = clean(text, limit)
            kept = cut.removesuffix("…")
            assert len(cut) <= limit and text.startswith(kept) and cut.endswith("…"), (text, limit, cut)
            after = text[len(kept)]
            assert after == " " or not re.match(r"[\u0901-\u0903\u093c\u093e-\u094d\u0962\u0963\u200c\u200d]", after)
            assert not kept.endswith(("\u094d", "\u200d", "\u200c")), cut  # a conjunct's letters stay together


@pytest.mark.parametrize("language", SUPPORTED)
@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_a_body_filled_with_the_longest_values_stays_within_metas_1024(name, language):
    longest = [{"type": "text", "text": "x" * limit_of(field)} for field in TEMPLATES[name]["parameters"]]
    message = {"name": name, "language": {"code": language}, "components": [{"parameters": longest}]}
    assert len(said(message)) <= 1024


def test_the_tables_examples_are_what_composing_gives():
    """The examples submitted to Meta are written as real messages write them: one snapshot holding each."""
    example = {
        **BOOKING,
        "to": {"name": "Asha Rao", "email": "asha@example.com", "user_id": 3},
        "event": {**BOOKING["event"], "title": "Morning Vinyasa Flow"},
        "session": {"id": 7, "starts_at": "2026-11-25T01:30:00+00:00", "ends_at": "2026-11-25T02:30:00+00:00"},
        "position": 2,
        "offer": {"until_at": "2026-11-24T13:00:00+00:00", "url": f"{WEB}/{LINKS['offer_link'][1]}"},
        "pay": {"value": 150_000, "currency": "INR", "by_at": "2026-11-24T01:45:00+00:00", "url": f"{WEB}/x"},
        "instalment": {"number": 2, "value": 1_250_000, "currency": "INR", "due_at": "2026-11-01T04:30:00+00:00"},
        "subject": "Sunday sound baths are back",
        "pass": {"name": "Monthly unlimited", "valid_until_at": "2027-01-22T00:00:00+00:00"},
        "renewal": {"value": 299_900, "currency": "INR", "charges_at": "2026-12-22T01:30:00+00:00"},
        "receipt": {"value": 299_900, "currency": "INR", "amount": "-"},
        "lapses_at": "2026-12-29T00:00:00+00:00",
        "message": "This retreat asks for some prior practice; the spring one would suit you better.",
        "reason": "the session was cancelled",
        "refund": {"amount": "-", "total": 150_000, "currency": "INR"},
        "feedback": {"url": f"{WEB}/{LINKS['feedback_link'][1]}"},
    }
    # A staff member's message to those booked has its own subject (a studio's offer's is "subject" too).
    staff = {"subject": "Bring a warm layer.", "text": "The hall is cold in the mornings, so bring a warm layer."}
    example["renewal"] |= {"zone": "Asia/Kolkata", "method": "UPI AutoPay or card mandate (Razorpay)"}
    example["instalment"]["pay_url"] = f"{WEB}/{LINKS['instalment_link'][1]}"
    for name, template in TEMPLATES.items():
        # A seat from the waiting list that is held to pay for goes by seat_payment_due: this one is not.
        snapshot = {key: value for key, value in example.items() if key != "pay" or name != "waitlist_promoted"}
        snapshot |= staff if name == "session_message" else {}
        values = _values(template_message(template["kinds"][0], snapshot, "en", web_url=WEB))
        assert values == [PARAMETERS[field][1] for field in template["parameters"]], name


def test_a_persons_own_words_are_carried_longer_than_other_values_and_still_bounded():
    declined = _values(_composed("approval_declined", "en"))[4]
    assert PARAMETER_LIMIT < len(declined) <= limit_of("decline_words") and not declined.endswith("…")
    assert declined.startswith("This retreat asks for some prior practice. This") and not declined.endswith(".")
    message = _values(_composed("facilitator_message", "mr"))
    assert message[4] == "Bring a warm layer" and len(message[5]) == limit_of("staff_words") == 300
    assert message[5].startswith("The hall is cold. The heater is broken.") and message[5].endswith("…")


def test_why_a_waiting_list_ended_is_said_in_the_persons_language_and_never_empty():
    assert _values(_composed("waitlist_ended", "hi"))[4] == "सेशन शुरू हो गया है और कोई सीट खाली नहीं हुई"
    cancelled = {**BOOKING, "reason": "Flooded hall."}
    assert _values(template_message("waitlist_ended", cancelled, "mr", web_url=WEB))[4] == "Flooded hall"
    unsaid = _values(template_message("waitlist_ended", {**BOOKING, "reason": ""}, "hi", web_url=WEB))
    assert unsaid[4] == "-"  # not gettext("")'s catalogue header

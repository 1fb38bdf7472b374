"""The emails of passes, payment plans, waiting lists, holds, reminders and accounts, composed in Hindi and Marathi:
every sentence and label in the person's language (only the names, titles and links that data gives stay as written),
and amounts and dates written from the snapshot's values in that language, India's grouping included (₹1,00,000)."""

import re
from datetime import UTC, datetime
from email import message_from_bytes, policy

import pytest

from main_app.extensions import catalogues
from main_app.services.emails.compose import compose
from main_app.services.languages import speaking
from service_kit.languages import use_catalogues

WEB = "https://booking.example.org"
TO = {"name": "Asha Rao", "email": "asha@example.com", "user_id": 3}
STUDIO = {"id": 1, "name": "Lotus Yoga", "slug": "lotus-yoga"}
BOOKING = {
    "to": TO,
    "event": {"id": 4, "title": "Himalayan Retreat", "location": "Goa", "timezone": "Asia/Kolkata", "facilitator": ""},
    "session": {"id": 7, "starts_at": "2099-11-25T01:30:00+00:00", "ends_at": "2099-11-25T02:30:00+00:00"},
    "studio": STUDIO,
    "booking": {"id": 31, "sequence": 0},
    "unsubscribe_url": f"{WEB}/u",
    "unsubscribe_page": f"{WEB}/unsubscribe",
}
LAKH = {"value": 10_000_000, "currency": "INR", "amount": "₹1,00,000"}  # the English words beside the value
PAY = {**LAKH, "by": "Tue 24 Nov 2099, 06:45 IST", "by_at": "2099-11-24T01:15:00+00:00", "url": f"{WEB}/pay"}
PLAN = {
    "currency": "INR",
    "paid": 5_000_000,
    "outstanding": 5_000_000,
    "paid_formatted": "₹50,000",
    "outstanding_formatted": "₹50,000",
    "schedule": [
        {"number": 0, "deposit": True, "amount": 5_000_000, "status": "paid", "due_at": "2099-10-01T04:30:00+00:00"},
        {"number": 1, "deposit": False, "amount": 5_000_000, "status": "due", "due_at": "2099-11-01T04:30:00+00:00"},
    ],
}
INSTALMENT = {**LAKH, "number": 1, "due": "-", "due_at": "2099-11-01T04:30:00+00:00", "pay_url": f"{WEB}/pay/1"}
PASS = {
    "to": TO,
    "studio": STUDIO,
    "pass": {
        **{"name": "Monthly membership", "kind": "membership", "credits": None, "credits_left": None},
        **{"sessions_per_week": 3, "valid_until": "-", "valid_until_at": "2099-11-22T00:00:00+00:00", "renews": True},
    },
}
RECEIPT = {**LAKH, "payment_id": "tpay_1", "provider": "test"}
RENEWAL = {**LAKH, "charge_at": "-", "charges_at": "2099-11-22T01:30:00+00:00", "zone": "Asia/Kolkata"}
SNAPSHOTS = {
    "instalment_due": {**BOOKING, "instalment": INSTALMENT, "plan": PLAN},
    "instalment_reminder": {**BOOKING, "instalment": INSTALMENT, "plan": PLAN},
    "instalment_paid": {**BOOKING, "instalment": INSTALMENT, "plan": PLAN, "receipt": RECEIPT},
    "offer_ended": {**BOOKING, "reason": "expired"},
    "refund_processed": {**BOOKING, "refund": {"amount": "₹1,00,000", "total": 10_000_000, "currency": "INR"}},
    "reminder_24h": BOOKING,
    "reminder_2h": BOOKING,
    "seat_held": {**BOOKING, "pay": PAY},
    "waitlist_ended": {**BOOKING, "reason": "the session has started and no seat came free."},
    "waitlist_joined": {**BOOKING, "position": 2},
    "waitlist_offer": {**BOOKING, "offer": {**LAKH, "until": "-", "until_at": PAY["by_at"], "url": f"{WEB}/o"}},
    "waitlist_promoted": {**BOOKING, "pay": PAY},
    "pass_ending": PASS,
    "pass_lapsed": PASS,
    "pass_last_credit": PASS,
    "pass_pre_debit": {**PASS, "renewal": {**RENEWAL, "method": "the card on file (Stripe)"}},
    "pass_receipt": {**PASS, "receipt": {**RECEIPT, "method": "UPI"}},
    "pass_renewal_declined": {**PASS, "lapses_on": "-", "lapses_at": "2099-11-25T00:00:00+00:00", "failure": "R12"},
    "pass_renewed": {**PASS, "receipt": RECEIPT},
    "password_reset": {"to": TO, "reset_url": f"{WEB}/reset"},
    "welcome": {"to": TO},
    "studio_invitation": {
        "to": {"name": "", "email": "meera@example.com"},
        "studio": {"name": "Lotus Yoga"},
        **{"role_name": "an instructor", "by": "Priya Sharma", "accept_url": f"{WEB}/invite"},
    },
    "marketing_email": {
        **{"to": TO, "studio": STUDIO, "subject": "Sunday sound baths", "text": "Bring a mat."},
        **{"marketing": {"email_id": 1, "client_id": 3}, "unsubscribe_url": f"{WEB}/u", "unsubscribe_page": f"{WEB}/m"},
    },
}
# What data gives (names, titles, codes, what a staff member wrote) and the web app's own button names: left as is.
DATA = (
    *("Himalayan Retreat", "Asha Rao", "Lotus Yoga", "Monthly membership", "Priya Sharma", "Sunday sound baths"),
    *("Bring a mat.", "Sessions & Retreats", "Use my pass", "My passes", "UPI AutoPay", "Stripe"),
)
ENGLISH = re.compile(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}")  # three English words in a row: a sentence left over
MONTH = {"hi": "नव॰", "mr": "नोव्हें"}


@pytest.fixture(scope="module", autouse=True)
def _catalogues():
    use_catalogues(catalogues)  # as the app factory registers them


def _composed(kind: str, language: str) -> dict:
    with speaking(language):
        built = compose(
            kind, SNAPSHOTS[kind], outbox_id="0ab1", sender="S <b@s.example>", web_url=WEB, stamp=datetime.now(UTC)
        )
    mail = message_from_bytes(built.as_bytes(), policy=policy.default)
    bodies = [mail.get_body((part,)).get_content() for part in ("plain", "html")]
    return {"subject": str(mail["Subject"]), "text": bodies[0], "html": bodies[1]}


def _said(body: str) -> str:
    """The body's words, without its links, tags and the words that data gives."""
    body = re.sub(r"<style.*?</style>|<[^>]+>|https?://\S+|\S+@\S+", " ", body, flags=re.S)
    for given in DATA:
        body = body.replace(given, " ").replace(given.replace("&", "&amp;"), " ")
    return body


@pytest.mark.parametrize("language", ["hi", "mr"])
@pytest.mark.parametrize("kind", sorted(SNAPSHOTS))
def test_each_email_is_all_in_the_persons_language(kind, language):
    sent = _composed(kind, language)
    for part in ("subject", "text", "html"):
        left = ENGLISH.findall(_said(sent[part]))
        assert not left, f"{kind} {part} in {language} still says {left}:\n{sent[part]}"
    assert re.search("[\u0900-\u097f]", sent["text"]) and f'<html lang="{language}">' in sent["html"]


@pytest.mark.parametrize("language", ["hi", "mr"])
def test_amounts_and_dates_are_written_from_their_values_in_the_language(language):
    for kind in ("seat_held", "instalment_due", "pass_pre_debit", "waitlist_offer", "refund_processed"):
        sent = _composed(kind, language)
        for part in ("text", "html"):
            assert "₹1,00,000" in sent[part], kind
            assert MONTH[language] in sent[part] or kind == "refund_processed", kind
    plan = _composed("instalment_paid", language)["text"]
    assert plan.count("₹50,000") >= 4 and MONTH[language] in plan  # each part, paid and still to pay, due dates
    renewal = _composed("pass_pre_debit", language)
    assert "₹1,00,000" in renewal["subject"] and MONTH[language] in renewal["subject"]


def test_english_stays_english_with_the_same_values():
    sent = _composed("seat_held", "en")
    assert "Your seat is held, Asha Rao: pay ₹1,00,000 by Tue 24 Nov 2099, 06:45 IST to keep it." in sent["text"]
    assert "Instalment 1: ₹50,000, due Sun 1 Nov 2099, 10:00 IST" in _composed("instalment_due", "en")["text"]

"""The WhatsApp templates' one table keeps Meta's rules in every language (names, placeholders, lengths, categories),
and every kind of news that an email or a text tells a person is carried by a template or named, with its reason,
in WITHOUT_TEMPLATE: a new kind of email or text fails here until someone decides."""

import re

import pytest

import dev
from main_app.extensions import catalogues
from main_app.services.emails.compose import GUEST_KINDS, KINDS
from main_app.services.languages import SUPPORTED, speaking, translated
from main_app.services.texts.compose import PASS_TEXTS, TEXTED_KINDS
from main_app.services.whatsapp import PARAMETERS, TEMPLATES, WITHOUT_TEMPLATE, is_marketing, template_for
from main_app.services.whatsapp.fields import ADDRESSES, VALUES
from main_app.services.whatsapp.templates import BUTTON_TEXT_LIMIT, LINKS
from service_kit.languages import use_catalogues

PLACEHOLDER = re.compile(r"\{\{(\d+)\}\}")
NAME = re.compile(r"^[a-z0-9_]{1,512}$")  # Meta's rule for a template's name
EMAILED, TEXTED = set(KINDS), TEXTED_KINDS | set(PASS_TEXTS)
# The news the channel must carry: a booking confirmed, changed, cancelled, its reminder, a seat offered, a payment
# due (a held seat's, an instalment's), a membership renewed, UPI AutoPay's pre-debit notice, a studio's offer.
MUST_CARRY = {
    *("booking_confirmed", "booking_changed", "booking_cancelled", "reminder_24h", "reminder_2h", "waitlist_offer"),
    *("seat_held", "instalment_due", "instalment_reminder", "pass_renewed", "pass_pre_debit", "marketing_email"),
}
CARRIED = {kind: name for name, template in TEMPLATES.items() for kind in template["kinds"]}


@pytest.fixture(scope="module", autouse=True)
def _catalogues():
    use_catalogues(catalogues)  # as the app factory registers them


def _words(text: str, language: str) -> str:
    with speaking(language):
        return translated(text)


@pytest.mark.parametrize("kind", sorted(EMAILED | TEXTED))
def test_every_kind_told_to_a_person_has_a_template_or_a_reason(kind):
    carried, reason = kind in CARRIED, WITHOUT_TEMPLATE.get(kind)
    assert carried != bool(reason), f"{kind}: in a template ({carried}) or in WITHOUT_TEMPLATE ({reason!r}), once"
    if kind in TEXTED or kind in MUST_CARRY:
        assert carried, f"{kind} reaches people by text or is on WhatsApp's list: it needs a template"


def test_the_table_names_only_kinds_there_are_and_each_once():
    named = [kind for template in TEMPLATES.values() for kind in template["kinds"]]
    assert len(named) == len(set(named))
    parted = {kind for template in TEMPLATES.values() for kind in template.get("with_part", {})}
    assert set(named) | parted | set(WITHOUT_TEMPLATE) <= EMAILED | TEXTED
    assert parted <= set(named), "a kind carried only with a part is carried by another template without it"
    assert set(WITHOUT_TEMPLATE) >= GUEST_KINDS, "a guest has no number to message"


def test_only_news_that_cannot_safely_reach_a_persons_number_goes_without_a_template():
    # Secret links (for the address alone), an address staff typed and a guest's (no account, number or consent),
    # and the facilitator's own request to decide (staff, not a client).
    secret_or_unreachable = {
        "password_reset",
        "account_made",
        "studio_invitation",
        "family_invitation",
        "approval_request",
    }
    assert set(WITHOUT_TEMPLATE) == GUEST_KINDS | secret_or_unreachable


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_each_template_keeps_metas_rules(name):
    template = TEMPLATES[name]
    assert NAME.match(name) and template["category"] in ("UTILITY", "MARKETING")
    numbers = [int(n) for n in PLACEHOLDER.findall(template["body"])]
    assert numbers == list(range(1, len(template["parameters"]) + 1)), "numbered from 1, in order, each once"
    assert not PLACEHOLDER.match(template["body"]) and not re.search(r"\}\}\W*$", template["body"]), "start, end"
    assert not re.search(r"\}\}\s*\{\{", template["body"]), "two parameters side by side"
    assert all(field in PARAMETERS and field in VALUES for field in template["parameters"])
    _text, link = template["button"]
    assert link.startswith("/") or (link in LINKS and link in ADDRESSES)


@pytest.mark.parametrize("language", SUPPORTED)
@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_language_has_exactly_the_english_placeholders(name, language):
    english, said = TEMPLATES[name]["body"], _words(TEMPLATES[name]["body"], language)
    assert sorted(PLACEHOLDER.findall(said)) == sorted(PLACEHOLDER.findall(english))
    assert said.count("{{") == said.count("}}") == english.count("{{"), "a placeholder half-written"
    assert not PLACEHOLDER.match(said) and not re.search(r"\}\}\W*$", said), "a parameter at the start or end"
    assert not re.search(r"\}\}\s*\{\{", said), "two parameters side by side"
    if language != "en":
        assert said != english and re.search("[\u0900-\u097f]", said), f"{name} is not translated into {language}"
    button = _words(TEMPLATES[name]["button"][0], language)
    assert 0 < len(button) <= BUTTON_TEXT_LIMIT and (language == "en" or button != TEMPLATES[name]["button"][0])


def test_the_one_marketing_template_carries_the_studios_offers_alone():
    marketing = {name for name in TEMPLATES if is_marketing(name)}
    assert marketing == {"studio_offer"} and TEMPLATES["studio_offer"]["kinds"] == ("marketing_email",)
    assert "STOP" in TEMPLATES["studio_offer"]["body"]
    assert all("STOP" in _words(TEMPLATES["studio_offer"]["body"], language) for language in SUPPORTED)


def test_a_kind_goes_by_the_template_its_snapshot_calls_for():
    assert template_for("waitlist_promoted", {"pay": {"amount": "₹800"}}) == "seat_payment_due"
    assert template_for("waitlist_promoted", {}) == template_for("waitlist_promoted", {"pay": None})
    assert template_for("waitlist_promoted", {}) == "waitlist_promoted"
    assert template_for("reminder_2h", {}) == template_for("reminder_24h", {}) == "session_reminder"
    assert template_for("password_reset", {}) is None and template_for("no_such_kind", {}) is None


def test_the_channels_pages_table_is_made_from_the_templates_table():
    page = dev.CHANNELS_DOC.read_text(encoding="utf-8")
    stale = "docs/channels.md's WhatsApp table is stale: python3 dev.py docs --write"
    assert dev.documented_table(page, dev.WHATSAPP_START, dev.WHATSAPP_END) == dev.whatsapp_table(), stale
    assert all(f"| `{name}` |" in page for name in TEMPLATES) and all(
        f"| `{kind}` |" in page for kind in WITHOUT_TEMPLATE
    )

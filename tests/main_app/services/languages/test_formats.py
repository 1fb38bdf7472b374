"""Amounts, dates and times as each language writes them: India's lakh and crore grouping (₹1,00,000) in all three,
Latin digits, month and day names in Devanagari for Hindi and Marathi; and the stored forms stay English."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from main_app.services.common import format_money as stored_money
from main_app.services.common import local_range
from main_app.services.languages import format_date, format_datetime, format_money, format_range, speaking

MORNING = datetime(2026, 11, 25, 1, 30, tzinfo=UTC)  # 07:00 in Kolkata
HOUR = datetime(2026, 11, 25, 2, 30, tzinfo=UTC)


@pytest.mark.parametrize("language", ["en", "hi", "mr"])
@pytest.mark.parametrize(
    "amount, currency, written",
    [
        (10_000_000, "INR", "₹1,00,000"),
        (1_000_000_000, "INR", "₹1,00,00,000"),
        (4_500_000, "INR", "₹45,000"),
        (80_050, "INR", "₹800.50"),
        (Decimal("1234.5"), "USD", "$1,234.50"),
        (500, "JPY", "¥500"),
        (123_456, "CHF", "1,234.56 CHF"),
    ],
)
def test_amounts_group_in_lakhs_in_every_language(language, amount, currency, written):
    assert format_money(amount, currency, language) == written


@pytest.mark.parametrize(
    "language, when, day",
    [
        ("en", "Wed 25 Nov 2026, 07:00\u201308:00 IST", "25 Nov 2026"),
        ("hi", "बुध 25 नव॰ 2026, 07:00\u201308:00 IST", "25 नव॰ 2026"),
        ("mr", "बुध 25 नोव्हें 2026, 07:00\u201308:00 IST", "25 नोव्हें 2026"),
    ],
)
def test_dates_and_times_in_the_languages_words(language, when, day):
    assert format_range(MORNING, HOUR, "Asia/Kolkata", language) == when
    assert format_date(date(2026, 11, 25), language) == day
    with speaking(language):  # the language spoken now, when none is named
        assert format_datetime(MORNING, "Asia/Kolkata") == when.replace("\u201308:00", "")


def test_what_is_stored_with_a_change_stays_english_whoever_made_it():
    with speaking("hi"):
        assert local_range(MORNING, HOUR, "Asia/Kolkata") == "Wed 25 Nov 2026, 07:00\u201308:00 IST"
        assert stored_money(10_000_000, "INR") == "₹1,00,000"

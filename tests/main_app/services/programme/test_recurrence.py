"""Recurrence rules: the work of expanding one is bounded whatever it says, UNTIL is read in RFC 5545's three forms,
and what is wrong with a rule is said in our words."""

import calendar
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr

from main_app.services.programme.recurrence import local_starts
from service_kit.errors import ValidationFailed

NEXT_YEAR = date.today().year + 1
# What forty years of the calendar cost dateutil at most, in months walked; an unbounded walk is eight thousand years.
MONTHS_IN_FORTY_YEARS = 40 * 12


@pytest.fixture
def months_walked(monkeypatch):
    """The months dateutil walks through (a day or week rule asks calendar.monthrange near each month's end)."""
    walked = []
    real = calendar.monthrange

    def counting(year, month):
        walked.append((year, month))
        return real(year, month)

    monkeypatch.setattr(calendar, "monthrange", counting)
    return walked


def problem(rule: str, starts_on: date | None = None, zone: str = "UTC") -> tuple[str, str]:
    """(field, problem) of the 400 for a rule starting on starts_on (a week from now by default) at 07:00."""
    with pytest.raises(ValidationFailed) as refused:
        local_starts(rule, starts_on or date.today() + timedelta(days=7), time(7), zone)
    [(field, [text])] = refused.value.details.items()
    return field, text


def in_days(days: int) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).strftime("%Y%m%dT%H%M%SZ")


@pytest.mark.parametrize("frequency", ["DAILY", "WEEKLY", "MONTHLY"])
def test_a_rule_that_matches_no_day_is_refused_after_walking_a_bounded_stretch(months_walked, frequency):
    rule = f"FREQ={frequency};BYMONTH=2;BYMONTHDAY=30;UNTIL={in_days(30)}"
    assert problem(rule) == ("rrule", "The rule makes no session within five years.")
    assert len(set(months_walked)) < MONTHS_IN_FORTY_YEARS


@pytest.mark.parametrize("frequency", ["SECONDLY", "MINUTELY", "HOURLY"])
def test_rules_repeating_more_than_daily_are_refused_before_any_walk(months_walked, frequency):
    rule = f"FREQ={frequency};BYMONTH=2;BYMONTHDAY=30;UNTIL={in_days(30)}"
    field, text = problem(rule)
    assert field == "rrule" and "at most daily" in text
    assert months_walked == []


@pytest.mark.parametrize(
    ("until", "mondays"),
    [
        ("20270315T060000Z", 3),  # 07:00 in Berlin is 06:00 UTC in March: the third Monday is included
        ("20270315T055959Z", 2),
        ("20270315T070000", 3),  # a time on the event's clock
        ("20270315T065959", 2),
        ("20270315", 3),  # a date: that whole day
        ("20270314", 2),
    ],
)
def test_until_is_read_in_each_of_rfc_5545s_forms(until, mondays):
    starts = local_starts(f"FREQ=WEEKLY;BYDAY=MO;UNTIL={until}", date(2027, 3, 1), time(7), "Europe/Berlin")
    assert [s.astimezone(ZoneInfo("Europe/Berlin")).day for s in starts] == [1, 8, 15][:mondays]


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=WEEKLY;BYDAY=XX;COUNT=3", "BYDAY takes days such as MO,WE"),
        ("FREQ=WEEKLY;INTERVAL=0;COUNT=3", "INTERVAL takes whole numbers from 1 to 1000"),
        ("FREQ=MONTHLY;BYMONTHDAY=32;COUNT=3", "BYMONTHDAY takes whole numbers from 1 to 31"),
        ("FREQ=YEARLY;BYMONTH=13;COUNT=3", "BYMONTH takes whole numbers from 1 to 12"),
        ("FREQ=WEEKLY;WKST=XX;COUNT=3", "WKST takes one day"),
        ("FREQ=WEEKLY;BYEASTER=0;COUNT=3", "BYEASTER=0 is not a part of an RRULE"),
        ("FREQ=WEEKLY;COUNT=3;COUNT=4", "COUNT is given twice"),
        ("FREQ=WEEKLY;COUNT=3;UNTIL=20270101", "not both"),
        ("FREQ=WEEKLY;UNTIL=2027-01-01", "UNTIL is a date (20271225)"),
        ("FREQ=WEEKLY;UNTIL=20400101", "end within five years"),
        ("FREQ=YEARLY;INTERVAL=3;COUNT=3", "more than five years ahead"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=2", "no session within five years"),
    ],
)
def test_what_is_wrong_with_a_rule_is_said_in_our_words(rule, words):
    field, text = problem(rule)
    assert field == "rrule" and words in text, text


def test_a_first_day_in_the_past_or_past_five_years_is_refused_before_expanding(months_walked):
    assert problem("FREQ=DAILY;COUNT=2", date(2020, 1, 1))[0] == "starts_on"
    assert problem("FREQ=DAILY;COUNT=2", date.today() + timedelta(days=6 * 365))[0] == "starts_on"
    assert months_walked == []


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=300",
        "FREQ=MONTHLY;BYDAY=-1FR;COUNT=40",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=40",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=1",
        "FREQ=YEARLY;BYWEEKNO=1,52;BYDAY=MO;COUNT=4",
        "FREQ=YEARLY;BYYEARDAY=-1;COUNT=3",
        "FREQ=DAILY;INTERVAL=10;BYHOUR=7,19;COUNT=50",
    ],
)
def test_the_bounded_walk_finds_the_same_sessions_as_dateutil_on_our_calendar(rule):
    first = date(NEXT_YEAR, 1, 1)
    expected = [at.replace(tzinfo=UTC) for at in rrulestr(rule, dtstart=datetime.combine(first, time(7)))]
    assert local_starts(rule, first, time(7), "UTC") == expected

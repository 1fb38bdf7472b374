"""An event's age range against the person a seat is for: a child of the family by their date of birth on the
session's day (in the event's time zone); a person booking for themself counts as an adult."""

from datetime import date
from zoneinfo import ZoneInfo

from ...error_codes import api_error
from ...models import Dependent

ADULT = 18


def age_on(born: date, day: date) -> int:
    """Whole years from born to day."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _ages(low: int | None, high: int | None) -> str:
    if high is None:
        return f"{low}+"
    return f"{low or 0}-{high}"


def check_age(row, child: Dependent | None) -> None:
    """422 age_outside_range when the event read in row (min_age, max_age, its session's start and time zone) has
    an age range that leaves out the child (or, booking for themself, an adult)."""
    if row.min_age is None and row.max_age is None:
        return
    day = row.starts_at.astimezone(ZoneInfo(row.timezone)).date()
    age = ADULT if child is None else age_on(child.date_of_birth, day)
    if (row.min_age is not None and age < row.min_age) or (row.max_age is not None and age > row.max_age):
        if child is None:
            raise api_error("age_outside_range.adult", ages=_ages(row.min_age, row.max_age))
        raise api_error("age_outside_range", ages=_ages(row.min_age, row.max_age), name=child.name, age=age)

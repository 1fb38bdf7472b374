"""A report's dates: the days it covers on the studio's calendar (from and to, both included; the last 30 days by
default), the periods it splits them into (days, weeks from Monday, or months), and the period before it."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ...error_codes import api_error

BY = ("day", "week", "month")
DEFAULT_DAYS, MOST_DAYS = 30, 731  # two years: a year compared with the one before
# The days a report reads: wide enough for any studio's history, and far enough inside the calendar's ends that the
# span before a span (its comparison) and a day's instants in any zone stay dates (0001-01-01 has no day before).
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


@dataclass(frozen=True)
class Span:
    """Days from start to end, both included, split by day, week or month."""

    start: date
    end: date
    by: str = "day"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Span":
        """As many days just before this span (the comparison)."""
        return Span(self.start - timedelta(days=self.days), self.start - timedelta(days=1), self.by)

    def period_of(self, day: date) -> date:
        """The first day of the period a day falls in."""
        if self.by == "week":
            return day - timedelta(days=day.weekday())
        return day.replace(day=1) if self.by == "month" else day

    def instants(self, timezone: str) -> tuple[datetime, datetime]:
        """The span's bounds in UTC: its first day's start and the start of the day after its last, on the clock."""
        zone = ZoneInfo(timezone)
        return tuple(
            datetime.combine(day, time(), zone).astimezone(UTC) for day in (self.start, self.end + timedelta(days=1))
        )

    def periods(self) -> list[date]:
        """The first day of each period the span touches, in order."""
        found, day = [], self.start
        while day <= self.end:
            if not found or self.period_of(day) != found[-1]:
                found.append(self.period_of(day))
            day += timedelta(days=1)
        return found


def span_of(args: dict, timezone: str) -> Span:
    """The span a report's query asks for (since and until: its from and to; by); 400 report_range_invalid when to
    is before from or the span is longer than MOST_DAYS."""
    today = datetime.now(ZoneInfo(timezone)).date()
    end = args.get("until") or today
    start = args.get("since") or end - timedelta(days=DEFAULT_DAYS - 1)
    if not (EARLIEST <= start <= LATEST and EARLIEST <= end <= LATEST):
        raise api_error("report_dates_out_of_range", earliest=EARLIEST.isoformat(), latest=LATEST.isoformat())
    span = Span(start, end, args.get("by", "day"))
    if end < start or span.days > MOST_DAYS:
        raise api_error("report_range_invalid", most=MOST_DAYS)
    return span

"""The calendar triggers: who a birthday, a while without a visit, or a pass or membership ending lets into an
automation now, found by a sweep each hour (each person once per occurrence: a year's birthday, a last visit, a
pass's end), in parts of at most SWEEP_PART people."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import String, cast, exists, extract, func, literal, or_, select

from main_app.services import timers

from ...extensions import db
from ...models import (
    PASS_ACTIVE,
    PASS_MEMBERSHIP,
    Automation,
    Booking,
    Checkin,
    Event,
    EventSession,
    Pass,
    PassProduct,
    Studio,
    User,
    utcnow,
)
from .definitions import CALENDAR_TRIGGERS
from .entering import enter

SWEEP_PART = 1000
EVERY = timedelta(hours=1)
LATE_WINDOW = timedelta(days=7)  # a lapsed client enters within a week of the day, never years later


def candidates(automation: Automation, now: datetime, after: int = 0, limit: int = SWEEP_PART) -> list[tuple]:
    """(user id, occurrence) of the people the automation's calendar trigger lets in now, by user id after after."""
    studio = db.session.get(Studio, automation.studio_id)
    days = automation.trigger_days if automation.trigger_days is not None else CALENDAR_TRIGGERS[automation.trigger][2]
    finder = {"birthday": _birthdays, "no_visit": _lapsed, "intro_offer_ending": _intro_ending}
    query = finder.get(automation.trigger, _membership_ending)(studio, days, now)
    return [tuple(row) for row in db.session.execute(query.where(User.id > after).order_by(User.id).limit(limit))]


def run_sweep(job: timers.AutomationSweep) -> None:
    """Enter who the trigger lets in; the next part at once when this one was full, else the next sweep in an hour."""
    automation = db.session.get(Automation, job.automation_id)
    if automation is None or not automation.active or automation.trigger not in CALENDAR_TRIGGERS:
        return  # switching it on again writes a new sweep
    now = utcnow()
    found = candidates(automation, now, job.after)
    enter(automation, found, now)
    if len(found) == SWEEP_PART:
        timers.schedule(timers.AutomationSweep(automation_id=automation.id, after=found[-1][0], due=now))
    else:
        schedule_sweep(automation.id, now + EVERY)


def schedule_sweep(automation_id: int, at: datetime) -> None:
    """The sweep at the start of at's hour (written once however often it is asked for)."""
    due = at.replace(minute=0, second=0, microsecond=0)
    timers.schedule(timers.AutomationSweep(automation_id=automation_id, due=due))


def studio_people(studio_id: int):
    """Whether a person is the studio's: booked one of its sessions or holds one of its passes."""
    booked = select(Booking.id).join(EventSession).join(Event).where(Booking.user_id == User.id)
    held = select(Pass.id).where(Pass.user_id == User.id, Pass.studio_id == studio_id)
    return or_(exists(booked.where(Event.studio_id == studio_id)), exists(held))


def _birthdays(studio: Studio, days: int, now: datetime):
    """Birthdays days from today on the studio's clock (29 February on the 28th in other years)."""
    day = (now.astimezone(ZoneInfo(studio.timezone)) + timedelta(days=days)).date()
    month, dates = extract("month", User.birthday), [day.day]
    if day.month == 2 and day.day == 28 and not _leap(day.year):
        dates.append(29)
    same_day = (month == day.month) & extract("day", User.birthday).in_(dates)
    occurrence = literal(str(day.year))
    return select(User.id, occurrence).where(same_day, User.erased_at.is_(None), studio_people(studio.id))


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _lapsed(studio: Studio, days: int, now: datetime):
    """People whose last visit (a check-in) was days ago, within LATE_WINDOW, with nothing booked since."""
    last = func.max(EventSession.starts_at)
    visits = (
        select(Booking.user_id.label("user_id"), last.label("last_visit"))
        .join(Checkin, Checkin.booking_id == Booking.id)
        .join(EventSession, EventSession.id == Booking.session_id)
        .join(Event, Event.id == EventSession.event_id)
        .where(Event.studio_id == studio.id)
        .group_by(Booking.user_id)
        .having(last <= now - timedelta(days=days), last > now - timedelta(days=days) - LATE_WINDOW)
        .subquery()
    )
    later = select(Booking.id).join(EventSession).join(Event)
    later = later.where(
        Booking.user_id == User.id, Event.studio_id == studio.id, EventSession.starts_at > visits.c.last_visit
    )
    occurrence = cast(visits.c.last_visit, String)
    return (
        select(User.id, occurrence)
        .join(visits, visits.c.user_id == User.id)
        .where(User.erased_at.is_(None), ~exists(later))
    )


def _intro_ending(studio: Studio, days: int, now: datetime):
    """Intro offers (new customers' passes) that end within days (and a day)."""
    ending = _ending(studio, days, now).join(PassProduct, PassProduct.id == Pass.product_id)
    return ending.where(PassProduct.new_customers_only.is_(True))


def _membership_ending(studio: Studio, days: int, now: datetime):
    """Memberships that will not renew and end within days (and a day)."""
    return _ending(studio, days, now).where(Pass.kind == PASS_MEMBERSHIP, Pass.renews.is_(False))


def _ending(studio: Studio, days: int, now: datetime):
    occurrence = literal("pass:") + cast(Pass.id, String)
    return (
        select(User.id, occurrence)
        .join(Pass, Pass.user_id == User.id)
        .where(
            Pass.studio_id == studio.id,
            Pass.status == PASS_ACTIVE,
            Pass.valid_until > now,
            Pass.valid_until <= now + timedelta(days=days + 1),
            User.erased_at.is_(None),
        )
    )

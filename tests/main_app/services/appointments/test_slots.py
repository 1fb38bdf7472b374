"""Free slots of a private session from a teacher's hours on the studio's clock: quarter-hour starts inside the
hours, buffers clear of what they are busy with, days off and extra hours, the booking window, and the clock's
changes (07:00 stays 07:00; a skipped hour opens nothing, a repeated one nothing twice)."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from main_app.services.appointments import Ask, DayChange, Stretch, Teacher, free_slots, instant, open_hours

KOLKATA, LONDON = ZoneInfo("Asia/Kolkata"), ZoneInfo("Europe/London")
MONDAY = date(2026, 12, 7)
HOUR = timedelta(hours=1)


def _ask(zone=KOLKATA, day=MONDAY, days=1, minutes=60, before=0, after=0, earliest=None) -> Ask:
    start = instant(day, time(0, 0), zone)
    return Ask(
        duration=timedelta(minutes=minutes),
        before=timedelta(minutes=before),
        after=timedelta(minutes=after),
        earliest=earliest or start,
        latest=start + timedelta(days=days) - timedelta(minutes=1),
        zone=zone,
    )


def _local(slots, zone=KOLKATA) -> list[str]:
    return [start.astimezone(zone).strftime("%a %H:%M") for start, _teacher in slots]


def _teacher(*stretches, weekday=0, changes=(), busy=(), teacher_id=1) -> Teacher:
    week = {weekday: [Stretch(time(*a), time(*b)) for a, b in stretches]}
    return Teacher(teacher_id, week, changes, busy)


def test_starts_are_quarter_hours_inside_the_hours_with_room_for_the_whole_appointment():
    slots = free_slots([_teacher(((9, 10), (11, 0)))], _ask(minutes=45))
    assert _local(slots) == ["Mon 09:15", "Mon 09:30", "Mon 09:45", "Mon 10:00", "Mon 10:15"]  # 10:30 ends past 11
    slots = free_slots([_teacher(((9, 0), (10, 30)))], _ask(minutes=60))
    assert _local(slots) == ["Mon 09:00", "Mon 09:15", "Mon 09:30"]


def test_a_class_they_teach_and_its_buffers_take_the_slots_around_it():
    busy = [(instant(MONDAY, time(10, 0), KOLKATA), instant(MONDAY, time(11, 0), KOLKATA))]
    teacher = _teacher(((9, 0), (13, 0)), busy=busy)
    assert _local(free_slots([teacher], _ask(minutes=30))) == [
        "Mon 09:00", "Mon 09:15", "Mon 09:30", "Mon 11:00", "Mon 11:15", "Mon 11:30", "Mon 11:45", "Mon 12:00",
        "Mon 12:15", "Mon 12:30",
    ]  # fmt: skip
    # Fifteen minutes kept free before and after: 09:15 would end its buffer at 10:00, touching the class.
    assert _local(free_slots([teacher], _ask(minutes=30, before=15, after=15)))[:3] == [
        "Mon 09:00",
        "Mon 09:15",
        "Mon 11:15",
    ]


def test_a_day_off_an_afternoon_off_and_extra_hours():
    week_day = ((9, 0), (12, 0))
    off = DayChange(MONDAY, off=True)
    assert free_slots([_teacher(week_day, changes=[off])], _ask()) == []
    afternoon = DayChange(MONDAY, off=True, starts=time(10, 0), ends=time(11, 0))
    assert _local(free_slots([_teacher(week_day, changes=[afternoon])], _ask(minutes=60))) == ["Mon 09:00", "Mon 11:00"]
    extra = DayChange(MONDAY, off=False, starts=time(17, 0), ends=time(18, 0))
    assert _local(free_slots([_teacher(week_day, changes=[extra])], _ask(minutes=60)))[-1:] == ["Mon 17:00"]
    tuesday = DayChange(MONDAY + timedelta(days=1), off=False, starts=time(8, 0), ends=time(9, 0))
    assert _local(free_slots([_teacher(changes=[tuesday])], _ask(days=2))) == ["Tue 08:00"]


def test_the_window_leaves_out_starts_before_the_notice_and_after_the_last_day():
    earliest = instant(MONDAY, time(9, 20), KOLKATA)
    slots = free_slots([_teacher(((9, 0), (11, 0)))], _ask(minutes=60, earliest=earliest))
    assert _local(slots) == ["Mon 09:30", "Mon 09:45", "Mon 10:00"]
    every_day = Teacher(1, {day: [Stretch(time(9, 0), time(10, 0))] for day in range(7)})
    assert _local(free_slots([every_day], _ask(days=3))) == ["Mon 09:00", "Tue 09:00", "Wed 09:00"]


def test_seven_stays_seven_across_the_clocks_change_and_the_changed_hour_is_neither_lost_nor_doubled():
    spring, autumn = date(2027, 3, 28), date(2026, 10, 25)  # Sundays: London skips 01:00-02:00, then repeats it
    teacher = Teacher(1, {6: [Stretch(time(0, 0), time(3, 0)), Stretch(time(7, 0), time(8, 0))]})
    skipped = free_slots([teacher], _ask(LONDON, spring, minutes=60))
    # 00:00-03:00 lasts two hours that day: no start in the hour the clock skips.
    assert _local(skipped, LONDON) == ["Sun 00:00", "Sun 00:15", "Sun 00:30", "Sun 00:45", "Sun 02:00", "Sun 07:00"]
    assert skipped[-1][0] == datetime(2027, 3, 28, 6, 0, tzinfo=UTC)
    repeated = free_slots([teacher], _ask(LONDON, autumn, minutes=60))
    assert len([s for s, _ in repeated if s.astimezone(LONDON).hour < 3]) == 13  # four hours: starts 00:00 to 03:00
    assert repeated[-1][0] == datetime(2026, 10, 25, 7, 0, tzinfo=UTC)
    assert len(open_hours(teacher, spring, LONDON)) == 2


def test_any_teacher_gives_each_start_once_per_teacher_in_order():
    one, two = _teacher(((9, 0), (10, 0))), _teacher(((9, 30), (10, 30)), teacher_id=2)
    assert free_slots([two, one], _ask(minutes=60)) == [
        (instant(MONDAY, time(9, 0), KOLKATA), 1),
        (instant(MONDAY, time(9, 30), KOLKATA), 2),
    ]


def test_hours_starting_in_the_skipped_hour_start_when_that_wall_time_reads_after_the_change():
    spring = date(2027, 3, 28)
    teacher = Teacher(1, {6: [Stretch(time(1, 30), time(3, 0))]})
    assert _local(free_slots([teacher], _ask(LONDON, spring, minutes=30)), LONDON) == ["Sun 02:30"]

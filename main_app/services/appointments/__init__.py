"""Private sessions: a studio's appointment services, its teachers' hours, and the free slots they leave."""

from .slots import Ask, DayChange, Stretch, Teacher, free_slots, instant, open_hours

__all__ = ["Ask", "DayChange", "Stretch", "Teacher", "free_slots", "instant", "open_hours"]

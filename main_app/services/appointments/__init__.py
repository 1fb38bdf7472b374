"""Private sessions: a studio's appointment services, its teachers' hours, and the free slots they leave."""

from .availability import slots_document
from .offer import (
    create_service,
    edit_service,
    hours_document,
    rules_document,
    service_document,
    service_of,
    set_hours,
    set_rules,
    studio_services,
)
from .slots import Ask, DayChange, Stretch, Teacher, free_slots, instant, open_hours

__all__ = [
    "Ask",
    "DayChange",
    "Stretch",
    "Teacher",
    "create_service",
    "edit_service",
    "free_slots",
    "hours_document",
    "instant",
    "open_hours",
    "rules_document",
    "service_document",
    "service_of",
    "set_hours",
    "set_rules",
    "slots_document",
    "studio_services",
]

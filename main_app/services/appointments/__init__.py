"""Private sessions: a studio's appointment services, its teachers' hours, and the free slots they leave."""

from .availability import slots_document
from .board import board
from .booking import book_appointment
from .desk import book_for_client, cancel_for_client, move_for_client
from .mine import my_appointments
from .moving import move_own
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
    "board",
    "book_appointment",
    "book_for_client",
    "cancel_for_client",
    "create_service",
    "edit_service",
    "free_slots",
    "hours_document",
    "instant",
    "move_for_client",
    "move_own",
    "my_appointments",
    "open_hours",
    "rules_document",
    "service_document",
    "service_of",
    "set_hours",
    "set_rules",
    "slots_document",
    "studio_services",
]

"""Intake: the questions an event asks the people who book it, and their answers."""

from .answers import labels as answer_labels
from .answers import of_bookings as answers_of_bookings
from .answers import purge as purge_answers
from .answers import store as store_answers
from .questions import FIELDS as QUESTION_FIELDS
from .questions import asked as questions_asked
from .questions import checked as checked_answers
from .questions import document as questions_document
from .questions import for_event as questions_for_event

__all__ = [
    "QUESTION_FIELDS",
    "answer_labels",
    "answers_of_bookings",
    "checked_answers",
    "purge_answers",
    "questions_asked",
    "questions_document",
    "questions_for_event",
    "store_answers",
]

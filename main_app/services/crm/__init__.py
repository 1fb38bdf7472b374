"""The CRM client, its batches, notification payloads and lane, segments' recipients and reconciliation."""

from .automated import TASK_LIMIT, tag_row, task_row
from .batches import DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE
from .facts import FactsUnavailable, PersonFacts, people_facts
from .lane import CRMLane, test_integration
from .messages import (
    BOOKING_TYPES,
    about_session_row,
    approval_step_row,
    booking_change_payload,
    event_change_row,
    message_row,
    session_change_row,
    session_message_row,
    user_registered_row,
)
from .people import seat_for, user_summary
from .reconciliation import reconcile_studio
from .segments import segment_recipients
from .whatsapp import whatsapp_answered_row, whatsapp_received_row

__all__ = [
    "BOOKING_TYPES",
    "DEFAULT_BATCH_SIZE",
    "MAX_BATCH_SIZE",
    "TASK_LIMIT",
    "CRMLane",
    "FactsUnavailable",
    "PersonFacts",
    "about_session_row",
    "approval_step_row",
    "booking_change_payload",
    "event_change_row",
    "message_row",
    "people_facts",
    "reconcile_studio",
    "seat_for",
    "segment_recipients",
    "session_change_row",
    "session_message_row",
    "tag_row",
    "task_row",
    "test_integration",
    "user_registered_row",
    "user_summary",
    "whatsapp_answered_row",
    "whatsapp_received_row",
]

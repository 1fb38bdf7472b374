"""Families: a guardian's children on their account (no login of their own), kept with the guardian's consent."""

from .children import add_child, edit_child, erase_child, my_children
from .members import child_of
from .privacy import family_export, leave_family

__all__ = [
    "add_child",
    "child_of",
    "edit_child",
    "erase_child",
    "family_export",
    "leave_family",
    "my_children",
]

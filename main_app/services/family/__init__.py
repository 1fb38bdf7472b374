"""Families: a guardian's children on their account (no login of their own), kept with the guardian's consent."""

from .ages import check_age
from .children import add_child, edit_child, erase_child, hold_child, my_children
from .invitations import accept as accept_invitation
from .invitations import complete_invitation, invite
from .members import FAMILY_GUARDIANS, child_of
from .own_login import give_own_login
from .privacy import family_child_ids, family_export, leave_family

__all__ = [
    "FAMILY_GUARDIANS",
    "accept_invitation",
    "add_child",
    "check_age",
    "child_of",
    "complete_invitation",
    "edit_child",
    "erase_child",
    "family_child_ids",
    "family_export",
    "give_own_login",
    "hold_child",
    "invite",
    "leave_family",
    "my_children",
]

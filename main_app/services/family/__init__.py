"""Families: a guardian's children on their account (no login of their own), kept with the guardian's consent."""

from .children import add_child, edit_child, erase_child, my_children

__all__ = ["add_child", "edit_child", "erase_child", "my_children"]

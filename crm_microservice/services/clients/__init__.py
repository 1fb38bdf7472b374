"""Each studio's client book: profiles projected from the notifications, read by the studio's staff as their roles
allow, with their notes, tags and consent, and merges of two clients of one person."""

from .book import list_clients, profile, require_book
from .merge import merge, unmerge
from .projection import CLIENT_TYPES, writer
from .staff import add_note, edit_note, set_consent, set_tags

__all__ = [
    "CLIENT_TYPES",
    "add_note",
    "edit_note",
    "list_clients",
    "merge",
    "profile",
    "require_book",
    "set_consent",
    "set_tags",
    "unmerge",
    "writer",
]

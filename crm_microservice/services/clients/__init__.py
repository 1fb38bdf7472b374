"""Each studio's client book: profiles projected from the notifications, read by the studio's staff as their roles
allow, with their notes and tags."""

from .book import list_clients, profile, require_book
from .projection import CLIENT_TYPES, writer
from .staff import add_note, edit_note, set_tags

__all__ = ["CLIENT_TYPES", "add_note", "edit_note", "list_clients", "profile", "require_book", "set_tags", "writer"]

"""Each studio's client book: profiles projected from the notifications, read by the studio's staff as their roles
allow, with their notes, tags and consent, merges of two clients of one person, search and saved segments, and what
studio automations ask of it and tell it."""

from . import export
from .book import list_clients, profile, require_book
from .cards import cards
from .facts import people_facts
from .figures import figures_page
from .marketing import recipients
from .merge import merge, unmerge
from .person import person_data
from .projection import CLIENT_TYPES, writer
from .rebuilding import rebuild
from .segments import (
    create_segment,
    delete_segment,
    list_segments,
    presets,
    segment_conditions,
    show_segment,
    update_segment,
)
from .staff import add_note, edit_note, set_consent, set_tags
from .studio_book import PARTS as BOOK_PARTS
from .studio_book import book_page

__all__ = [
    "BOOK_PARTS",
    "CLIENT_TYPES",
    "add_note",
    "book_page",
    "cards",
    "create_segment",
    "delete_segment",
    "edit_note",
    "export",
    "figures_page",
    "list_clients",
    "list_segments",
    "merge",
    "people_facts",
    "person_data",
    "presets",
    "profile",
    "rebuild",
    "recipients",
    "require_book",
    "segment_conditions",
    "set_consent",
    "set_tags",
    "show_segment",
    "unmerge",
    "update_segment",
    "writer",
]

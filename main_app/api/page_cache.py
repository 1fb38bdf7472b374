"""A short-lived, per-process cache of rendered catalogue pages (the busiest read of the API).

A page is kept for CATALOGUE_CACHE_SECONDS (0 turns the cache off). Any commit made by this process empties
it, so a change is seen at once by requests this process serves; other processes and machines see it once
their copy expires. Only the catalogue list and studios' public pages are cached: an event's own page, booking
and My bookings are always live, and a booking always checks the seats in the database.
"""

import threading
import time

from flask import Flask, current_app, has_app_context
from sqlalchemy import event

from ..extensions import db

EXTENSION = "catalogue_page_cache"
MAX_PAGES = 512  # distinct query strings kept; the oldest goes first


class PageCache:
    """Rendered JSON bodies by key, each valid for ttl seconds."""

    def __init__(self, ttl: float):
        self.ttl = ttl
        self._pages: dict[object, tuple[float, bytes]] = {}
        self._lock = threading.Lock()

    def get_or_render(self, key, render) -> bytes:
        """The cached body for key, or render() (returning bytes) stored for ttl seconds."""
        if self.ttl <= 0:
            return render()
        now = time.monotonic()
        cached = self._pages.get(key)
        if cached is not None and cached[0] > now:
            return cached[1]
        body = render()
        with self._lock:
            if len(self._pages) >= MAX_PAGES:
                self._pages.pop(next(iter(self._pages)))
            self._pages[key] = (now + self.ttl, body)
        return body

    def clear(self) -> None:
        """Forget every page."""
        with self._lock:
            self._pages.clear()


def _clear_after_commit(_session) -> None:
    if has_app_context() and (cache := current_app.extensions.get(EXTENSION)) is not None:
        cache.clear()


def init_app(app: Flask) -> None:
    """Give app its cache and empty it after every commit this process makes."""
    app.extensions[EXTENSION] = PageCache(app.config.get("CATALOGUE_CACHE_SECONDS", 0))
    if not event.contains(db.session, "after_commit", _clear_after_commit):  # once per process
        event.listen(db.session, "after_commit", _clear_after_commit)


def cached_json(key, render_document):
    """A JSON response for key: the cached body, or render_document()'s, rendered once and kept."""
    cache = current_app.extensions[EXTENSION]
    # Compact, as Flask's own JSON responses are.
    body = cache.get_or_render(key, lambda: current_app.json.dumps(render_document(), separators=(",", ":")).encode())
    return current_app.response_class(body, mimetype="application/json")

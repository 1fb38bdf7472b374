"""Routes that take larger bodies than MAX_CONTENT_LENGTH (a batch, an import's file): MAX_CONTENT_LENGTH_BY_PATH =
{path: bytes}, where a path may hold * for one segment's value (/api/studios/*/client-imports)."""

from collections.abc import Mapping
from fnmatch import fnmatchcase

from flask import Flask, current_app, request


def _own_limit(limits: Mapping, path: str) -> int | None:
    if path in limits:
        return limits[path]
    return next((size for pattern, size in limits.items() if "*" in pattern and _matches(path, pattern)), None)


def _matches(path: str, pattern: str) -> bool:
    """Whether path is pattern with each * one segment (no slash)."""
    return path.count("/") == pattern.count("/") and fnmatchcase(path, pattern)


def limit_for(config: Mapping, path: str) -> int | None:
    """The largest body accepted on path: its own limit, else MAX_CONTENT_LENGTH."""
    own = _own_limit(config.get("MAX_CONTENT_LENGTH_BY_PATH") or {}, path)
    return own if own is not None else config.get("MAX_CONTENT_LENGTH")


def _apply_path_limit() -> None:
    # Before any view or decorator reads the body: werkzeug checks the limit when the stream is first opened.
    own = _own_limit(current_app.config.get("MAX_CONTENT_LENGTH_BY_PATH") or {}, request.path)
    if own is not None:
        request.max_content_length = own


def init_app(app: Flask) -> None:
    """Give the paths of MAX_CONTENT_LENGTH_BY_PATH their own body limit (413 above it, in our error shape)."""
    app.before_request(_apply_path_limit)

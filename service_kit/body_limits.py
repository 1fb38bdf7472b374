"""Routes that take larger bodies than MAX_CONTENT_LENGTH (a batch): MAX_CONTENT_LENGTH_BY_PATH = {path: bytes}."""

from collections.abc import Mapping

from flask import Flask, current_app, request


def limit_for(config: Mapping, path: str) -> int | None:
    """The largest body accepted on path: its own limit, else MAX_CONTENT_LENGTH."""
    return (config.get("MAX_CONTENT_LENGTH_BY_PATH") or {}).get(path, config.get("MAX_CONTENT_LENGTH"))


def _apply_path_limit() -> None:
    # Before any view or decorator reads the body: werkzeug checks the limit when the stream is first opened.
    limits = current_app.config.get("MAX_CONTENT_LENGTH_BY_PATH") or {}
    if request.path in limits:
        request.max_content_length = limits[request.path]


def init_app(app: Flask) -> None:
    """Give the paths of MAX_CONTENT_LENGTH_BY_PATH their own body limit (413 above it, in our error shape)."""
    app.before_request(_apply_path_limit)

"""Logging of the CRM: a rotating file (CRM_LOG_FILE) and stderr, both redacted."""

import io
import logging
import os
import sys
from logging.handlers import RotatingFileHandler

from flask import Flask
from flask.logging import default_handler

from .privacy import redact

FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"


class LogFileHandler(RotatingFileHandler):
    """RotatingFileHandler that looks at what the file is only when a line would roll it over, as Python 3.13's
    does (gh-116263): 3.11's stats the path twice for every line."""

    def shouldRollover(self, record: logging.LogRecord) -> bool:
        if self.stream is None:  # opened lazily (delay=True)
            self.stream = self._open()
        if self.maxBytes <= 0:
            return False
        try:
            position = self.stream.seek(0, os.SEEK_END)  # every worker appends to the same file: where it ends now
        except (io.UnsupportedOperation, OSError):
            return False  # a named pipe: never rolled over
        if position == 0 or position + len(self.format(record)) + 1 < self.maxBytes:
            return False
        # Never roll over what is not a regular file (bpo-45401: /dev/null, a pipe).
        return not os.path.exists(self.baseFilename) or os.path.isfile(self.baseFilename)


class RedactingFormatter(logging.Formatter):
    """Formats, then redacts the whole line, traceback included: exceptions can quote payloads."""

    def __init__(self, fmt: str, secrets: tuple[str, ...]):
        super().__init__(fmt)
        self.secrets = secrets

    def format(self, record: logging.LogRecord) -> str:
        # Both handlers (file, stderr) share this formatter: a record is formatted and redacted once.
        cached = getattr(record, "_redacted", None)
        if cached is not None and cached[0] is self:
            return cached[1]
        line = redact(super().format(record), self.secrets)
        record._redacted = (self, line)
        return line


def init_app(app: Flask) -> None:
    """Attach the file and stderr handlers to the service logger (app.logger)."""
    logger = app.logger
    # The logger is process-wide and a test run builds many apps: replace our handlers, never stack them.
    for handler in [h for h in logger.handlers if getattr(h, "crm_handler", False) or h is default_handler]:
        logger.removeHandler(handler)
        if handler is not default_handler:
            handler.close()

    formatter = RedactingFormatter(
        FORMAT,
        secrets=(
            app.config["CRM_AUTH_TOKEN"],
            app.config["JWT_SECRET_KEY"],
            app.config["CRM_SIGNING_SECRET"],
        ),
    )
    log_file = app.config["CRM_LOG_FILE"]
    os.makedirs(os.path.dirname(log_file), exist_ok=True)
    handlers = [
        LogFileHandler(log_file, maxBytes=5 * 1024 * 1024, backupCount=3, encoding="utf-8"),
        logging.StreamHandler(sys.stderr),
    ]
    for handler in handlers:
        handler.crm_handler = True
        handler.setFormatter(formatter)
        logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if app.config["CRM_DEBUG"] else logging.INFO)

"""Masking of personal data and secrets, for anonymous readers and for log files."""

import re

EMAIL_RE = re.compile(r"([A-Za-z0-9._%+\-]+)@([A-Za-z0-9.\-]+\.[A-Za-z]{2,})")
BEARER_RE = re.compile(r"(Bearer\s+)\S+", re.IGNORECASE)


def mask_email(email: str | None) -> str | None:
    """'john@example.com' -> 'j***@example.com'; the domain stays, it helps support."""
    if not email:
        return email
    local, at, domain = email.partition("@")
    if not at:
        return "***"
    return f"{local[:1]}***@{domain}"


def mask_emails_in(value):
    """The value with every email address inside its strings masked (dicts and lists too)."""
    if isinstance(value, str):
        return EMAIL_RE.sub(lambda m: mask_email(m.group(0)), value)
    if isinstance(value, dict):
        return {key: mask_emails_in(item) for key, item in value.items()}
    if isinstance(value, list):
        return [mask_emails_in(item) for item in value]
    return value


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Text fit for a log file: secrets and bearer tokens removed, email addresses masked."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[redacted]")
    text = BEARER_RE.sub(r"\1[redacted]", text)
    return mask_emails_in(text)

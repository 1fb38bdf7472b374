"""The development mailbox: the .eml files the folder transport writes (no MAIL_URL), listed and read back."""

import base64
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.utils import parsedate_to_datetime
from pathlib import Path

from ...error_codes import api_error

SHOWN_HEADERS = ("From", "To", "Date", "Subject", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post")


def _read(path: Path):
    return message_from_bytes(path.read_bytes(), policy=policy.default)


def _date(message, path: Path) -> datetime:
    try:
        return parsedate_to_datetime(message["Date"])
    except (TypeError, ValueError):
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _content(part) -> str:
    """A body part's text; a part in a charset Python does not know is shown as undecodable, not a 500."""
    if part is None:
        return ""
    try:
        return part.get_content()
    except (LookupError, ValueError):
        return part.get_payload(decode=True).decode("utf-8", "replace")


def list_messages(folder: Path, limit: int = 200) -> dict:
    """The newest messages first (at most limit), with their folder."""
    paths = sorted(Path(folder).glob("*.eml"), key=lambda p: p.stat().st_mtime, reverse=True)[:limit]
    messages = []
    for path in paths:
        message = _read(path)
        messages.append(
            {
                "id": path.stem,
                "subject": str(message["Subject"] or ""),
                "from": str(message["From"] or ""),
                "to": str(message["To"] or ""),
                "date": _date(message, path),
                "size": path.stat().st_size,
            }
        )
    return {"folder": str(folder), "messages": messages}


def _inline_images(message, html: str) -> str:
    """The HTML with its inline images (cid:, the check-in QR code) as data: URIs, which the mailbox page shows."""
    for part in message.walk():
        content_id = part.get("Content-ID")
        if content_id and part.get_content_maintype() == "image":
            data = base64.b64encode(part.get_payload(decode=True) or b"").decode("ascii")
            html = html.replace(f"cid:{content_id.strip('<>')}", f"data:{part.get_content_type()};base64,{data}")
    return html


def read_message(folder: Path, message_id: str) -> dict:
    """One message: its headers, text and HTML parts and attachments; 404 when there is none by that id."""
    path = Path(folder) / f"{message_id}.eml"
    if not path.is_file():
        raise api_error("not_found.mailbox", message_id=message_id)
    message = _read(path)
    text, html = message.get_body(("plain",)), message.get_body(("html",))
    return {
        "id": message_id,
        "subject": str(message["Subject"] or ""),
        "from": str(message["From"] or ""),
        "to": str(message["To"] or ""),
        "date": _date(message, path),
        "headers": {name: str(message[name]) for name in SHOWN_HEADERS if message[name] is not None},
        "text": _content(text),
        "html": _inline_images(message, _content(html)),
        "attachments": [
            {
                "filename": part.get_filename() or "",
                "content_type": part.get_content_type(),
                "size": len(part.get_payload(decode=True) or b""),
            }
            for part in message.iter_attachments()
        ],
    }

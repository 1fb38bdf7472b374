"""The development folder's texts (SMS_FOLDER, written by the folder transport), read back for the mailbox page."""

import json
from pathlib import Path


def list_texts(folder: Path, limit: int = 200) -> dict:
    """The newest texts first (at most limit), with their folder; a file that is not a whole text is left out."""
    paths = sorted(Path(folder).glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[:limit]
    texts = []
    for path in paths:
        try:
            text = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # removed meanwhile, or not ours
        if isinstance(text, dict) and {"id", "to", "body", "sent_at"} <= text.keys():
            texts.append({name: text[name] for name in ("id", "to", "body", "sent_at")})
    return {"folder": str(folder), "texts": texts}

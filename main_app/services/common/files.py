"""Files the development transports write (emails, texts), each written whole for the mailbox page reading it."""

from pathlib import Path


def write_whole(path: Path, content: bytes) -> None:
    """Write content to path whole or not at all, making its folder on first use (not checked on every write)."""
    partial = path.with_suffix(".part")
    try:
        partial.write_bytes(content)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(content)
    partial.replace(path)

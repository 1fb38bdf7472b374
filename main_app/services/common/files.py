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


def folder_ready(folder: Path) -> bool:
    """The folder is there or can be made (a development transport's connection test)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return True


def file_name(text: str, fallback: str) -> str:
    """text kept to letters, digits, - and _ (a message id as a file name), else fallback."""
    return "".join(c for c in text if c.isalnum() or c in "-_") or fallback

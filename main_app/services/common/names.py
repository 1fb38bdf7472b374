"""People's names as they are kept and compared: in Unicode NFC, so a name typed with a letter and its mark apart (a
nukta, an accent) and the same name typed with them together are one name."""

import unicodedata


def written(name: str | None) -> str | None:
    """The name in NFC, without spaces around it (None stays None)."""
    return unicodedata.normalize("NFC", name).strip() if name is not None else None

"""How the client book writes and orders names: one form per name (Unicode NFC) whichever keyboard typed it, and a
sort key both databases order the same way.

The key is the name case-folded, without the accents of Latin letters (é as e), in NFC, its spaces collapsed. The
book sorts it by code point (SQLite's BINARY collation, the column's "C" collation on PostgreSQL, whatever the
database's locale): Latin names first, A to Z, then Devanagari in the order of Hindi dictionaries (Hardev Bahri's,
for one): the vowels अ to औ, then the consonants क to ह; under each letter the chandrabindu, anusvara and visarga
first (अँ, अं, अः), then the letter before another consonant (अक … अह), then its vowel signs (का कि की कु कू कृ
के कै को कौ), then its conjuncts (क्क … क्य क्र … क्ष): क्ष and त्र sort under क and त, ज्ञ under ज, श्र under श.
Known gaps: a nukta letter (क़, ड़) sorts between its letter before a consonant and its vowel signs, not with
them, and Marathi's ळ sorts after ल (its alphabet puts it after ह)."""

import unicodedata

LATIN_ACCENTS = range(0x0300, 0x0370)  # Combining Diacritical Marks: Devanagari's signs are elsewhere, kept


def written(text: str | None) -> str | None:
    """The name in NFC: a name typed with decomposed letters (a nukta apart, an accent apart) is the same name."""
    return unicodedata.normalize("NFC", text) if text is not None else None


def sort_key(name: str | None) -> str | None:
    """The key the book sorts a name by (None for none)."""
    if name is None:
        return None
    parts = unicodedata.normalize("NFD", name.casefold())
    plain = "".join(char for char in parts if ord(char) not in LATIN_ACCENTS)
    return " ".join(unicodedata.normalize("NFC", plain).split())

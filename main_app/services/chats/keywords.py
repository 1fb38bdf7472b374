"""The replies that stop and restart WhatsApp messages to a number: the English keywords texts take (Twilio's), and
what people in India type in Hindi and Marathi, in Devanagari and in Latin letters. A reply counts only when it is
the keyword alone (any case, punctuation and emoji around it ignored): "stop sending the reminder at 7" is a
message for the studio, not an opt-out."""

import unicodedata

STOP, START = "stop", "start"

# Twilio's defaults, the same words accounts/phones.py takes for texts (a test keeps the two lists equal).
ENGLISH = {
    STOP: ("stop", "stopall", "unsubscribe", "cancel", "end", "quit", "optout", "revoke"),
    START: ("start", "yes", "unstop", "optin"),
}
# Hindi: रोकें/रोको (stop), बंद करो (switch off), शुरू (start) with its common spelling शुरु, and the English
# word written in Devanagari (स्टॉप), as people type them; romanised Hindi (Hinglish) too.
HINDI = {
    STOP: ("रोकें", "रोको", "रोक दो", "रोक दें", "बंद करो", "बंद करें", "बंद कर दो", "बंद कर दें", "roko", "band karo"),
    START: ("शुरू", "शुरु", "शुरू करो", "शुरू करें", "शुरु करो", "शुरु करें", "चालू करो", "चालू करें", "shuru"),
}
# Marathi: थांबवा/थांबा (stop), बंद करा (switch off), सुरू (start) with its common spelling सुरु.
MARATHI = {
    STOP: ("थांबवा", "थांबा", "थांबव", "बंद करा", "thamba", "thambva", "band kara"),
    START: ("सुरू", "सुरु", "सुरू करा", "सुरु करा", "चालू करा", "suru", "suru kara"),
}
# Said the same way in both: the reply is then in the account's language.
EITHER = {
    STOP: ("बंद", "स्टॉप", "band", "bandh", "bandh karo"),
    START: ("चालू", "स्टार्ट", "chalu"),
}


def normalised(text: str) -> str:
    """text as keywords are compared: NFC, case folded, anything but letters, marks and digits taken out (a full stop,
    the danda ।, an emoji), spaces collapsed."""
    kept = "".join(
        character if unicodedata.category(character)[0] in "LMN" else " "
        for character in unicodedata.normalize("NFC", text).casefold()
    )
    return " ".join(kept.split())


def _table() -> dict[str, tuple[str, str | None]]:
    """Each keyword, normalised, with what it asks (STOP or START) and its language (None: Hindi or Marathi)."""
    table = {}
    for language, words in (("en", ENGLISH), ("hi", HINDI), ("mr", MARATHI), (None, EITHER)):
        for action, spelled in words.items():
            table.update({normalised(word): (action, language) for word in spelled})
    return table


KEYWORDS = _table()


def keyword(text: str | None) -> tuple[str, str | None] | None:
    """(STOP or START, the keyword's language; None when Hindi and Marathi share it) when text is a keyword alone."""
    return KEYWORDS.get(normalised(text or ""))

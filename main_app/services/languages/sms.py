"""How many parts a text (SMS) takes: GSM-7 when every character is in its alphabet (160 in one part, 153 a part
when split; the extension characters count two), else UCS-2, as every Hindi or Marathi text is (70 UTF-16 code
units in one part, 67 a part when split)."""

from dataclasses import dataclass
from math import ceil

# GSM 03.38's basic set; the extension set's characters count twice.
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€")
# (one part, each part of a split text: its header takes the rest)
SINGLE_AND_SPLIT = {"gsm7": (160, 153), "ucs2": (70, 67)}


@dataclass(frozen=True)
class SmsParts:
    """A text's encoding, its length as a phone counts it, the parts it takes and the limit of each of them."""

    encoding: str
    length: int
    parts: int
    per_part: int


def encoding(text: str) -> str:
    """gsm7 when every character is in the GSM-7 alphabet, else ucs2."""
    return "gsm7" if all(c in GSM7_BASIC or c in GSM7_EXTENSION for c in text) else "ucs2"


def sms_length(text: str) -> int:
    """The text's length as a phone counts it: GSM-7 extension characters take two places, UCS-2 counts UTF-16
    code units (an emoji takes two)."""
    if encoding(text) == "ucs2":
        return len(text.encode("utf-16-le")) // 2
    return sum(2 if c in GSM7_EXTENSION else 1 for c in text)


def sms_parts(text: str) -> SmsParts:
    """The parts text takes and each part's limit (the one-part limit when it fits in one)."""
    kind = encoding(text)
    size = sms_length(text)
    single, split = SINGLE_AND_SPLIT[kind]
    if size <= single:
        return SmsParts(kind, size, 1, single)
    return SmsParts(kind, size, ceil(size / split), split)


def part_limits(kind: str, most: int = 2) -> tuple[int, ...]:
    """The longest text of an encoding that takes 1, 2, ... most parts: (160, 306) for GSM-7, (70, 134) for UCS-2."""
    single, split = SINGLE_AND_SPLIT[kind]
    return (single, *(split * parts for parts in range(2, most + 1)))

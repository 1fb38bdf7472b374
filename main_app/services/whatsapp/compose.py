"""A kind of news as a WhatsApp template message: the `template` object of the Cloud API's messages endpoint, its
parameters read from the kind's snapshot in the person's language and made safe to send (Meta refuses a parameter
with a line break, a tab or more than four spaces in a row, or an empty one, and a body too long once filled)."""

import re
import unicodedata

from main_app.services.languages import gettext, speaking

from .fields import ADDRESSES, VALUES
from .templates import LANGUAGE_CODES, LONG_PARAMETERS, TEMPLATES, template_for

PARAMETER_LIMIT = 80  # characters of one parameter: a title or a name past it is cut, with SHORTENED
SHORTENED = "…"
EMPTY = "-"  # what stands for a value the snapshot has not (Meta refuses an empty parameter)
PLACEHOLDER = re.compile(r"\{\{(\d+)\}\}")
WHITESPACE = re.compile(r"\s+")
ZERO_WIDTH_JOINERS = "\u200c\u200d"  # they shape Devanagari: kept inside a value, never left at its end


def clean(value: str, limit: int = PARAMETER_LIMIT) -> str:
    """value as one parameter: control characters and every run of spaces, tabs and line breaks made one space, cut
    to limit characters without splitting a letter from its marks (a Devanagari vowel sign, a virama)."""
    value = "".join(" " if unicodedata.category(c) == "Cc" else c for c in str(value))
    value = WHITESPACE.sub(" ", value).strip()
    if len(value) > limit:
        value = value[: _boundary(value, limit - len(SHORTENED))].rstrip() + SHORTENED
    return value or EMPTY


def limit_of(field: str) -> int:
    """How many characters a parameter carries: more for a person's own words (templates.LONG_PARAMETERS)."""
    return LONG_PARAMETERS.get(field, PARAMETER_LIMIT)


def _boundary(value: str, cut: int) -> int:
    """The nearest place at or before cut that parts no letter from its marks (a Devanagari vowel sign, a nukta) nor
    the letters of a conjunct (joined by a virama or a zero-width joiner)."""
    while cut > 0 and (_attaches(value[cut]) or _joins(value[cut - 1])):
        cut -= 1
    return cut


def _attaches(character: str) -> bool:
    """True for a character drawn with the one before it: a combining mark or a zero-width joiner."""
    return unicodedata.category(character) in ("Mn", "Mc", "Me") or character in ZERO_WIDTH_JOINERS


def _joins(character: str) -> bool:
    """True for a character that joins the letter before it to the one after it: a virama or a zero-width joiner."""
    return unicodedata.combining(character) == 9 or character in ZERO_WIDTH_JOINERS


def template_message(kind: str, snapshot: dict, language: str | None, *, web_url: str) -> dict:
    """The `template` object of a WhatsApp message telling this kind of news from its snapshot in language (English
    for one we do not speak): its name, language and parameters, and its button's link where it is the person's own.
    LookupError for a kind no template carries (templates.WITHOUT_TEMPLATE)."""
    name = template_for(kind, snapshot)
    if name is None:
        raise LookupError(f"no WhatsApp template carries {kind}")
    template = TEMPLATES[name]
    with speaking(language) as spoken:
        values = [clean(VALUES[field](snapshot), limit_of(field)) for field in template["parameters"]]
    components = [{"type": "body", "parameters": [{"type": "text", "text": value} for value in values]}]
    _text, link = template.get("button") or (None, None)
    if link in ADDRESSES:
        suffix = {"type": "text", "text": link_suffix(ADDRESSES[link](snapshot, web_url), web_url)}
        components.append({"type": "button", "sub_type": "url", "index": "0", "parameters": [suffix]})
    return {"name": name, "language": {"code": LANGUAGE_CODES[spoken]}, "components": components}


def link_suffix(address: str, web_url: str) -> str:
    """What a URL button's {{1}} is for address: its part after the web app's address (the template's button opens
    web_url/{{1}}); ValueError for a snapshot with no link, which no button can open."""
    address, base = WHITESPACE.sub("", address), web_url.rstrip("/") + "/"
    if not address:
        raise ValueError("the snapshot has no link for the template's button")
    if address.startswith(base):
        return address[len(base) :]
    # A link written under another address (the web app moved since): its path, under today's address.
    return re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*/?", "", address, flags=re.IGNORECASE)


def body(name: str, language: str | None) -> str:
    """A template's body in language, with its {{n}} placeholders."""
    with speaking(language):
        return gettext(TEMPLATES[name]["body"])


def said(message: dict) -> str:
    """The words a person reads of a template message (template_message's): its body in its language, filled."""
    values = [parameter["text"] for parameter in message["components"][0]["parameters"]]
    return PLACEHOLDER.sub(lambda found: values[int(found.group(1)) - 1], body(message["name"], _ours(message)))


def _ours(message: dict) -> str:
    code = message["language"]["code"]
    return next(language for language, meta in LANGUAGE_CODES.items() if meta == code)

"""Which language a person is spoken to in: the one they chose, else their studio's, else English; and a request's,
from the signed-in person's choice or the browser's Accept-Language."""

from werkzeug.datastructures import LanguageAccept

from service_kit.languages import SOURCE_LANGUAGE

SUPPORTED = ("en", "hi", "mr")
DEFAULT_LANGUAGE = SOURCE_LANGUAGE
# The locale of each language's numbers and dates: India's, so that amounts group in lakhs and crores (₹1,00,000).
LOCALES = {"en": "en_IN", "hi": "hi_IN", "mr": "mr_IN"}


def supported(language: str | None) -> str | None:
    """language when it is one we speak, else None."""
    return language if language in SUPPORTED else None


def language_for(person, studio=None) -> str:
    """The language to compose a message to person in: theirs, else the studio's default, else English. Either may
    be None (a guest without an account, a message of no studio), a model or a snapshot's dict."""
    return supported(_field(person, "language")) or supported(_field(studio, "default_language")) or DEFAULT_LANGUAGE


def request_language(chosen: str | None, accepted: LanguageAccept) -> str | None:
    """The language a request asks for: the signed-in person's choice, else the first of Accept-Language (by
    quality) whose language we speak (hi-IN is Hindi, before an English it prefers less); None when it asks for
    none we speak (it is then answered in English, and what it makes takes its studio's language)."""
    return supported(chosen) or next(_spoken(accepted), None)


def _spoken(accepted: LanguageAccept):
    for tag, quality in accepted:  # highest quality first
        language = tag.replace("_", "-").split("-")[0].lower()
        if quality > 0 and language in SUPPORTED:
            yield language


def _field(thing, name: str) -> str | None:
    if thing is None:
        return None
    return thing.get(name) if isinstance(thing, dict) else getattr(thing, name, None)

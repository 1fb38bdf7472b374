"""The language a service speaks: gettext catalogues (a folder of <language>/LC_MESSAGES/messages.po, compiled to
.mo) read with Babel, a request's language from Flask-Babel's locale selector, and `speaking(language)` for words
composed for someone else (an email a lane's thread sends, with no request and often no app context).

The catalogue folder is one per process (the service's), registered when its app is built; before that, and for a
language without a catalogue, the words are the source's (English)."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from threading import Lock

import flask_babel
from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from flask import current_app, has_app_context, has_request_context

DOMAIN = "messages"
SOURCE_LANGUAGE = "en"
# The language `speaking` chose, for whatever thread or task composes within it; None: the request's, else English.
_SPOKEN: ContextVar[str | None] = ContextVar("spoken_language", default=None)


class Catalogues:
    """The compiled catalogues of one folder, each read once and kept (they ship with the code)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._loaded: dict[str, NullTranslations] = {}
        self._lock = Lock()

    def translations(self, language: str) -> NullTranslations:
        """The language's words (the source's, as NullTranslations, where it has no compiled catalogue)."""
        found = self._loaded.get(language)
        if found is None:
            with self._lock:
                found = self._loaded.setdefault(language, self._read(language))
        return found

    def _read(self, language: str) -> NullTranslations:
        if language == SOURCE_LANGUAGE:
            return NullTranslations()
        return Translations.load(str(self.folder), [language], DOMAIN)

    def stale(self) -> list[Path]:
        """The .po files whose .mo is missing or older than they are."""
        return [
            po for po in sorted(self.folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po")) if _older(po.with_suffix(".mo"), po)
        ]

    def compile_stale(self) -> list[Path]:
        """Compile each stale .po (fuzzy entries left out, as msgfmt does), each .mo replaced whole; the .po files
        compiled."""
        compiled = self.stale()
        for po in compiled:
            with po.open("rb") as source:
                catalog = read_po(source, locale=po.parent.parent.name, domain=DOMAIN)
            partial = po.with_suffix(f".mo.{id(self)}.part")  # a neighbour compiling the same file writes its own
            with partial.open("wb") as target:
                write_mo(target, catalog)
            partial.replace(po.with_suffix(".mo"))
        return compiled


def _older(target: Path, source: Path) -> bool:
    return not target.exists() or target.stat().st_mtime < source.stat().st_mtime


_registered: list[Catalogues] = []


def use_catalogues(catalogues: Catalogues) -> None:
    """Make these the process's catalogues (the service's app factory registers its folder)."""
    _registered[:] = [catalogues]


def spoken_language() -> str:
    """The language words are composed in now: `speaking`'s, else the request's (Flask-Babel's locale selector),
    else the source language."""
    chosen = _SPOKEN.get()
    if chosen:
        return chosen
    if has_app_context() and "babel" in current_app.extensions:
        locale = flask_babel.get_locale()
        return locale.language if locale else SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def requested_language() -> str | None:
    """The language the request being answered asks for (its person's choice or its browser's), None when it asks
    for none we speak or outside a request: what a record it makes remembers (a booking, for its guests' emails)."""
    if not (has_request_context() and "babel" in current_app.extensions):
        return None
    select = flask_babel.get_babel().locale_selector
    asked = select() if select else None
    return Locale.parse(asked).language if asked else None


@contextmanager
def speaking(language: str, locale: str | None = None) -> Iterator[str]:
    """Compose in language within the block, on this thread or task: our gettext, and Flask-Babel's (its
    force_locale, with locale for its number and date formats) where an app context is there."""
    token = _SPOKEN.set(language)
    try:
        if has_app_context() and "babel" in current_app.extensions:
            with flask_babel.force_locale(locale or language):
                yield language
        else:
            yield language
    finally:
        _SPOKEN.reset(token)


def _translations() -> NullTranslations:
    language = spoken_language()
    if not _registered or language == SOURCE_LANGUAGE:
        return NullTranslations()
    return _registered[0].translations(language)


def translated(message: str) -> str:
    """message in the language spoken now, unformatted (Jinja's {% trans %} fills its fields itself)."""
    return _translations().gettext(message) if message else message


def translated_plural(singular: str, plural: str, count: int) -> str:
    """The form for count in the language spoken now, unformatted (for Jinja's {% pluralize %})."""
    return _translations().ngettext(singular, plural, count)


def gettext(message: str, **fields) -> str:
    """message in the language spoken now, its %(name)s fields filled when given."""
    words = translated(message)  # "" stays "" (its translation would be the catalogue's header)
    return words % fields if fields else words


def ngettext(singular: str, plural: str, count: int, **fields) -> str:
    """The form for count (a language has as many as its catalogue's Plural-Forms say), %(num)d filled with it."""
    fields.setdefault("num", count)
    return translated_plural(singular, plural, count) % fields


def lazy_gettext(message: str, **fields) -> flask_babel.LazyString:
    """message translated when it is read as a string (a module-level constant, read in each request's language)."""
    return flask_babel.LazyString(gettext, message, **fields)


def N_(message: str) -> str:
    """Mark message for extraction where it is defined; the code that shows it translates it then."""
    return message

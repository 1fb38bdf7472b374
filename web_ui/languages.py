"""The language a page of the web app is served in: the visitor's choice (the app's `lang` cookie), else the first of
their browser's languages we speak, else the studio's default on a studio's own pages and widget, else English.
Its words come from the server's catalogues (main_app/translations, one for the whole server: `python3 dev.py
translations`), read here without touching the main API's own (service_kit.languages' per-process registry)."""

from pathlib import Path

from flask import request

from service_kit.languages import N_, Catalogues

SUPPORTED = ("en", "hi", "mr")
CATALOGUES = Catalogues(Path(__file__).resolve().parent.parent / "main_app" / "translations")
__all__ = ["N_", "SUPPORTED", "page_language", "words"]


def page_language(studio_default: str | None = None) -> str:
    """This request's page language (see the module's docstring)."""
    chosen = request.cookies.get("lang")
    if chosen in SUPPORTED:
        return chosen
    for tag, quality in request.accept_languages:
        language = tag.replace("_", "-").split("-")[0].lower()
        if quality > 0 and language in SUPPORTED:
            return language
    return studio_default if studio_default in SUPPORTED else "en"


def words(language: str, message: str, **fields) -> str:
    """message in language, its %(name)s fields filled."""
    said = CATALOGUES.translations(language).gettext(message) if language != "en" else message
    return said % fields if fields else said


def plural_words(language: str, singular: str, plural: str, count: int, **fields) -> str:
    """The form for count in language, %(num)d filled with it."""
    fields.setdefault("num", count)
    return CATALOGUES.translations(language).ngettext(singular, plural, count) % fields

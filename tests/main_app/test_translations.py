"""The server's catalogues are whole and agree with the code: the committed messages.pot is what extraction finds now,
each language's .po has exactly its words, every one translated (no fuzzy entry), with the same placeholders and
plural forms as the English; and the compiled .mo the services read is the .po's."""

import re
import string
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import dev

TRANSLATIONS = dev.TRANSLATIONS
LANGUAGES = dev.TRANSLATED
# Fields a raise site fills with English words (a plural's "s", "seat" or "seats"): a translation may leave them out
# and say the same with its own words. Every other field of the English must appear in each translation.
ENGLISH_ONLY_FIELDS = {"plural", "word", "seats_are"}
PERCENT_FIELD = re.compile(r"%\((\w+)\)[sd]")  # gettext's %(name)s, as Jinja's {% trans %} writes its variables


def _read(path: Path):
    with path.open("rb") as file:
        return read_po(file)


def _ids(catalog) -> set:
    return {message.id for message in catalog if message.id}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The .pot extraction makes from the code now, as `python3 dev.py translations` makes it."""
    pot = tmp_path_factory.mktemp("catalogue") / "messages.pot"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(dev.ROOT)
        CommandLineInterface().run(["pybabel", "--quiet", *dev.EXTRACT, "--output-file", str(pot), *dev.EXTRACTED])
    return _read(pot)


def test_the_committed_template_is_what_extraction_finds(extracted):
    committed = _ids(_read(dev.POT))
    new, gone = _ids(extracted) - committed, committed - _ids(extracted)
    assert not new and not gone, f"python3 dev.py translations updates the catalogues: new {new}, gone {gone}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_exactly_the_templates_words_all_translated(language):
    catalog = _read(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po")
    wanted = _ids(_read(dev.POT))
    assert _ids(catalog) == wanted, "python3 dev.py translations adds the new words and drops the gone"
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert not fuzzy, f"fuzzy entries (a guess from a similar word) need a translator's look: {fuzzy}"
    strings = {message.id: message.string for message in catalog if message.id}
    empty = [key for key, said in strings.items() if not all(said if isinstance(said, tuple) else (said,))]
    assert not empty, f"untranslated in {language}: {empty}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_and_plural_forms_match_the_english(language):
    catalog = _read(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po")
    problems = [f"{message.id!r}: {errors}" for message, errors in catalog.check()]  # %-placeholders, plurals
    for message in catalog:
        if message.id:
            problems += _brace_problems(message)
    assert not problems, "\n".join(problems)


def _brace_problems(message) -> list[str]:
    """What a translation's placeholders ({field}, str.format's; %(field)s, gettext's) get wrong against the English:
    a field it has not, or one it leaves out (Babel's own check lets a translation leave every %-field out)."""
    # A plural's forms may use the fields of either English form, and need those of both (the singular often says "a
    # seat", not the count).
    forms = [_fields(english) for english in ((message.id,) if isinstance(message.id, str) else message.id)]
    english, needed = set().union(*forms), set.intersection(*forms)
    said = message.string if isinstance(message.string, tuple) else (message.string,)
    problems = []
    for translation in said:
        fields = _fields(translation)
        unknown = fields - english
        missing = {field for field in needed - fields if field.split("!")[0] not in ENGLISH_ONLY_FIELDS}
        if unknown or missing:
            problems.append(f"{message.id!r} -> {translation!r}: unknown {sorted(unknown)}, missing {sorted(missing)}")
    return problems


def _fields(text: str) -> set[str]:
    """The %(field)s, {field} and {field!r} placeholders of text."""
    percent = {f"%{name}" for name in PERCENT_FIELD.findall(text)}
    try:
        return percent | {
            f"{name}!{conversion}" if conversion else name
            for _, name, _, conversion in string.Formatter().parse(text)
            if name is not None
        }
    except ValueError:  # a lone brace: no str.format template
        return percent


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_the_translations(language):
    """dev.py's install step and tests/conftest.py compile a .po newer than its .mo: what the services read is it."""
    folder = TRANSLATIONS / language / "LC_MESSAGES"
    with (folder / "messages.mo").open("rb") as file:
        compiled = {_held(message.id): _held(message.string) for message in read_mo(file) if message.id}
    written = {_held(message.id): _held(message.string) for message in _read(folder / "messages.po") if message.id}
    assert compiled == written


def _held(words):
    """A message's id or string as one value to compare: a plural's forms (a list read from the .mo) as a tuple."""
    return tuple(words) if isinstance(words, list | tuple) else words

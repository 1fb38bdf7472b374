"""What a phone fetches first on the pages people land on, read off the built app's manifest: the app's chunk, the
booking flow's, the page's own and its language's first words (frontend/vite.config.js, src/lib/i18n.js), and no
ICU parser (the catalogues come parsed: frontend/build-tools/parsed-messages.js). bench/lighthouse.py measures the
phone score these keep."""

import json

import pytest
from conftest import DIST, _missing

from web_ui.chunks import preloads
from web_ui.pages import EVENT_MODULE, STUDIO_MODULE, TIMETABLE_MODULE

# A string of the ICU parser's own (its error kinds), in no chunk of the no-parser build it is swapped for.
PARSER_MARK = "EXPECT_ARGUMENT_CLOSING_BRACE"


@pytest.fixture(scope="module")
def manifest():
    path = DIST / ".vite" / "manifest.json"
    if not path.exists():
        _missing("the web app is not built: `python3 dev.py test` builds it")
    return json.loads(path.read_text(encoding="utf-8"))


def _entry_scripts(manifest: dict) -> list[str]:
    entry = manifest["index.html"]
    return [f"/{entry['file']}", *(f"/{manifest[key]['file']}" for key in entry.get("imports", []))]


@pytest.mark.parametrize("module", [TIMETABLE_MODULE, EVENT_MODULE, STUDIO_MODULE])
@pytest.mark.parametrize("language", ["en", "hi"])
def test_a_landing_page_fetches_a_handful_of_scripts_in_its_language(manifest, module, language):
    page_scripts, _styles = preloads(DIST, (module, f"src/locales/{language}/first.js"))
    scripts = _entry_scripts(manifest) + page_scripts
    # A browser opens six connections to a host over HTTP/1.1: one round of them fetches the page's script.
    assert len(scripts) <= 6, scripts
    assert sum("/first-" in script for script in scripts) == 1
    assert not any("/rest-" in script for script in scripts)


def test_no_script_of_the_app_carries_the_icu_parser():
    scripts = sorted((DIST / "assets").glob("*.js"))
    if not scripts:
        _missing("the web app is not built: `python3 dev.py test` builds it")
    assert [script.name for script in scripts if PARSER_MARK in script.read_text(encoding="utf-8")] == []

"""Every page each kind of person can open, at a laptop's 1280 px and a phone's 390 px: it passes axe (the visitor,
the person who books, the facilitator and the admin), and it neither spills out of its window nor cuts its words
(the visitor, the person who books and the facilitator, with next week's timetable too).

Then the same page in Hindi, Marathi, the 40 %-longer accented pseudo-language and the right-to-left one, switched
as the navbar's language choice does (no reload): in each it neither spills nor cuts its words, the right-to-left one
lays it out mirrored, and axe passes in one of the four, a different one from page to page (axe reads the same
markup whatever its words; what a language changes is their length, direction and the page's lang).

Each role and size is walked once, both checks on each page, in one browser page that goes from page to page as the
app's links do: the app and axe load once per walk instead of once per page."""

import re
from dataclasses import dataclass, field

import pytest
from browser_pages import close_page, open_page, screenshot_folder, take_screenshot, unexpected_errors
from site_pages import log_in, next_monday, pages_of, spills, visit
from test_accessibility import AXE, violations

pytestmark = pytest.mark.e2e
SIZES = {"desktop": {"width": 1280, "height": 860}, "phone": {"width": 390, "height": 844}}
SPILL_ROLES = ("guest", "user", "facilitator")
LANGUAGES = ("hi", "mr", "en-XA", "ar-XB")
# The navbar's language choice, made as a person makes it (its select is in the DOM behind a phone's Menu button),
# in one call: done when the page's lang and direction follow (the app marks them once the words are in), React has
# drawn them (two frames on) and the fonts they asked for (Devanagari's) are in. Watched in the page rather than
# polled from here: a page is switched five times, and a poll's sleep each time added up to most of the walk.
SWITCH = """async ([code, direction]) => {
  const root = document.documentElement;
  const switched = () => root.lang === code && root.dir === direction;
  const select = document.querySelector(".language-switcher select");
  select.value = code;
  select.dispatchEvent(new Event("change", { bubbles: true }));
  await new Promise((done, fail) => {
    const late = setTimeout(() => fail(new Error(`the page is still not in ${code}`)), 10000);
    const watch = new MutationObserver(() => switched() && finish());
    const finish = () => { watch.disconnect(); clearTimeout(late); done(); };
    watch.observe(root, { attributes: true, attributeFilter: ["lang", "dir"] });
    if (switched()) finish();
  });
  await new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn)));
  await document.fonts.ready;
}"""


@dataclass
class Walk:
    """What one walk found, by path: axe's violations, the spills, and what the browser reported."""

    violations: dict[str, list[str]] = field(default_factory=dict)
    spills: dict[str, list[str]] = field(default_factory=dict)
    languages: dict[str, list[str]] = field(default_factory=dict)
    errors: str = ""


@pytest.fixture(scope="module")
def walks(browser, web_stack, tmp_path_factory):
    """walks(role, size) → that role's walk at that size, taken the first time a test asks for it; a role signs in
    once, and its walk at the other size starts signed in."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: npm ci in frontend/ installs it", pytrace=False)
    axe_source, folder = AXE.read_text(encoding="utf-8"), screenshot_folder(tmp_path_factory.mktemp("walks"))
    done, signed_in = {}, {}

    def walk(role: str, size: str) -> Walk:
        if (role, size) in done:
            return done[role, size]
        problems = []
        page = open_page(browser, web_stack, problems, **SIZES[size], storage_state=signed_in.get(role))
        try:
            if role != "guest" and role not in signed_in:
                log_in(page, role)
                signed_in[role] = page.context.storage_state()
            done[role, size] = take_walk(page, web_stack, axe_source, folder, role, size)
        finally:
            close_page(page, web_stack)
        done[role, size].errors = unexpected_errors(problems)
        return done[role, size]

    return walk


def take_walk(page, stack, axe_source: str, folder, role: str, size: str) -> Walk:
    """Each page role can open, in turn: its spills (before axe touches the page), axe, a screenshot."""
    walk = Walk()
    paths = pages_of(page, role, stack)
    more = ["/timetable?week=" + next_monday(page)] if role in SPILL_ROLES else []
    for step, path in enumerate([*paths, *more]):
        visit(page, path, fresh=step == 0)
        name = f"{role}-{size}-{re.sub(r'[^a-z0-9]+', '-', path).strip('-') or 'home'}"
        if role in SPILL_ROLES and (found := spills(page)):
            walk.spills[path] = found
            take_screenshot(page, folder / f"overflow-{name}.png")
        if path in paths:
            if found := violations(page, axe_source):
                walk.violations[path] = found
            take_screenshot(page, folder / f"a11y-{name}.png")
            if found := in_other_languages(page, axe_source, folder, name, LANGUAGES[step % len(LANGUAGES)]):
                walk.languages[path] = found
    return walk


def in_other_languages(page, axe_source: str, folder, name: str, axe_in: str) -> list[str]:
    """The page in each language in turn, then in English again: what spills in each, and axe's findings in axe_in."""
    found = []
    for code in LANGUAGES:
        switch_language(page, code)
        problems = [f"{code}: {spill}" for spill in spills(page)]
        if code == axe_in:
            problems += [f"{code}: {violation}" for violation in violations(page, axe_source)]
        if problems:
            take_screenshot(page, folder / f"{code}-{name}.png")
        found += problems
    switch_language(page, "en")
    return found


def switch_language(page, code: str) -> None:
    page.evaluate(SWITCH, [code, "rtl" if code == "ar-XB" else "ltr"])


def report(found: dict[str, list[str]], errors: str) -> str:
    """One line per problem on a page, then what the browser reported; "" when there is nothing."""
    return "\n".join([*(f"{path}: {problem}" for path, problems in found.items() for problem in problems), errors])


@pytest.mark.parametrize("role", ["guest", "user", "facilitator", "admin"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_every_page_has_no_axe_violations(walks, role, size):
    walk = walks(role, size)
    problems = report(walk.violations, walk.errors)
    assert not problems, problems


@pytest.mark.parametrize("role", ["guest", "user", "facilitator", "admin"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_every_page_reads_in_every_language(walks, role, size):
    walk = walks(role, size)
    problems = report(walk.languages, walk.errors)
    assert not problems, problems


@pytest.mark.parametrize("role", SPILL_ROLES)
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_no_page_spills_or_cuts_its_words(walks, role, size):
    walk = walks(role, size)
    problems = report(walk.spills, walk.errors)
    assert not problems, problems

"""The public pages as search engines and link previews read them: each with its own title, description, canonical
address, Open Graph and Twitter cards and schema.org JSON-LD, written into the app's index.html from the main API's
public answers. People get the same single-page app; only its head differs."""

import json
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from html import escape
from urllib.parse import urlencode

from . import structured_data as ld
from .languages import N_, plural_words, words
from .main_api import MainApi

SITE_NAME = N_("Sessions & Retreats")
SITE_DESCRIPTION = N_("Book classes, workshops and retreats at independent studios.")
CATALOGUE_EVENTS = 12  # the catalogue's first page as the app asks for it (features/events/api.js EVENTS_PER_PAGE)
EVENT_SESSIONS = 20  # an event's next sessions in its JSON-LD
TIMETABLE_SESSIONS = 50
TITLE = re.compile(r"<title>.*?</title>", re.S)
HTML_LANG = re.compile(r'<html lang="[^"]*"')
DESCRIPTION = re.compile(r'<meta name="description"[^>]*>\s*')
# The app's page modules (frontend/src/app/pages.js), as the build manifest names them.
EVENT_MODULE = "src/app/BookableEventPage.jsx"
TIMETABLE_MODULE = "src/app/BookableTimetablePage.jsx"
STUDIO_MODULE = "src/features/studios/components/StudioPage.jsx"
EMBEDDED_MODULES = {"timetable": "src/features/events/components/EmbedTimetable.jsx",
                    "event": "src/features/events/components/EmbedEvent.jsx"}  # fmt: skip


@dataclass(frozen=True)
class Head:
    """What a page's head says of it; status 404 for a page whose event or studio is not there."""

    title: str
    description: str
    path: str
    json_ld: dict | None = None
    og_type: str = "website"
    status: int = 200
    robots: str | None = None
    # An embedded view's: the origins that may frame it (its studio's embed_origins); None: no framing at all.
    frame_ancestors: tuple[str, ...] | None = None
    # The main API's answers read for it, by the path and query the app asks them with: the app starts from these
    # instead of asking again, so the page's content needs no round trip to another origin.
    answers: dict | None = None
    # The module of the app's page (as the build manifest names it): its chunks are preloaded with the app's script.
    module: str | None = None
    language: str = "en"  # the page's words' (its <html lang>, and the app's bundle preloaded with it)


class Urls:
    """Absolute addresses of the app's public pages."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")

    def page(self, path: str) -> str:
        return f"{self.base}{path}"

    def event(self, event_id) -> str:
        return self.page(f"/events/{event_id}")

    def studio(self, slug: str) -> str:
        return self.page(f"/studios/{slug}")


def english(studio_default: str | None = None) -> str:
    """The page language where nobody asks for one (a test, a crawler's fetch without Accept-Language)."""
    return "en"


def head_for(path: str, api: MainApi, urls: Urls, speak=english) -> Head | None:
    """The head of a public page at path ("" is the catalogue) in the language speak(studio's default) picks; None
    for the app's other pages."""
    for pattern, build in PAGES:
        found = pattern.fullmatch(path)
        if found:
            return build(api, urls, speak, *found.groups())
    return None


def _site(language: str) -> str:
    return words(language, SITE_NAME)


def catalogue(api: MainApi, urls: Urls, speak) -> Head:
    language = speak()
    first_page = api.get("/events", page=1, per_page=CATALOGUE_EVENTS)
    nodes = [node for event in first_page["items"] for node in _next_sessions(event, urls, 1)]
    answers = {f"/events?page=1&per_page={CATALOGUE_EVENTS}": first_page}
    title = words(language, "Classes and retreats · %(site)s", site=_site(language))
    return Head(title, words(language, SITE_DESCRIPTION), "/", ld.graph(nodes), answers=answers, language=language)


def timetable(api: MainApi, urls: Urls, speak, studio: str | None = None) -> Head:
    # This week as most viewers' clocks have it (the app asks for its viewer's own week: usually the same), and the
    # next, so that search engines learn of classes to come even late on a Sunday.
    monday = datetime.now(UTC).date() - timedelta(days=datetime.now(UTC).weekday())
    weeks = [_week(monday + timedelta(days=7 * n), studio) for n in range(2)]
    this_week, next_week = (api.get("/timetable", **query) for query in weeks)
    days = this_week["days"] + next_week["days"]
    sessions = [s for day in days for s in day["sessions"] if s["bookable"]][:TIMETABLE_SESSIONS]
    nodes = [ld.session_event(s, {**s["event"], "facilitator": s["facilitator"]}, urls) for s in sessions]
    language = speak()
    description = words(language, "This week's classes from %(start)s to %(end)s: book a seat online.",
                        start=this_week["from"], end=this_week["to"])  # fmt: skip
    answers = {f"/timetable?{urlencode(weeks[0])}": this_week}
    title = words(language, "Timetable · %(site)s", site=_site(language))
    return Head(title, description, "/timetable", ld.graph(nodes), answers=answers, module=TIMETABLE_MODULE,
                language=language)  # fmt: skip


def _week(monday, studio: str | None) -> dict:
    """The timetable's query for the week from monday, as the app writes it (of one studio's, for its widget)."""
    return {"from": monday.isoformat(), "to": (monday + timedelta(days=6)).isoformat()} | (
        {"studio": studio} if studio else {}
    )


def event_page(api: MainApi, urls: Urls, speak, event_id: str) -> Head:
    event = api.get(f"/events/{event_id}")
    if event is None:
        return _missing(f"/events/{event_id}", speak())
    head = _event_head(event, urls, speak(event["studio"].get("default_language")))
    # The passes that pay for it, which the page's booking asks for as it opens.
    passes = {f"/passes?event_id={event['id']}": api.get("/passes", event_id=event["id"])}
    return replace(head, answers=head.answers | passes)


def _event_head(event: dict, urls: Urls, language: str) -> Head:
    where = f" · {event['location']}" if event.get("location") else ""
    description = ld.shortened(event.get("description") or f"{event['title']}{where}", 160)
    nodes = _next_sessions(event, urls, EVENT_SESSIONS)
    return Head(f"{event['title']} · {event['studio']['name']}", description, f"/events/{event['id']}",
                ld.graph(nodes), og_type="event", answers={f"/events/{event['id']}": event},
                module=EVENT_MODULE, language=language)  # fmt: skip


def studio_page(api: MainApi, urls: Urls, speak, slug: str) -> Head:
    page = api.get(f"/api/public/studios/{slug}")
    if page is None:
        return _missing(f"/studios/{slug}", speak())
    studio = page["studio"]
    language = speak(studio.get("default_language"))
    description = plural_words(
        language,
        "%(studio)s: %(num)d upcoming class and retreats to book online.",
        "%(studio)s: %(num)d upcoming classes and retreats to book online.",
        page["events_total"],
        studio=studio["name"],
    )
    nodes = [ld.studio_organization(studio, urls)]
    nodes += [node for event in page["events"] for node in _next_sessions(event, urls, 1)]
    answers = {f"/api/public/studios/{slug}": page}
    return Head(f"{studio['name']} · {_site(language)}", description, f"/studios/{slug}", ld.graph(nodes),
                answers=answers, module=STUDIO_MODULE, language=language)  # fmt: skip


def embedded_timetable(api: MainApi, urls: Urls, speak, slug: str) -> Head:
    page = api.get(f"/api/public/studios/{slug}")
    studio_speaks = _studio_speaks(speak, page)
    return _embedded(page, timetable(api, urls, studio_speaks, slug), EMBEDDED_MODULES["timetable"])


def embedded_event(api: MainApi, urls: Urls, speak, slug: str, event_id: str) -> Head:
    page = api.get(f"/api/public/studios/{slug}")
    language = _studio_speaks(speak, page)()
    event = api.get(f"/events/{event_id}")
    # Another studio's event is not this studio's to frame.
    ours = event is not None and event["studio"]["slug"] == slug
    shown = _event_head(event, urls, language) if ours else _missing(f"/events/{event_id}", language)
    return _embedded(page, shown, EMBEDDED_MODULES["event"])


def _studio_speaks(speak, page: dict | None):
    """speak with the widget's studio's default language as the fallback."""
    default = page["studio"].get("default_language") if page else None
    return lambda _default=None: speak(default)


def _embedded(page: dict | None, shown: Head, module: str) -> Head:
    """A widget's view: the page's head, kept out of search results (the studio's own page is the one to find),
    framed only by the studio's sites."""
    origins = tuple(page["studio"]["embed_origins"]) if page else None
    status = 404 if page is None else shown.status
    return replace(shown, og_type="website", status=status, robots="noindex", frame_ancestors=origins, module=module)


def _missing(path: str, language: str = "en") -> Head:
    title = words(language, "Not found · %(site)s", site=_site(language))
    return Head(title, words(language, "This page is not here."), path, status=404, robots="noindex",
                language=language)  # fmt: skip


def _next_sessions(event: dict, urls: Urls, most: int) -> list[dict]:
    """JSON-LD Events for the next `most` scheduled sessions of a catalogue event that have not started."""
    now = datetime.now(UTC)
    upcoming = [s for s in event["sessions"] if s["status"] == "scheduled" and _instant(s["starts_at"]) > now]
    return [ld.session_event(session, event, urls) for session in upcoming[:most]]


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


PAGES = (
    (re.compile(r""), catalogue),
    (re.compile(r"timetable"), timetable),
    (re.compile(r"events/([0-9]{1,18})"), event_page),
    (re.compile(r"studios/([a-z0-9-]{1,64})"), studio_page),
    (re.compile(r"embed/([a-z0-9-]{1,64})/timetable"), embedded_timetable),
    (re.compile(r"embed/([a-z0-9-]{1,64})/events/([0-9]{1,18})"), embedded_event),
)


def written_into(
    index_html: str, head: Head, urls: Urls, main_api_url: str, scripts: list[str] = (), styles: list[str] = ()
) -> str:
    """index.html with the page's title, description, canonical address, cards and JSON-LD in its head, a connection
    to the main API opened early, the page's script chunks and style sheets fetched beside the app's own, and the
    main API's answers the app would ask for first (by their full address)."""
    canonical = urls.page(head.path)
    tags = [
        f'<link rel="preconnect" href="{escape(main_api_url)}" crossorigin />',
        *(f'<link rel="modulepreload" crossorigin href="{escape(chunk)}" />' for chunk in scripts),
        *(f'<link rel="preload" as="style" crossorigin href="{escape(sheet)}" />' for sheet in styles),
        f'<meta name="description" content="{escape(head.description)}" />',
        f'<link rel="canonical" href="{escape(canonical)}" />',
        *_meta("property", {"og:type": head.og_type, "og:site_name": _site(head.language), "og:title": head.title,
                            "og:description": head.description, "og:url": canonical,
                            "og:image": urls.page("/icon-512.png")}),
        *_meta("name", {"twitter:card": "summary", "twitter:title": head.title,
                        "twitter:description": head.description}),
    ]  # fmt: skip
    if head.robots:
        tags.append(f'<meta name="robots" content="{escape(head.robots)}" />')
    # The page's data goes after its content: a phone paints the page before it has read them.
    data = []
    if head.json_ld:
        data.append(f'<script type="application/ld+json">{_script_text(head.json_ld)}</script>')
    if head.answers:
        answers = {f"{main_api_url}{path}": answer for path, answer in head.answers.items()}
        data.append(f'<script type="application/json" id="preloaded-answers">{_script_text(answers)}</script>')
    html = in_language(index_html, head.language)
    html = TITLE.sub(lambda _match: f"<title>{escape(head.title)}</title>", html, count=1)
    html = DESCRIPTION.sub("", html, count=1)
    html = html.replace("</head>", "    " + "\n    ".join(tags) + "\n  </head>", 1)
    return html.replace("</body>", "  " + "\n  ".join(data) + "\n  </body>", 1) if data else html


def in_language(index_html: str, language: str) -> str:
    """index.html saying its language (screen readers and search engines read it before the app runs)."""
    return HTML_LANG.sub(f'<html lang="{escape(language)}"', index_html, count=1)


def _script_text(document) -> str:
    """JSON for a script element's text: "<" escaped, so no text of a studio's can close the element early."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _meta(attribute: str, values: dict) -> list[str]:
    return [f'<meta {attribute}="{name}" content="{escape(value)}" />' for name, value in values.items()]

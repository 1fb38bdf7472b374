"""The public pages as search engines read them, served by the real web app server from the real main API (demo
data): each page's own head, schema.org Event JSON-LD that pyld expands and schema.org's vocabulary accepts, the
sitemap and robots.txt, and a widget's frame-ancestors."""

import json
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest
from lxml import html as lxml_html
from pyld import jsonld

SCHEMA = "https://schema.org/"
VOCABULARY = json.loads(Path(__file__).with_name("schemaorg_subset.json").read_text())
EVENT_NEEDS = ("name", "startDate", "endDate", "location", "eventAttendanceMode", "eventStatus", "offers", "organizer")


def _offline_loader(url, _options=None):
    """schema.org's context without the network: every term is a schema.org name."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": {"@context": {"@vocab": SCHEMA}}}  # fmt: skip


def _ancestors(name: str) -> set[str]:
    found, todo = {name}, [name]
    while todo:
        for parent in VOCABULARY["classes"].get(todo.pop(), []):
            found.add(parent)
            todo.append(parent)
    return found


def _check_node(node: dict, problems: list[str]) -> None:
    """One expanded node against the vocabulary: known classes, properties of those classes, enumeration members."""
    types = [t.removeprefix(SCHEMA) for t in node.get("@type", [])]
    unknown = [t for t in types if t not in VOCABULARY["classes"]]
    problems += [f"unknown class {t}" for t in unknown]
    classes = set().union(*map(_ancestors, types)) if types else set()
    for key, values in node.items():
        if key.startswith("@"):
            continue
        name = key.removeprefix(SCHEMA)
        if name not in VOCABULARY["properties"] or not classes & set(VOCABULARY["domains"][name]):
            problems.append(f"{name} is not a property of {types}")
            continue
        for value in values:
            enumerations = [r for r in VOCABULARY["properties"][name] if r in VOCABULARY["members"]]
            if enumerations:
                member = (value.get("@id") or value.get("@value") or "").removeprefix(SCHEMA)
                if not any(member in VOCABULARY["members"][e] for e in enumerations):
                    problems.append(f"{name}: {member} is not one of {enumerations}")
            if "@type" in value or any(not k.startswith("@") for k in value):
                _check_node(value, problems)


def structured_data(page_html: str) -> list[dict]:
    """The page's JSON-LD, expanded by pyld."""
    tree = lxml_html.fromstring(page_html)
    scripts = tree.xpath('//script[@type="application/ld+json"]/text()')
    return [jsonld.expand(json.loads(text), {"documentLoader": _offline_loader}) for text in scripts]


def events_of(expanded: list[dict]) -> list[dict]:
    return [node for doc in expanded for node in doc if f"{SCHEMA}Event" in node.get("@type", [])]


@pytest.fixture(scope="module")
def demo(web_stack):
    events = web_stack.http.get(f"{web_stack.main_url}/events?per_page=50", timeout=10).json()["items"]
    now = datetime.now(UTC)
    # Events with a session still to come (other tests on this stack make classes under way, which list no Event).
    ahead = [e for e in events if any(datetime.fromisoformat(s["starts_at"]) > now for s in e["sessions"])]
    online = next(e for e in ahead if any(s["mode"] == "online" for s in e["sessions"]))
    return {"event": ahead[0], "online": online, "studio": ahead[0]["studio"]["slug"]}


def public_pages(demo) -> list[str]:
    return ["/", "/timetable", f"/events/{demo['event']['id']}", f"/events/{demo['online']['id']}",
            f"/studios/{demo['studio']}"]  # fmt: skip


def test_every_public_page_has_its_own_head_and_valid_schema_org_events(web_stack, demo):
    titles = set()
    for path in public_pages(demo):
        answer = web_stack.http.get(f"{web_stack.web_url}{path}", timeout=10)
        assert answer.status_code == 200, path
        tree = lxml_html.fromstring(answer.text)
        titles.add(tree.findtext(".//title"))
        canonical = tree.xpath('//link[@rel="canonical"]/@href')
        assert canonical and canonical[0].endswith(path), (path, canonical)
        for name in ("og:title", "og:description", "og:url", "og:type"):
            assert tree.xpath(f'//meta[@property="{name}"]/@content'), (path, name)
        assert tree.xpath('//meta[@name="twitter:card"]/@content') == ["summary"]
        assert len(tree.xpath('//meta[@name="description"]')) == 1
        assert tree.xpath('//div[@id="root"]'), "people still get the app"
        expanded = structured_data(answer.text)
        events = events_of(expanded)
        assert events, f"{path} lists no Event"
        problems = []
        for doc in expanded:
            for node in doc:
                _check_node(node, problems)
        assert problems == [], (path, problems)
        for event in events:
            missing = [name for name in EVENT_NEEDS if f"{SCHEMA}{name}" not in event]
            assert missing == [], (path, missing)
            start = datetime.fromisoformat(event[f"{SCHEMA}startDate"][0]["@value"])
            assert start.tzinfo is not None, "dates carry their zone"
    assert len(titles) == len(set(public_pages(demo)))  # each page is named for what it shows
    assert "jit.si" not in web_stack.http.get(f"{web_stack.web_url}/events/{demo['online']['id']}").text


def test_an_online_class_is_at_a_virtual_location_of_its_public_page(web_stack, demo):
    answer = web_stack.http.get(f"{web_stack.web_url}/events/{demo['online']['id']}", timeout=10)
    [event, *_] = events_of(structured_data(answer.text))
    assert event[f"{SCHEMA}eventAttendanceMode"][0]["@value"] == f"{SCHEMA}OnlineEventAttendanceMode"
    [place] = event[f"{SCHEMA}location"]
    assert place["@type"] == [f"{SCHEMA}VirtualLocation"]
    assert place[f"{SCHEMA}url"][0]["@value"].endswith(f"/events/{demo['online']['id']}")


def test_a_missing_event_or_studio_is_a_404_kept_out_of_search_results(web_stack):
    for path in ("/events/999999999", "/studios/no-such-studio"):
        answer = web_stack.http.get(f"{web_stack.web_url}{path}", timeout=10)
        assert answer.status_code == 404, path
        assert 'name="robots" content="noindex"' in answer.text
        assert '<div id="root">' in answer.text  # the app says so to people


def test_the_sitemap_lists_the_studios_and_events_and_robots_points_to_it(web_stack, demo):
    sitemap = web_stack.http.get(f"{web_stack.web_url}/sitemap.xml", timeout=10)
    assert sitemap.status_code == 200 and sitemap.headers["Content-Type"].startswith("application/xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [loc.text for loc in ElementTree.fromstring(sitemap.content).findall("s:url/s:loc", namespace)]
    for path in public_pages(demo):
        assert any(url.endswith(path) for url in listed), path
    robots = web_stack.http.get(f"{web_stack.web_url}/robots.txt", timeout=10).text
    assert "Disallow: /facilitator/" in robots and robots.strip().endswith("/sitemap.xml")


def test_a_widget_is_framed_only_by_the_sites_its_studio_names(web_stack, demo):
    answer = web_stack.http.get(f"{web_stack.web_url}/embed/{demo['studio']}/timetable", timeout=10)
    assert answer.status_code == 200
    assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]  # none named yet
    assert 'name="robots" content="noindex"' in answer.text
    page = web_stack.http.get(f"{web_stack.web_url}/events/{demo['event']['id']}", timeout=10)
    assert (
        page.headers["X-Frame-Options"] == "DENY"
        and "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    )

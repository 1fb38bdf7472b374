"""The public pages' heads as the web app server writes them: from a stand-in of the main API's public answers (the
end-to-end tests read the real ones), escaped, and safe when the main API is away."""

import json
from urllib.parse import urlencode

from lxml import html as lxml_html

from web_ui import create_app
from web_ui.chunks import preloads
from web_ui.main_api import Unavailable
from web_ui.pages import Head, Urls, head_for, written_into

INDEX = (
    '<!doctype html><html><head><meta name="description" content="x" /><title>App</title></head><body></body></html>'
)
EVENT = {
    "id": 7, "title": "Flow </script><script>alert(1)</script>", "description": "Breathe & move. " * 30,
    "location": "Studio 1", "timezone": "Asia/Kolkata", "studio": {"slug": "lotus", "name": "Lotus"},
    "facilitator": {"id": 1, "name": "Priya"}, "tax_added": {"name": "GST", "rate": 1800},
    "sessions": [{"starts_at": "2099-01-04T01:30:00+00:00", "ends_at": "2099-01-04T02:30:00+00:00",
                  "status": "scheduled", "price": 50000, "currency": "INR", "seats_left": 0, "mode": "hybrid",
                  "options": [], "instructor": {"id": 2, "name": "Kavya"}}],
}  # fmt: skip


class StandIn:
    """The main API's public answers by path; None is its 404."""

    def __init__(self, answers: dict):
        self.answers = answers

    def get(self, path, referer=None, **params):
        address = f"{path}?{urlencode(params)}" if params else path
        if address not in self.answers:
            raise Unavailable(address)
        return self.answers[address]


def test_an_events_head_is_escaped_and_its_json_ld_cannot_close_its_script():
    answers = {"/events/7": EVENT, "/passes?event_id=7": {"items": []}}
    head = head_for("events/7", StandIn(answers), Urls("https://book.example/"))
    page = written_into(INDEX, head, Urls("https://book.example"), "https://api.book.example")
    tree = lxml_html.fromstring(page)
    assert tree.findtext(".//title") == f"{EVENT['title']} · Lotus"
    assert page.count("<script") == 2  # the title's tags stay text, in the head, the JSON-LD and the answers alike
    [answers] = tree.xpath('//script[@id="preloaded-answers"]/text()')
    assert json.loads(answers) == {  # as the app asks for them
        "https://api.book.example/events/7": EVENT,
        "https://api.book.example/passes?event_id=7": {"items": []},
    }
    assert tree.xpath('//link[@rel="preconnect"]/@href') == ["https://api.book.example"]
    [data] = tree.xpath('//script[@type="application/ld+json"]/text()')
    [event] = json.loads(data)["@graph"]
    assert event["startDate"] == "2099-01-04T07:00:00+05:30"  # on the event's clock, with its offset
    assert event["offers"]["price"] == "590.00" and event["offers"]["availability"] == "https://schema.org/SoldOut"
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in event["location"]] == ["Place", "VirtualLocation"]
    assert event["performer"]["name"] == "Kavya" and event["organizer"]["url"] == "https://book.example/studios/lotus"
    assert len(tree.xpath('//meta[@name="description"]')) == 1
    assert len(tree.xpath('//meta[@name="description"]/@content')[0]) <= 160


def test_a_widget_of_another_studios_event_is_missing_and_framed_by_nobody():
    answers = {
        "/events/7": EVENT,
        "/api/public/studios/other": {"studio": {"embed_origins": ["https://other.example"]}},
    }
    head = head_for("embed/other/events/7", StandIn(answers), Urls("https://book.example"))
    assert head.status == 404 and head.robots == "noindex"


def test_without_the_main_api_a_page_is_served_as_built_and_a_widget_is_framed_by_nobody(tmp_path):
    (tmp_path / "index.html").write_text(INDEX)
    client = create_app({"WEB_DIST_DIR": tmp_path, "MAIN_API_URL": "http://127.0.0.1:9"}).test_client()
    page = client.get("/events/7")
    assert page.status_code == 200 and page.get_data(as_text=True) == INDEX
    widget = client.get("/embed/lotus/timetable")
    assert widget.status_code == 200
    assert "frame-ancestors 'none'" in widget.headers["Content-Security-Policy"]
    assert widget.headers["X-Frame-Options"] == "DENY"
    assert client.get("/sitemap.xml").status_code == 503


def test_a_widgets_reads_and_calls_name_its_page_which_the_limits_per_site_count_them_by(tmp_path):
    (tmp_path / "index.html").write_text(INDEX)
    app = create_app({"WEB_DIST_DIR": tmp_path, "PUBLIC_WEB_URL": "https://book.example"})
    asked = []

    class Recording(StandIn):
        def get(self, path, referer=None, **params):
            asked.append((path, referer))
            return super().get(path, **params)

    studio = {"studio": {"slug": "lotus", "name": "Lotus", "embed_origins": ["https://lotus.example"]}}
    app.extensions["main_api"] = Recording({"/api/public/studios/lotus": studio, "/events/7": EVENT})
    client = app.test_client()
    widget = client.get("/embed/lotus/events/7")
    assert widget.status_code == 200
    assert asked == [
        (path, "https://book.example/embed/lotus/events/7") for path in ("/api/public/studios/lotus", "/events/7")
    ]
    # The widget's own calls to the main API (another origin) carry its address; the app's other pages' do not.
    assert widget.headers["Referrer-Policy"] == "no-referrer-when-downgrade"
    assert client.get("/events/7").headers["Referrer-Policy"] == "same-origin"


def test_a_head_names_the_page_once_in_each_card():
    head = Head("Timetable", "This week", "/timetable")
    page = written_into(INDEX, head, Urls("https://book.example"), "https://api.book.example")
    assert page.count('property="og:title"') == 1 and page.count('name="twitter:title"') == 1
    assert '<link rel="canonical" href="https://book.example/timetable" />' in page


def test_a_pages_chunks_are_preloaded_less_what_the_app_loads_already(tmp_path):
    manifest = {
        "index.html": {"file": "assets/index-1.js", "imports": ["_auth-2.js"]},
        "_auth-2.js": {"file": "assets/auth-2.js"},
        "src/app/BookableEventPage.jsx": {"file": "assets/Event-3.js", "imports": ["_auth-2.js", "_Booking-4.js"]},
        "_Booking-4.js": {"file": "assets/Booking-4.js", "imports": ["index.html"], "css": ["assets/Booking-4.css"]},
    }
    (tmp_path / ".vite").mkdir()
    (tmp_path / ".vite" / "manifest.json").write_text(json.dumps(manifest))
    scripts, styles = preloads(tmp_path, ("src/app/BookableEventPage.jsx",))
    assert (scripts, styles) == (["/assets/Event-3.js", "/assets/Booking-4.js"], ["/assets/Booking-4.css"])
    assert preloads(tmp_path, ("src/renamed.jsx",)) == ([], [])
    assert preloads(tmp_path / "unbuilt", ("src/app/BookableEventPage.jsx",)) == ([], [])
    (tmp_path / "index.html").write_text(INDEX)
    client = create_app({"WEB_DIST_DIR": tmp_path, "MAIN_API_URL": "http://127.0.0.1:9"}).test_client()
    assert client.get("/.vite/manifest.json").status_code == 404  # the build's own files are not the site's

"""The web app's pages in the visitor's language: chosen (the app's lang cookie), else the browser's, else a studio's
default on its own pages and widget, else English; the page says it (<html lang>) and preloads that language's
bundle of words, and a public page's title and description are in it."""

import json

import pytest
from lxml import html as lxml_html
from test_pages import EVENT, INDEX, StandIn

from web_ui import create_app
from web_ui.languages import page_language
from web_ui.pages import Urls, head_for, written_into

STUDIO = {"studio": {"slug": "lotus", "name": "Lotus", "default_language": "mr", "embed_origins": []},
          "events_total": 1, "events": []}  # fmt: skip
URLS = Urls("https://book.example")


@pytest.mark.parametrize(
    ("headers", "studio_default", "expected"),
    [
        ({"Cookie": "lang=mr", "Accept-Language": "hi-IN,en;q=0.8"}, None, "mr"),
        ({"Cookie": "lang=xx", "Accept-Language": "hi-IN,en;q=0.8"}, "mr", "hi"),
        ({"Accept-Language": "de-DE,en-GB;q=0.9"}, "mr", "en"),
        ({"Accept-Language": "de-DE"}, "mr", "mr"),
        ({}, None, "en"),
    ],
)
def test_the_page_language_is_the_choice_then_the_browsers_then_the_studios(headers, studio_default, expected):
    with create_app({"WEB_DIST_DIR": "/nonexistent"}).test_request_context("/", headers=headers):
        assert page_language(studio_default) == expected


def test_a_studios_page_reads_in_its_default_language_and_says_so():
    head = head_for("studios/lotus", StandIn({"/api/public/studios/lotus": STUDIO}), URLS, lambda default=None: default)
    page = written_into('<html lang="en"><head><title>x</title></head><body></body></html>', head, URLS, "https://api")
    tree = lxml_html.fromstring(page)
    assert tree.get("lang") == "mr" and tree.findtext(".//title") == "Lotus · सेशन आणि रिट्रीट"
    assert tree.xpath('//meta[@name="description"]/@content') == ["Lotus: ऑनलाइन बुक करण्यासाठी 1 आगामी क्लास आणि रिट्रीट."]


def test_a_missing_event_says_so_in_hindi():
    head = head_for("events/8", StandIn({"/events/8": None}), URLS, lambda default=None: "hi")
    assert (head.status, head.title, head.description) == (404, "नहीं मिला · सेशन और रिट्रीट", "यह पेज यहाँ नहीं है।")
    event = head_for("events/7", StandIn({"/events/7": EVENT, "/passes?event_id=7": {"items": []}}), URLS)
    assert event.language == "en" and event.title == f"{EVENT['title']} · Lotus"  # a title is the studio's own words


def _app_with_words(tmp_path):
    manifest = {"index.html": {"file": "assets/index-1.js"}}
    for language in ("en", "hi", "mr"):
        for part in ("first", "rest"):
            manifest[f"src/locales/{language}/{part}.js"] = {
                "file": f"assets/{part}-{language}.js",
                "isDynamicEntry": True,
            }
    (tmp_path / ".vite").mkdir()
    (tmp_path / ".vite" / "manifest.json").write_text(json.dumps(manifest))
    (tmp_path / "index.html").write_text(INDEX.replace("<html>", '<html lang="en">'))
    return create_app({"WEB_DIST_DIR": tmp_path, "MAIN_API_URL": "http://127.0.0.1:9"})


def _preloaded(answer) -> list[str]:
    return lxml_html.fromstring(answer.get_data(as_text=True)).xpath('//link[@rel="modulepreload"]/@href')


def test_any_page_preloads_its_languages_words_and_varies_by_them(tmp_path):
    client = _app_with_words(tmp_path).test_client()
    answer = client.get("/account", headers={"Accept-Language": "hi-IN,en;q=0.5"})
    assert lxml_html.fromstring(answer.get_data(as_text=True)).get("lang") == "hi"
    assert _preloaded(answer) == ["/assets/first-hi.js", "/assets/rest-hi.js"]
    assert {"Cookie", "Accept-Language"} <= {name.strip() for name in answer.headers["Vary"].split(",")}
    client.set_cookie("lang", "en")
    assert _preloaded(client.get("/account", headers={"Accept-Language": "hi"})) == [
        "/assets/first-en.js",
        "/assets/rest-en.js",
    ]


def test_a_page_people_land_on_preloads_only_its_languages_first_words(tmp_path):
    app = _app_with_words(tmp_path)
    app.extensions["main_api"] = StandIn({"/api/public/studios/lotus": STUDIO})
    assert _preloaded(app.test_client().get("/studios/lotus")) == ["/assets/first-mr.js"]

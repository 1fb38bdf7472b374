"""What search engines and other sites get of the web app: each public page's own head, /sitemap.xml, /robots.txt,
and the frame-ancestors of a studio's widget (web_ui.pages builds the heads)."""

import logging
from pathlib import Path
from xml.sax.saxutils import escape

from flask import Blueprint, Response, current_app, g, request

from .chunks import preloads
from .languages import page_language
from .main_api import ForPage, MainApi, Unavailable
from .pages import Urls, head_for, in_language, written_into

blp = Blueprint("seo", __name__)
log = logging.getLogger(__name__)
# Pages of people's own (bookings, account) and of staff: nothing a search engine can read or should list.
PRIVATE_PREFIXES = ("/facilitator/", "/admin/", "/bookings", "/my-passes", "/notifications", "/account", "/join/",
                    "/offers/", "/invitations/", "/mailbox", "/embed/")  # fmt: skip


def main_api() -> MainApi:
    """The app's reader of the main API's public answers."""
    config = current_app.config
    if "main_api" not in current_app.extensions:
        base = config["MAIN_API_URL"] or f"http://127.0.0.1:{config['MAIN_PORT']}"
        current_app.extensions["main_api"] = MainApi(base)
    return current_app.extensions["main_api"]


def urls() -> Urls:
    """Absolute addresses on the configured public address, else the one the request came to."""
    return Urls(current_app.config["PUBLIC_WEB_URL"] or request.host_url)


def page_response(dist: Path, path: str, main_api_url: str) -> Response:
    """index.html for an app page, in the visitor's language (web_ui.languages), its bundle of words preloaded; a
    public one with its own head (and status: 404 for a missing event or studio). Without the main API the page is
    served as it is built: people lose nothing, search engines a head.
    main_api_url: where the browser finds the main API."""
    html = (dist / "index.html").read_text(encoding="utf-8")
    status = 200
    try:
        head = head_for(path, ForPage(main_api(), urls().page(f"/{path}")), urls(), page_language)
    except Unavailable as error:
        log.warning("Serving /%s without its head: %s", path.split("/", 1)[0], error)
        head = None
    language = head.language if head else page_language()
    # The language's bundles of words (src/lib/i18n.js): a page people land on (one with a head) needs the first.
    words = tuple(f"src/locales/{language}/{part}.js" for part in ("first", "rest"))
    if head is not None:
        assets = preloads(dist, (words[0], *((head.module,) if head.module else ())))
        html, status = written_into(html, head, urls(), main_api_url, *assets), head.status
        g.frame_ancestors = head.frame_ancestors
    else:
        scripts, _styles = preloads(dist, words)
        links = "".join(f'<link rel="modulepreload" crossorigin href="{escape(chunk)}" />' for chunk in scripts)
        html = in_language(html, language).replace("</head>", f"{links}</head>", 1)
    # The page differs by the visitor's language: a cache keeps one per cookie and Accept-Language.
    headers = {"Cache-Control": "no-cache", "Vary": "Cookie, Accept-Language"}
    return Response(html, status=status, mimetype="text/html", headers=headers)


@blp.get("/robots.txt")
def robots():
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {prefix}" for prefix in PRIVATE_PREFIXES)]
    lines.append(f"Sitemap: {urls().page('/sitemap.xml')}")
    return Response("\n".join(lines) + "\n", mimetype="text/plain", headers={"Cache-Control": "max-age=3600"})


@blp.get("/sitemap.xml")
def sitemap():
    try:
        listed = main_api().get("/api/public/sitemap")
    except Unavailable as error:
        log.warning("No sitemap: %s", error)
        return Response("The sitemap is not available just now.\n", status=503, mimetype="text/plain")
    where = urls()
    pages = [where.page("/"), where.page("/timetable")]
    pages += [where.studio(slug) for slug in listed["studios"]] + [where.event(event) for event in listed["events"]]
    entries = "".join(f"<url><loc>{escape(page)}</loc></url>" for page in pages)
    body = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>\n'
    return Response(body, mimetype="application/xml", headers={"Cache-Control": "max-age=3600"})

"""/api/public/studios/<slug>: a studio's public page, for anyone: who it is, its upcoming events (the catalogue's
event shape) and its passes on sale (GET /passes' shape). Cached as the catalogue's pages are (page_cache)."""

from main_app.services.catalogue import list_events, public_pages
from main_app.services.passes import on_sale
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..schemas.events import event_page_document
from ..schemas.public_studios import SitemapSchema, StudioPageSchema
from ..services import studios
from . import page_cache, site_limit

blp = Blueprint("public_studios", __name__, url_prefix="/api/public", description="Studios' public pages")
EVENTS_SHOWN = 50  # the page's events; events_total says how many there are


@blp.route("/studios/<slug>")
@site_limit.per_site
@read_only
@blp.response(200, StudioPageSchema)
@blp.alt_response(404, schema=APIErrorSchema, description="studio_not_found")
@blp.alt_response(429, schema=APIErrorSchema, description=site_limit.REFUSED)
def studio_page(slug):
    """A studio's name, contact and clock, its upcoming events and its passes on sale; no sign-in."""
    # A Response passes flask-smorest's dump untouched: the document is already in StudioPageSchema's shape.
    return page_cache.cached_json(("studio_page", slug), lambda: _page(slug))


def _page(slug: str) -> dict:
    studio = studios.studio_by_slug(slug)
    events = list_events(1, EVENTS_SHOWN, studio_id=studio.id)
    return {
        "studio": studios.public_document(studio),
        "events": event_page_document(events)["items"],
        "events_total": events.total,
        "passes": on_sale(studio_id=studio.id),
    }


@blp.route("/sitemap")
@read_only
@blp.response(200, SitemapSchema)
def sitemap():
    """What search engines are told to read: open studios' slugs and the ids of scheduled events not over yet (the
    web app server writes them as /sitemap.xml)."""
    return page_cache.cached_json(("sitemap",), public_pages)

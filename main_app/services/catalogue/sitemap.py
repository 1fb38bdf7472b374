"""What the public sitemap lists: every open studio's page and every scheduled event not over yet."""

from sqlalchemy import select

from ...extensions import db
from ...models import STATUS_SCHEDULED, Event, Studio, utcnow
from .events import OPEN_STUDIO

SITEMAP_MOST = 50_000  # the sitemap protocol's limit of addresses in one file


def public_pages() -> dict:
    """{"studios": [slug, ...], "events": [id, ...]}: at most SITEMAP_MOST in all, studios first, oldest first."""
    studios = db.session.scalars(select(Studio.slug).where(OPEN_STUDIO).order_by(Studio.id).limit(SITEMAP_MOST)).all()
    events = db.session.scalars(
        select(Event.id)
        .join(Studio, Studio.id == Event.studio_id)
        .where(Event.status == STATUS_SCHEDULED, Event.ends_at > utcnow(), Event.private.is_(False), OPEN_STUDIO)
        .order_by(Event.id)
        .limit(SITEMAP_MOST - len(studios))
    ).all()
    return {"studios": list(studios), "events": list(events)}

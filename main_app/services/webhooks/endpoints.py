"""A studio's webhook endpoints: made in the web app or subscribed by a tool (REST hooks), listed, changed, switched
off and removed. Each has its own Standard Webhooks secret, shown when it is made and sealed at rest. An address
must be https in production and on the public internet there (checked again before every delivery)."""

from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import func, select

from main_app.plumbing import lock
from main_app.services.common import PrivateAddress, Sealer, refuse_private_host
from main_app.services.languages import gettext
from main_app.services.studios import Actor, record
from service_kit.errors import ValidationFailed
from service_kit.signatures import generate_secret

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import Studio, WebhookEndpoint, utcnow

SEALER = Sealer("WEBHOOK_KEYS_KEY", b"studio-webhook-secrets")


def _refused(field: str, problem: str) -> ValidationFailed:
    """A 400 naming field."""
    return ValidationFailed(gettext("Invalid input: %(fields)s.", fields=field), details={field: [problem]})


def check_address(url: str, field: str = "url") -> str:
    """The address, if we may call it: https (plain http outside production) with a host, and in production one on
    the public internet; else a 400 naming field."""
    parts = urlsplit(url)
    production = current_app.config["APP_ENV"] == "production"
    if parts.scheme not in (("https",) if production else ("https", "http")) or not parts.hostname:
        raise _refused(field, gettext("An https:// address of your own tool."))
    if production:
        try:
            refuse_private_host(url)
        except PrivateAddress:
            raise _refused(field, gettext("An address on the public internet.")) from None
    return url


def _count_open(studio_id: int) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(WebhookEndpoint)
        .where(WebhookEndpoint.studio_id == studio_id, WebhookEndpoint.disabled_at.is_(None))
    )


def make_endpoint(studio: Studio, actor: Actor, body: dict, source: str = "app") -> dict:
    """Subscribe the address to the event types: its document with its secret, shown this once (409
    too_many_webhooks past WEBHOOKS_PER_STUDIO open ones); audited."""
    url = check_address(body["url"], body.get("field", "url"))
    secret = generate_secret()
    with unit_of_work():
        # The studio's row first (the lock order's first), so two subscriptions racing count each other.
        lock(Studio, select(Studio).where(Studio.id == studio.id))
        if _count_open(studio.id) >= current_app.config["WEBHOOKS_PER_STUDIO"]:
            raise api_error("too_many_webhooks", most=current_app.config["WEBHOOKS_PER_STUDIO"])
        endpoint = WebhookEndpoint(
            studio_id=studio.id, made_by_id=actor.user_id, url=url, description=body.get("description") or "",
            event_types=sorted(set(body["event_types"])), source=source,
            secret=SEALER.seal(current_app.config, {"secret": secret}),
        )  # fmt: skip
        db.session.add(endpoint)
        db.session.flush()
        record(studio.id, actor, "webhook.created", ("webhook", endpoint.id), None, _audited(endpoint))
        return {**endpoint_document(endpoint), "secret": secret}


def _audited(endpoint: WebhookEndpoint) -> dict:
    return {"url": endpoint.url, "event_types": endpoint.event_types, "active": endpoint.disabled_at is None}


def endpoint_document(endpoint: WebhookEndpoint) -> dict:
    """An endpoint as the API shows it: never its secret."""
    return {
        "id": endpoint.id,
        "url": endpoint.url,
        "description": endpoint.description,
        "event_types": endpoint.event_types,
        "source": endpoint.source,
        "active": endpoint.disabled_at is None,
        "created_at": endpoint.created_at,
    }


def studio_endpoints(studio_id: int) -> list[dict]:
    """The studio's endpoints, newest first."""
    rows = db.session.scalars(
        select(WebhookEndpoint).where(WebhookEndpoint.studio_id == studio_id).order_by(WebhookEndpoint.id.desc())
    )
    return [endpoint_document(endpoint) for endpoint in rows]


def studio_endpoint(studio_id: int, endpoint_id: int) -> WebhookEndpoint:
    """The studio's endpoint (404 webhook_not_found for another studio's)."""
    endpoint = db.session.scalar(
        select(WebhookEndpoint).where(WebhookEndpoint.id == endpoint_id, WebhookEndpoint.studio_id == studio_id)
    )
    if endpoint is None:
        raise api_error("webhook_not_found")
    return endpoint


def change_endpoint(studio_id: int, endpoint_id: int, changes: dict, actor: Actor) -> dict:
    """Change the endpoint's address, description, event types or whether it is on; audited."""
    if "url" in changes:
        check_address(changes["url"])
    with unit_of_work():
        endpoint = studio_endpoint(studio_id, endpoint_id)
        before = _audited(endpoint)
        for name in ("url", "description"):
            if name in changes:
                setattr(endpoint, name, changes[name] or "")
        if "event_types" in changes:
            endpoint.event_types = sorted(set(changes["event_types"]))
        if "active" in changes:
            endpoint.disabled_at = None if changes["active"] else (endpoint.disabled_at or utcnow())
        record(studio_id, actor, "webhook.changed", ("webhook", endpoint.id), before, _audited(endpoint))
        return endpoint_document(endpoint)


def remove_endpoint(studio_id: int, endpoint_id: int, actor: Actor) -> None:
    """Unsubscribe the endpoint: it hears nothing more and what waits for it is not sent; its log stays; audited."""
    with unit_of_work():
        endpoint = studio_endpoint(studio_id, endpoint_id)
        before = _audited(endpoint)
        endpoint.disabled_at = endpoint.disabled_at or utcnow()
        endpoint.event_types = []
        record(studio_id, actor, "webhook.removed", ("webhook", endpoint.id), before, None)

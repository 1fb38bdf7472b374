"""One-click unsubscribe from a studio's marketing emails (RFC 8058): the signed link names the studio, the client,
the email and its address; a POST writes the opt-out once (a second use of the link is told so) and, in the same
transaction, the CRM's message that withdraws the client's consent, so later segments leave them out."""

from flask import current_app
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from main_app.delivery import insert_rows
from main_app.services import crm
from main_app.services.common import TokenRefused, marketing_claims

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import MarketingEmail, MarketingOptOut, Studio, utcnow

WITHDRAWN = "marketing_consent_withdrawn"  # the CRM's notification type (crm_microservice: withdrawals.py)
UPSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def unsubscribe_links(token: str) -> dict:
    """An email's unsubscribe links: the one-click POST of its List-Unsubscribe header (the API), and the web app's
    page of its footer, which reads GET /marketing/unsubscribe (the studio's name) and POSTs on its button."""
    api, web = current_app.config["PUBLIC_API_URL"], current_app.config["PUBLIC_WEB_URL"]
    return {
        "unsubscribe_url": f"{api}/marketing/unsubscribe?token={token}",
        "unsubscribe_page": f"{web}/unsubscribe?token={token}&marketing=1",
    }


def _claims(token: str) -> tuple[MarketingEmail, int, str]:
    """(the marketing email, the client, the address) a token names: 400 invalid_token for a forged or altered one,
    or one naming an email its studio never sent."""
    try:
        studio_id, client_id, email_id, address = marketing_claims(token)
    except TokenRefused:
        raise api_error("invalid_token.unsubscribe", details={"token": ["Invalid."]}) from None
    sent = db.session.get(MarketingEmail, email_id)
    if sent is None or sent.studio_id != studio_id:
        raise api_error("invalid_token.unsubscribe", details={"token": ["Invalid."]})
    return sent, client_id, address


def _used(sent: MarketingEmail, client_id: int) -> bool:
    found = select(MarketingOptOut.id).where(
        MarketingOptOut.email_id == sent.id, MarketingOptOut.client_id == client_id
    )
    return db.session.scalar(found) is not None


def describe_link(token: str) -> dict:
    """What the link would do, changing nothing (a GET: mail scanners open links): the studio, and whether it was
    used already."""
    sent, client_id, _address = _claims(token)
    studio = db.session.get(Studio, sent.studio_id)
    return {"studio": {"name": studio.name, "slug": studio.slug}, "unsubscribed": _used(sent, client_id)}


def unsubscribe(token: str) -> dict:
    """The click: the opt-out written and the CRM told, in one transaction; 409 already_unsubscribed the second time
    (ON CONFLICT DO NOTHING: two clicks at once write one opt-out and one message)."""
    sent, client_id, address = _claims(token)
    now = utcnow()
    values = {"studio_id": sent.studio_id, "email_id": sent.id, "client_id": client_id, "address": address}
    with unit_of_work():
        stop = UPSERT[db.engine.dialect.name](MarketingOptOut.__table__).values(**values, created_at=now)
        stop = stop.on_conflict_do_nothing(index_elements=["email_id", "client_id"]).returning(MarketingOptOut.id)
        written = db.session.execute(stop).scalar() is not None  # RETURNING: no row when the link was used
        if written:
            insert_rows([_withdrawal_row(sent, client_id, now)])
    if not written:
        raise api_error("already_unsubscribed")
    studio = db.session.get(Studio, sent.studio_id)
    return {"studio": {"name": studio.name, "slug": studio.slug}, "unsubscribed": True}


def _withdrawal_row(sent: MarketingEmail, client_id: int, now) -> dict:
    """The CRM's message (typed shape, no account: a client may be a guest) that withdraws the client's consent."""
    payload = {
        "timestamp": now.isoformat(),
        "user_id": None,
        "studio_id": sent.studio_id,
        "message": f"A client unsubscribed from the marketing email {sent.subject!r}"[:2000],
        "data": {"client_id": client_id, "marketing_email_id": sent.id},
    }
    return crm.message_row(WITHDRAWN, payload)


def complete_marketing_email(snapshot: dict) -> dict | str:
    """A marketing email as it goes (the email lane asks before sending): the snapshot, or why not when its client
    unsubscribed after it was written (from an earlier email of the studio's)."""
    studio_id, client_id = snapshot["studio"]["id"], snapshot["marketing"]["client_id"]
    address = snapshot["to"]["email"].strip().lower()
    written = db.session.get(MarketingEmail, snapshot["marketing"]["email_id"])
    if written is None:
        return "the marketing email it belongs to is gone"
    stopped = db.session.scalar(
        select(MarketingOptOut.id).where(
            MarketingOptOut.studio_id == studio_id,
            (MarketingOptOut.client_id == client_id) | (MarketingOptOut.address == address),
            MarketingOptOut.created_at >= written.created_at,
        )
    )
    return "the client unsubscribed from the studio's marketing emails" if stopped else snapshot

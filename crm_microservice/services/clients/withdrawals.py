"""A withdrawal of marketing consent the main API reports (marketing_consent_withdrawn: a click on a marketing
email's unsubscribe link), written to the client book in the transaction that stores its notification."""

import datetime as dt
from collections.abc import Callable

import sqlalchemy as sa

from ...extensions import db
from ...models import Client

WITHDRAWN = "marketing_consent_withdrawn"
HOW_WITHDRAWN = "unsubscribe link in a marketing email"


def withdrawal(record: dict, facts: dict) -> Callable[[], None] | None:
    """What a marketing_consent_withdrawn notification writes: the client's consent (or that of the client it was
    merged into since) refused, unless given again after the click; None for any other notification."""
    if record["type"] != WITHDRAWN or record["studio_id"] is None or facts.get("client_id") is None:
        return None
    return lambda: withdraw(record["studio_id"], facts["client_id"], record["occurred_at"] or record["received_at"])


def withdraw(studio_id: int, client_id: int, at: dt.datetime) -> None:
    """Consent refused at `at` for the client and whoever they were merged into; a later consent is kept."""
    merged_into = sa.select(Client.merged_into_id).where(Client.id == client_id).scalar_subquery()
    db.session.execute(
        sa.update(Client)
        .where(
            Client.studio_id == studio_id,
            sa.or_(Client.id == client_id, Client.id == merged_into),
            sa.or_(Client.consent_at.is_(None), Client.consent_at <= at),
        )
        .values(marketing_consent=False, consent_at=at, consent_how=HOW_WITHDRAWN, consent_by=None)
        .execution_options(synchronize_session=False)
    )

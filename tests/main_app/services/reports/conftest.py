"""The revenue tests' studio: priya's, with a class of hers at PRICE three days ahead."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from invoice_checks import PRICE
from sqlalchemy import select

from main_app.extensions import db
from main_app.models import Event, Studio


@pytest.fixture
def shop(app, make_session, priya, priya_client):
    """priya's studio (its id, its owner's client, its routes' base) and a class of hers at PRICE, 3 days ahead."""
    session = make_session(capacity=30, starts_in=timedelta(days=3), price=PRICE, facilitator_id=priya.id)
    with app.app_context():
        studio_id = db.session.scalar(select(Event.studio_id).where(Event.id == session.event_id))
        slug = db.session.get(Studio, studio_id).slug
    return SimpleNamespace(id=studio_id, session=session, owner=priya_client, base=f"/api/studios/{slug}")

"""Fixtures of the invoice tests: a studio of priya's with a paid session, and paying for it."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from invoice_checks import PRICE
from sqlalchemy import select

from main_app.extensions import db
from main_app.models import Event, Invoice, Studio


@pytest.fixture
def shop(app, make_session, priya, priya_client):
    """priya's studio (its slug, its owner's client) and a class of hers at PRICE, 3 days ahead, 30 seats."""
    session = make_session(
        capacity=30, starts_in=timedelta(days=3), price=PRICE, currency="INR", facilitator_id=priya.id
    )
    with app.app_context():
        studio_id = db.session.scalar(select(Event.studio_id).where(Event.id == session.event_id))
        slug = db.session.get(Studio, studio_id).slug
    return SimpleNamespace(id=studio_id, slug=slug, session=session, owner=priya_client, base=f"/api/studios/{slug}")


@pytest.fixture
def documents(app):
    """Reader: the studio's documents as (kind, number, total) in the order issued."""

    def read(studio_id: int) -> list[tuple[str, int, int]]:
        with app.app_context():
            rows = db.session.scalars(select(Invoice).where(Invoice.studio_id == studio_id).order_by(Invoice.id))
            return [(row.kind, row.number, row.total) for row in rows]

    return read

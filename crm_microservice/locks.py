"""The CRM's row locks, in its one order: clients' rows, lowest id first, then what hangs off them (their bookings'
facts, passes, money). A booking's news takes its one client's row by upserting it; a moved session takes all its
clients' rows here before it changes their bookings, so the two wait for each other and never deadlock. SQLite runs
one writing transaction at a time: there nothing is locked by row."""

import sqlalchemy as sa

from .extensions import db
from .models import Client


def lock_clients(ids: sa.Select) -> None:
    """Lock the client rows whose ids the SELECT names, lowest id first (PostgreSQL)."""
    if db.session.connection().dialect.name != "postgresql":
        return
    db.session.execute(sa.select(Client.id).where(Client.id.in_(ids)).order_by(Client.id).with_for_update())

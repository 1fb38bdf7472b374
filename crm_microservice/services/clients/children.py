"""Children as clients of their own: a booking's news naming the child its seat is for (data.dependent) writes the
child's row and counts the booking in the child's figures, not the booker's; the booker's row stays the account's
and is linked to the child's family.

On PostgreSQL a child's news locks the booker's row and the child's, lowest id first, before it writes them, as a
moved session locks all its clients' rows: the two wait for each other and never deadlock."""

import functools

import sqlalchemy as sa

from service_kit.errors import Conflict

from ...extensions import db
from ...locks import lock_clients
from ...models import Client, ClientBooking
from .names import sort_key, written
from .statements import INSERTS, booking_figures, earliest, latest, session_bookings


def child_of(facts: dict) -> dict | None:
    """data.dependent of a booking's news, when its seat is for a child."""
    return facts.get("dependent")


def refuse_child(client: Client, why: str) -> None:
    """409 child_client for a child's row (a grown child's, an account's now, is anyone's)."""
    if client.user_id is None and client.dependent_id is not None:
        raise Conflict(why, code="child_client")


def lock_booker_and_child(record: dict, child: dict) -> None:
    """The booker's row and the child's (those made already) locked lowest id first, before either is written, as a
    moved session locks its clients' (PostgreSQL)."""
    whose = sa.or_(Client.user_id == record["user_id"], Client.dependent_id == child["id"])
    lock_clients(sa.select(Client.id).where(Client.studio_id == record["studio_id"], whose))


def write_child(record: dict, child: dict, when) -> None:
    """The child's row in the studio's book: made at their first news, their name and family kept current (a news
    naming the id alone leaves them); the booker's row linked to the family, and the family's guardians with it."""
    name = written(child.get("name"))
    values = {"studio_id": record["studio_id"], "dependent_id": child["id"], "family_id": child.get("family_id")}
    values |= {"name": name, "name_key": sort_key(name), "first_seen_at": when, "last_seen_at": when}
    conn = db.session.connection()
    conn.execute(_child_upsert(conn.dialect.name), values)
    if child.get("family_id") is not None:
        _link_guardians(record, child["family_id"], child.get("guardians"))


@functools.cache
def _child_upsert(dialect: str):
    table = Client.__table__
    insert = INSERTS[dialect](table)
    new = insert.excluded
    return insert.on_conflict_do_update(
        index_elements=["studio_id", "dependent_id"],
        set_={
            "name": sa.func.coalesce(new.name, table.c.name),
            "name_key": sa.func.coalesce(new.name_key, table.c.name_key),
            "family_id": sa.func.coalesce(new.family_id, table.c.family_id),
            "first_seen_at": earliest(table.c.first_seen_at, new.first_seen_at),
            "last_seen_at": latest(table.c.last_seen_at, new.last_seen_at),
        },
    )


def _link_guardians(record: dict, family_id: int, guardians: list[int] | None) -> None:
    """The booker's row and the family's other guardians' rows in this studio name the family; a row naming it
    whose account is no longer a guardian (one who left the family) no longer does."""
    members = sorted({record["user_id"], *(guardians or ())})
    adults = (Client.studio_id == record["studio_id"], Client.dependent_id.is_(None))
    if guardians is not None:
        db.session.execute(
            sa.update(Client)
            .where(*adults, Client.family_id == family_id, Client.user_id.not_in(members))
            .values(family_id=None)
            .execution_options(synchronize_session=False)
        )
    db.session.execute(
        sa.update(Client)
        .where(*adults, Client.user_id.in_(members), Client.family_id.is_distinct_from(family_id))
        .values(family_id=family_id)
        .execution_options(synchronize_session=False)
    )


def recount_child(studio_id: int, dependent_id: int) -> None:
    """The child's figures recounted from their bookings' facts."""
    conn = db.session.connection()
    conn.execute(_child_recount(conn.dialect.name), {"child_studio": studio_id, "child": dependent_id})


@functools.cache
def _child_recount(dialect: str):
    table = ClientBooking.__table__
    figures = (
        sa.select(table.c.dependent_id, *booking_figures())
        .where(table.c.studio_id == sa.bindparam("child_studio"), table.c.dependent_id == sa.bindparam("child"))
        .group_by(table.c.dependent_id)
        .subquery("figures")
    )
    return _update_from(figures, sa.bindparam("child_studio"))


def _update_from(figures, studio):
    """The children's rows given the figures (a subquery by dependent_id)."""
    return (
        sa.update(Client)
        .where(Client.studio_id == studio, Client.dependent_id == figures.c.dependent_id)
        .values({column.name: column for column in figures.c if column.name != "dependent_id"})
        .execution_options(synchronize_session=False)
    )


def recount_session_children(keys: dict) -> None:
    """A moved session's children's figures recounted (their rows were locked with their bookers')."""
    conn = db.session.connection()
    conn.execute(_session_children_recount(conn.dialect.name), keys)


@functools.cache
def _session_children_recount(dialect: str):
    table = ClientBooking.__table__
    booked = sa.select(ClientBooking.dependent_id).where(*session_bookings(), ClientBooking.dependent_id.is_not(None))
    figures = (
        sa.select(table.c.dependent_id, *booking_figures())
        .where(table.c.studio_id == sa.bindparam("moved_studio"), table.c.dependent_id.in_(booked))
        .group_by(table.c.dependent_id)
        .subquery("figures")
    )
    return _update_from(figures, sa.bindparam("moved_studio"))

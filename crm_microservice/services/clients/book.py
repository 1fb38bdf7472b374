"""Reading the client book: a studio's clients page by page, and one client's profile (figures, passes, money, tags,
notes and timeline), scoped to what the reader's role may see."""

import datetime as dt
import math

import sqlalchemy as sa

from service_kit.errors import APIError, NotFound

from ...extensions import db
from ...models import Client, ClientBooking, ClientTag
from ...storage import NotificationStore
from . import history, search

FIGURES = ("bookings", "visits", "no_shows", "late_cancels", "feedback_given", "guest_bookings")
# A search adds the clients matching q with one typo undone only when fewer than this many match it as typed: past
# that the person sought is among them, and the variants of a common name's syllables would each test thousands.
ENOUGH_AS_TYPED = 10


def require_book(store: NotificationStore) -> None:
    """The client book lives in the SQL store; with CRM_STORAGE=json every client-book route answers 501."""
    if not store.keeps_client_book:
        raise APIError(
            "The client book needs the SQL store (CRM_STORAGE=sqlite or a PostgreSQL DATABASE_URL); the JSON file "
            "store keeps notifications only.",
            code="client_book_unavailable",
            status=501,
        )


def visible(book, model=Client) -> list:
    """The conditions putting a client (a row of model: Client or an alias) in the reader's view: their studio's, not
    merged into another, and for an instructor someone booked into a session they teach."""
    conditions = [model.studio_id == book.studio_id, model.merged_into_id.is_(None)]
    if not book.sees_all:

        def taught(*whose):
            return sa.exists().where(
                ClientBooking.studio_id == model.studio_id, *whose, ClientBooking.instructor_id == book.user_id
            )

        # A child booked into their class, or their guardian who booked them: the one to call.
        conditions.append(
            sa.or_(
                taught(ClientBooking.user_id == model.user_id), taught(ClientBooking.dependent_id == model.dependent_id)
            )
        )
    return conditions


def matching(book, query: dict, segment_conditions: list | None = None, typos: bool = False) -> tuple[list, list]:
    """(the conditions of the reader's clients that q (with typos, one undone), tag and a segment's conditions
    select, the order: by name with sort=name, else best match first for q, else most recently seen first)."""
    conditions = [*visible(book), *(segment_conditions or ())]
    order = [Client.last_seen_at.desc(), Client.id.desc()]
    if query.get("q"):
        matches, rank = search.matching(query["q"], db.engine.dialect.name, typos)
        conditions.append(matches)
        order.insert(0, rank.desc())
    if query.get("sort") == "name":  # the sort key's code point order on both databases (names.py)
        order = [Client.name_key.asc().nulls_last(), Client.id]
    if query.get("tag"):
        tagged = sa.exists().where(ClientTag.client_id == Client.id, ClientTag.tag == query["tag"].lower())
        conditions.append(tagged)
    return conditions, order


def searched(book, query: dict, segment_conditions: list | None = None) -> tuple[list, list]:
    """matching's answer, with typos when q could have one and fewer than ENOUGH_AS_TYPED clients match it as typed
    (counted first: a few rows of an index at most)."""
    as_typed = matching(book, query, segment_conditions)
    if not query.get("q") or not search.corrects(query["q"]):
        return as_typed
    if db.session.scalar(sa.select(sa.func.count()).select_from(_first_matches(as_typed[0]))) >= ENOUGH_AS_TYPED:
        return as_typed
    return matching(book, query, segment_conditions, typos=True)


def _first_matches(conditions: list) -> sa.Subquery:
    """Up to ENOUGH_AS_TYPED of the clients meeting conditions: enough to count without reading every match."""
    return sa.select(Client.id).where(*conditions).limit(ENOUGH_AS_TYPED).subquery()


def list_clients(book, query: dict, segment_conditions: list | None = None) -> dict:
    """One page of the studio's clients: those matching q (search.py; with typos when few match as typed) best
    first, else most recently seen first, or by name (sort=name); tag a tag; segment_conditions a segment's
    filter."""
    conditions, order = searched(book, query, segment_conditions)
    page, per_page = query["page"], query["per_page"]
    if query.get("q"):
        rows, total = _searched_page(conditions, order, page, per_page)
    else:
        total = db.session.scalar(sa.select(sa.func.count(Client.id)).where(*conditions))
        rows = db.session.scalars(
            sa.select(Client).where(*conditions).order_by(*order).limit(per_page).offset((page - 1) * per_page)
        ).all()
    return {
        "items": [summary(client, book) for client in rows],
        "page": page,
        "per_page": per_page,
        "total": total,
        "pages": math.ceil(total / per_page),
    }


def _searched_page(conditions: list, order: list, page: int, per_page: int) -> tuple[list[Client], int]:
    """A page of a search with the number of matches, from one pass over them (a search's matching is its cost: a
    count beside the page would test every candidate twice); a page past the last counts on its own."""
    total = sa.func.count(Client.id).over().label("total")
    found = db.session.execute(
        sa.select(Client, total).where(*conditions).order_by(*order).limit(per_page).offset((page - 1) * per_page)
    ).all()
    if found:
        return [client for client, _total in found], found[0].total
    return [], db.session.scalar(sa.select(sa.func.count(Client.id)).where(*conditions))


def find_client(book, client_id: int) -> Client:
    """The reader's client with this id: another studio's, or one they may not see, is a 404 like an unknown id."""
    client = db.session.scalar(sa.select(Client).where(Client.id == client_id, *visible(book)))
    if client is None:
        raise NotFound(f"No client {client_id} in this studio's client book.")
    return client


def summary(client: Client, book) -> dict:
    """A client as the list shows them."""
    return {
        "id": client.id,
        "user_id": client.user_id,
        "guest": client.user_id is None and client.dependent_id is None,
        "child": client.user_id is None and client.dependent_id is not None,
        "name": client.name,
        "other_name": client.other_name,
        "email": client.email,
        "phone": client.phone,
        "first_seen_at": client.first_seen_at,
        "last_seen_at": client.last_seen_at,
        "first_visit_at": client.first_visit_at,
        "last_visit_at": client.last_visit_at,
        **{name: getattr(client, name) for name in FIGURES},
    }


def group_of(client: Client) -> list[Client]:
    """The client and the clients merged into them (the same person), whose records read as theirs."""
    merged = db.session.scalars(sa.select(Client).where(Client.merged_into_id == client.id).order_by(Client.id))
    return [client, *merged]


def profile(book, client_id: int, page: int, per_page: int, now: dt.datetime) -> dict:
    """One client (with those merged into them): figures (spend only for clients.view), passes, consent, tags,
    notes and a page of their timeline (their WhatsApp words only for clients.whatsapp)."""
    group = group_of(find_client(book, client_id))
    people = history.People(
        group[0].studio_id,
        [c.user_id for c in group if c.user_id is not None],
        [c.dependent_id for c in group if c.dependent_id is not None],
    )
    passes = history.passes(people, now)
    figures = combined(group, book) | {
        "bookings_ahead": history.bookings_ahead(people, now),
        "active_passes": len(passes["active"]),
        "credits_left": sum(p["credits_left"] or 0 for p in passes["active"] if p["credits_left"] is not None),
        "membership": history.membership(passes),
    }
    if book.sees_all:
        figures["money"] = history.money(people)
    ids = [c.id for c in group]
    return {
        **figures,
        "consent": consent_of(group[0]),
        "merged": [{"id": c.id, "name": c.name, "email": c.email, "merged_at": c.merged_at} for c in group[1:]],
        "passes": passes["active"] + passes["other"],
        "tags": history.tags_of(ids),
        "notes": history.notes_of(ids),
        "timeline": history.timeline(people, book.permissions, page, per_page),
        "family": family_of(group[0], book),
    }


def family_of(client: Client, book) -> dict | None:
    """A child's guardians and a guardian's children in this studio's book, as the reader may see them; None for a
    client in no family."""
    if client.family_id is None:
        return None
    relatives = db.session.scalars(
        sa.select(Client)
        .where(*visible(book), Client.family_id == client.family_id, Client.id != client.id)
        .order_by(Client.name_key, Client.id)
    )
    found: dict = {"guardians": [], "children": []}
    for relative in relatives:
        if relative.user_id is None or relative.dependent_id is None:  # a grown child is neither
            found["children" if relative.user_id is None else "guardians"].append(
                {"id": relative.id, "name": relative.name}
            )
    return found


def combined(group: list[Client], book) -> dict:
    """The first client's summary with the figures of the whole group: counts added, first and last times widened."""
    figures = summary(group[0], book)
    for other in group[1:]:
        for name in FIGURES:
            figures[name] += getattr(other, name)
        for name in ("first_seen_at", "first_visit_at"):
            figures[name] = min(filter(None, (figures[name], getattr(other, name))), default=None)
        for name in ("last_seen_at", "last_visit_at"):
            figures[name] = max(filter(None, (figures[name], getattr(other, name))), default=None)
    return figures


def consent_of(client: Client) -> dict:
    """Marketing consent: given (true), refused (false) or never asked (null), with when, how and who recorded it."""
    return {
        "marketing": client.marketing_consent,
        "at": client.consent_at,
        "how": client.consent_how,
        "recorded_by": client.consent_by,
    }

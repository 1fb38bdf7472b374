"""Emails to guests go to addresses a booker typed, so they are bounded and can be stopped: each email written is a
row of guest_emails, counted per booker and per address over the last hour and day (GUEST_EMAILS_PER_*), in the
database so the limits hold across workers; an address whose owner clicked unsubscribe gets none. Over a limit, the
booking stands and the email is not written: the guest's row says why (email_withheld), which the booker sees."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import case, delete, func, insert, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from main_app.services.common import TokenRefused, guest_unsubscribe_address, guest_unsubscribe_token

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import WITHHELD_LIMIT, WITHHELD_UNSUBSCRIBED, EmailSuppression, GuestEmail, utcnow

HOUR, DAY = timedelta(hours=1), timedelta(days=1)
# pg_advisory_xact_lock's first keys: this module's, for a booker (the second key the booker's id) and for an
# address (the second its hashtext). Taken in that order, the addresses sorted, so no two bookings wait on each other.
LOCK_CLASS, ADDRESS_LOCK_CLASS = 4708, 4709
UPSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def address_of(email: str) -> str:
    """The form an address is counted and suppressed in."""
    return email.strip().lower()


def links(email: str) -> dict:
    """A guest email's unsubscribe links: the one-click POST of its header (to the API), the page of its footer."""
    token = guest_unsubscribe_token(address_of(email))
    api, web = current_app.config["PUBLIC_API_URL"], current_app.config["PUBLIC_WEB_URL"]
    return {
        "unsubscribe_url": f"{api}/auth/guest-emails/unsubscribe?token={token}",
        "unsubscribe_page": f"{web}/unsubscribe?token={token}&guest=1",
    }


def suppressed(addresses) -> set[str]:
    """Those of these addresses (as address_of gives them) that asked for no guest emails."""
    wanted = set(addresses)
    if not wanted:
        return set()
    return set(db.session.scalars(select(EmailSuppression.address).where(EmailSuppression.address.in_(wanted))))


def take(booker_id: int, emails: list[str]) -> list[str | None]:
    """Count one email to each of these guests' addresses on booker's behalf, in the caller's transaction: for each,
    None when it may be written (and it is counted now), else why not (WITHHELD_LIMIT or WITHHELD_UNSUBSCRIBED)."""
    if not emails:
        return []
    now, addresses = utcnow(), [address_of(email) for email in emails]
    if db.engine.dialect.name == "postgresql":  # one booker's, one address's emails count in turn (SQLite: the write
        _lock_counts(booker_id, addresses)  # turn does)
    mine = or_(GuestEmail.booker_id == booker_id, GuestEmail.address.in_(addresses))
    db.session.execute(  # a day on, a row counts for nothing: the booker's and these addresses' go
        delete(GuestEmail).where(GuestEmail.sent_at < now - DAY, mine).execution_options(synchronize_session=False)
    )
    booker = _counts(GuestEmail.booker_id == booker_id, now)[None]
    per_address = _counts(GuestEmail.address.in_(addresses), now, by_address=True)
    config, stopped, outcome, rows = current_app.config, suppressed(addresses), [], []
    for address in addresses:
        used = per_address.setdefault(address, [0, 0])
        if address in stopped:
            outcome.append(WITHHELD_UNSUBSCRIBED)
        elif (
            booker[0] >= config["GUEST_EMAILS_PER_BOOKER_HOUR"]
            or booker[1] >= config["GUEST_EMAILS_PER_BOOKER_DAY"]
            or used[0] >= config["GUEST_EMAILS_PER_ADDRESS_HOUR"]
            or used[1] >= config["GUEST_EMAILS_PER_ADDRESS_DAY"]
        ):
            outcome.append(WITHHELD_LIMIT)
        else:
            outcome.append(None)
            rows.append({"booker_id": booker_id, "address": address, "sent_at": now})
            for counts in (booker, used):
                counts[0], counts[1] = counts[0] + 1, counts[1] + 1
    if rows:
        db.session.execute(insert(GuestEmail), rows)
    return outcome


def _lock_counts(booker_id: int, addresses: list[str]) -> None:
    """Hold the booker's count, then each address's (sorted), until the caller's transaction ends (PostgreSQL)."""
    db.session.execute(select(func.pg_advisory_xact_lock(LOCK_CLASS, booker_id)))
    for address in sorted(set(addresses)):
        db.session.execute(select(func.pg_advisory_xact_lock(ADDRESS_LOCK_CLASS, func.hashtext(address))))


def _counts(condition, now, *, by_address: bool = False) -> dict:
    """[in the last hour, in the last day] of the rows matching condition, per address (by_address) or in all (None)."""
    key = GuestEmail.address if by_address else None
    hour = func.coalesce(func.sum(case((GuestEmail.sent_at >= now - HOUR, 1), else_=0)), 0)
    query = select(*([key] if by_address else []), hour, func.count()).where(condition, GuestEmail.sent_at >= now - DAY)
    if by_address:
        return {address: [in_hour, in_day] for address, in_hour, in_day in db.session.execute(query.group_by(key))}
    in_hour, in_day = db.session.execute(query).one()
    return {None: [in_hour, in_day]}


def unsubscribe(token: str) -> str:
    """One click from a guest's email: no guest email goes to its address again; the address. 400 invalid_token."""
    try:
        address = guest_unsubscribe_address(token)
    except TokenRefused:
        raise api_error("invalid_token.unsubscribe", details={"token": ["Invalid."]}) from None
    with unit_of_work():
        stop = UPSERT[db.engine.dialect.name](EmailSuppression.__table__).values(address=address, created_at=utcnow())
        db.session.execute(stop.on_conflict_do_nothing(index_elements=["address"]))
    return address


def complete(snapshot: dict) -> dict | str:
    """A guest's email as it goes (the email lane asks before sending): the snapshot, or why not when its address
    unsubscribed after it was written (a reminder queued days ago)."""
    if address_of(snapshot["to"]["email"]) in suppressed([address_of(snapshot["to"]["email"])]):
        return "the guest unsubscribed from these emails"
    return snapshot

"""Reconciliation of the CRM's client book with the main API's records: for each of a studio's clients (by account),
the figures the CRM projected from its notifications against what the main API's own records say, every difference
listed. The main API computes its figures and reads the CRM's with the service token (ids and counts only: nothing
about a person leaves the main API this way), a range of user ids at a time, so a studio of any size streams through
in pages of aggregate statements."""

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterator

import requests
import sqlalchemy as sa

from service_kit.columns import utcnow

from ...error_codes import api_error
from ...extensions import db
from ...models import Studio, User
from . import studio_figures
from .client import CRMNotificationService

COUNTS = (*studio_figures.COUNTS, "credits_left")
FIGURES_PATH = "/api/reconciliation/studios/{studio_id}/clients"
PAGE_SIZE = 1000  # users per range: one aggregate statement per kind of record and one CRM request (at least) each


@dataclasses.dataclass(frozen=True)
class Difference:
    """One figure of one client on which the two sides disagree (a client one side does not know has zeros)."""

    user_id: int
    field: str  # a count, or spent:<CURRENCY> / refunded:<CURRENCY>
    crm: int
    main: int

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclasses.dataclass
class Tally:
    """What a run has seen so far: clients compared, differences by field."""

    clients: int = 0
    by_field: Counter = dataclasses.field(default_factory=Counter)

    @property
    def differences(self) -> int:
        return sum(self.by_field.values())


def studio_for(slug: str) -> Studio:
    """The studio with this slug, closed ones too (a platform admin reconciles any); 404 studio_not_found."""
    studio = db.session.scalar(sa.select(Studio).where(Studio.slug == slug))
    if studio is None:
        raise api_error("studio_not_found")
    return studio


def differences(studio_id: int, crm: CRMNotificationService, tally: Tally, page_size: int = PAGE_SIZE) -> Iterator:
    """Every Difference of the studio, by user id, counted into tally as they go: the main API's users a range at a
    time, then whatever the CRM holds above the last of them (ids the main API no longer has)."""
    now, low = utcnow(), 0
    while True:
        ids = db.session.scalars(sa.select(User.id).where(User.id > low).order_by(User.id).limit(page_size)).all()
        high = ids[-1] if ids else None
        ours = _main_figures(studio_id, low, high, now) if ids else {}
        theirs = _crm_figures(crm, studio_id, low, high, page_size)
        yield from _compare(ours, theirs, tally)
        db.session.rollback()  # a page's reads end their transaction: no snapshot held across the whole run
        if high is None:
            return
        low = high


def _main_figures(studio_id: int, low: int, high: int, now: dt.datetime) -> dict[int, dict]:
    counts = studio_figures.booking_counts(studio_id, low, high)
    credits = studio_figures.credits_left(studio_id, low, high, now)
    money = studio_figures.money(studio_id, low, high)
    found: dict[int, dict] = {}
    for user_id in counts.keys() | credits.keys() | money.keys():
        figures = counts.get(user_id, dict.fromkeys(studio_figures.COUNTS, 0))
        found[user_id] = {**figures, "credits_left": credits.get(user_id, 0), "money": money.get(user_id, {})}
    return found


def _crm_figures(crm: CRMNotificationService, studio_id: int, low: int, high: int | None, limit: int) -> dict:
    """The CRM's figures of the studio's clients with user ids in (low, high] (above low when high is None)."""
    found, after = {}, low
    while after is not None:
        params = {"after": after, "limit": limit, **({} if high is None else {"through": high})}
        page = _get(crm, FIGURES_PATH.format(studio_id=studio_id), params)
        found |= {item["user_id"]: item for item in page["items"]}
        after = page["next_after"]
    return found


def _get(crm: CRMNotificationService, path: str, params: dict) -> dict:
    """One page from the CRM with the service token; 503 crm_unavailable when it cannot be had."""
    try:
        response = crm.session.get(crm.base_url + path, params=params, timeout=crm.timeout, allow_redirects=False)
    except requests.RequestException as exc:
        raise api_error("crm_unavailable.reading", reason=type(exc).__name__) from None
    if response.status_code != 200:
        raise api_error("crm_unavailable.reading", reason=f"HTTP {response.status_code}")
    return response.json()


def _compare(ours: dict, theirs: dict, tally: Tally) -> Iterator[Difference]:
    for user_id in sorted(ours.keys() | theirs.keys()):
        tally.clients += 1
        main, crm = ours.get(user_id, {}), theirs.get(user_id, {})
        for field in COUNTS:
            if main.get(field, 0) != crm.get(field, 0):
                tally.by_field[field] += 1
                yield Difference(user_id, field, crm.get(field, 0), main.get(field, 0))
        main_money, crm_money = main.get("money", {}), crm.get("money", {})
        for currency in sorted(main_money.keys() | crm_money.keys()):
            for figure in ("spent", "refunded"):
                ours_now = main_money.get(currency, {}).get(figure, 0)
                theirs_now = crm_money.get(currency, {}).get(figure, 0)
                if ours_now != theirs_now:
                    tally.by_field[f"{figure}:{currency}"] += 1
                    yield Difference(user_id, f"{figure}:{currency}", theirs_now, ours_now)


def reconcile_studio(slug: str, config, listed: int, on_difference=None) -> dict:
    """Reconcile the studio's client book (config: the app's, for the CRM's URL and token): counts of clients and of
    differences by field, and the first `listed` differences; on_difference(Difference) hears each of them."""
    studio = studio_for(slug)
    crm, tally, shown = CRMNotificationService.from_config(config), Tally(), []
    try:
        for difference in differences(studio.id, crm, tally):
            if len(shown) < listed:
                shown.append(difference.as_dict())
            if on_difference is not None:
                on_difference(difference)
    finally:
        crm.close()
    return {
        "studio": {"id": studio.id, "slug": studio.slug},
        "clients_compared": tally.clients,
        "difference_count": tally.differences,
        "by_field": dict(sorted(tally.by_field.items())),
        "differences": shown,
        "truncated": tally.differences > len(shown),
    }

"""Each template parameter (templates.PARAMETERS) and button link (templates.LINKS) read from the snapshot of its kind
of news, the same one the kind's email and text are composed from, in the language spoken now (`speaking`): amounts
and times written again from the values the snapshot carries beside its English words (₹1,00,000; बुध 25 नव॰ 2026),
its words where a message was queued before the values were."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from urllib.parse import quote

from main_app.services.languages import format_date, format_datetime, format_money, format_range, gettext


def _part(snapshot: dict, name: str) -> dict:
    found = snapshot.get(name)
    return found if isinstance(found, dict) else {}


def _zone(snapshot: dict) -> str:
    return _part(snapshot, "event").get("timezone") or "UTC"


def _amount(part: dict, words: str = "amount", value: str = "value") -> str:
    """A part's amount from its value and currency, else the words it stored."""
    if isinstance(part.get(value), int) and part.get("currency"):
        return format_money(part[value], part["currency"])
    return str(part.get(words, ""))


def _moment(part: dict, words: str, iso: str, zone: str) -> str:
    """A part's moment from its ISO time on the zone's clock, else the words it stored."""
    if not part.get(iso):
        return str(part.get(words, ""))
    moment = datetime.fromisoformat(part[iso])
    return format_datetime(moment if moment.tzinfo else moment.replace(tzinfo=UTC), zone)


def _day(part: dict, words: str, iso: str) -> str:
    """A part's day from its ISO date or time, else the words it stored."""
    return format_date(date.fromisoformat(part[iso][:10])) if part.get(iso) else str(part.get(words, ""))


def name(snapshot: dict) -> str:
    return str(_part(snapshot, "to").get("name", ""))


def title(snapshot: dict) -> str:
    return str(_part(snapshot, "event").get("title", ""))


def studio(snapshot: dict) -> str:
    """The studio's name; a message queued before studios names the event's facilitator, as its email does."""
    return str(_part(snapshot, "studio").get("name") or _part(snapshot, "event").get("facilitator", ""))


def when(snapshot: dict) -> str:
    session = snapshot["session"]
    starts, ends = datetime.fromisoformat(session["starts_at"]), datetime.fromisoformat(session["ends_at"])
    return format_range(starts, ends, _zone(snapshot))


def position(snapshot: dict) -> str:
    return str(snapshot.get("position", ""))


def offer_until(snapshot: dict) -> str:
    return _moment(_part(snapshot, "offer"), "until", "until_at", _zone(snapshot))


def pay_amount(snapshot: dict) -> str:
    return _amount(_part(snapshot, "pay"))


def pay_by(snapshot: dict) -> str:
    return _moment(_part(snapshot, "pay"), "by", "by_at", _zone(snapshot))


def instalment_number(snapshot: dict) -> str:
    return str(_part(snapshot, "instalment").get("number", ""))


def instalment_amount(snapshot: dict) -> str:
    return _amount(_part(snapshot, "instalment"))


def instalment_due(snapshot: dict) -> str:
    return _moment(_part(snapshot, "instalment"), "due", "due_at", _zone(snapshot))


def pass_name(snapshot: dict) -> str:
    return str(_part(snapshot, "pass").get("name", ""))


def renewal_amount(snapshot: dict) -> str:
    return _amount(_part(snapshot, "renewal"))


def renewal_on(snapshot: dict) -> str:
    renewal = _part(snapshot, "renewal")
    return _moment(renewal, "charge_at", "charges_at", renewal.get("zone") or "UTC")


def renewal_method(snapshot: dict) -> str:
    """How the renewal is paid: our words for it (marked where the payments name them), in the language."""
    return gettext(str(_part(snapshot, "renewal").get("method", "")))


def paid_amount(snapshot: dict) -> str:
    return _amount(_part(snapshot, "receipt"))


def valid_until(snapshot: dict) -> str:
    return _day(_part(snapshot, "pass"), "valid_until", "valid_until_at")


def lapses_on(snapshot: dict) -> str:
    return _day(snapshot, "lapses_on", "lapses_at")


def offer_words(snapshot: dict) -> str:
    return str(snapshot.get("subject", ""))


def _sentence(words: object) -> str:
    """Words a body ends a sentence after, without a full stop of their own (no "..")."""
    return str(words or "").rstrip(" \t\r\n.\u0964")


def decline_words(snapshot: dict) -> str:
    return _sentence(snapshot.get("message"))


def ended_reason(snapshot: dict) -> str:
    """Why a waiting list ended: our words (marked, so in the language) or a cancelling staff member's."""
    reason = str(snapshot.get("reason") or "")
    return _sentence(gettext(reason) if reason else "")  # gettext("") is the catalogue's header


def staff_subject(snapshot: dict) -> str:
    return _sentence(snapshot.get("subject"))


def staff_words(snapshot: dict) -> str:
    return _sentence(snapshot.get("text"))


def refund_amount(snapshot: dict) -> str:
    return _amount(_part(snapshot, "refund"), value="total")


def offer_link(snapshot: dict, web_url: str) -> str:
    return str(_part(snapshot, "offer").get("url", ""))


def pay_link(snapshot: dict, web_url: str) -> str:
    return str(_part(snapshot, "pay").get("url", ""))


def instalment_link(snapshot: dict, web_url: str) -> str:
    return str(_part(snapshot, "instalment").get("pay_url", ""))


def feedback_link(snapshot: dict, web_url: str) -> str:
    return str(_part(snapshot, "feedback").get("url", ""))


def studio_page(snapshot: dict, web_url: str) -> str:
    slug = _part(snapshot, "studio").get("slug") or ""
    return f"{web_url.rstrip('/')}/studios/{quote(slug, safe='')}"


# Each parameter of templates.PARAMETERS, and each link of templates.LINKS (the absolute address it opens).
VALUES: dict[str, Callable[[dict], str]] = {
    function.__name__: function
    for function in (
        *(name, title, studio, when, position, offer_until, pay_amount, pay_by),
        *(instalment_number, instalment_amount, instalment_due, pass_name, renewal_amount, renewal_on),
        *(renewal_method, paid_amount, valid_until, lapses_on, offer_words),
        *(decline_words, ended_reason, staff_subject, staff_words, refund_amount),
    )
}
ADDRESSES: dict[str, Callable[[dict, str], str]] = {
    function.__name__: function for function in (offer_link, pay_link, instalment_link, feedback_link, studio_page)
}

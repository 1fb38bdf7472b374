"""The texts people get (SMS): one short line each in the person's language, in GSM-7 where the words allow, with a
link to their bookings.

A text of GSM-7 characters fits 160 in one part; one character outside it (an emoji, most scripts) makes the whole
text UCS-2, 70 a part, 67 each when split (services.languages.sms_parts counts them). Each starts with the studio's
name, cut short past STUDIO_ROOM. Titles, then the studio's name, are shortened so the text stays in one part wherever
that leaves something of each (the name is left out where only that keeps it in one), else in more (most_parts). An
English text fits one part; a Hindi or Marathi one is UCS-2, whose 70 the time and the link alone nearly fill: it
takes two, and three where a kind carries a second time or a long link of its own."""

from datetime import datetime
from functools import partial

from main_app.services.languages import N_, format_datetime, gettext, part_limits
from main_app.services.languages import sms_encoding as encoding
from main_app.services.languages import sms_length as length

READABLE = 8  # characters of a title worth keeping before its "..."
SHORTENED = "..."  # in GSM-7, unlike an ellipsis
STUDIO_ROOM = 24  # characters of the studio's name a text gives at most: who it is from, not its whole name

# What each kind says; {title} is shortened to fit, {when} and {link} are not.
TEXTS = {
    "booking_confirmed": N_("Booked: {title}, {when}. {link}"),
    "reminder_2h": N_("Reminder: {title} starts {when}. {link}"),
    "booking_changed": N_("Changed: {title} is now {when}. {link}"),
    "booking_cancelled": N_("Cancelled by the organiser: {title}, {when}. {link}"),
    "waitlist_joined": N_("Waiting list: you are number {position} for {title}, {when}. {link}"),
    "waitlist_promoted": N_("A seat came free: {title}, {when} is yours. {link}"),
    "seat_held": N_("Seat held: {title}, {when}. Pay by {by} to keep it. {link}"),
    "hold_ended": N_("Hold ended, the seat went back: {title}, {when}. {link}"),
    "waitlist_offer": N_("Seat free: {title}, {when}. Yours if taken by {until}: {offer_link}"),
    "offer_ended": N_("Offer ended, the seat went to the next person: {title}, {when}. {link}"),
}
# A pass's texts: {title} is its name, {amount} in GSM-7 (its currency's code for a symbol outside it).
PASS_TEXTS = {
    "pass_pre_debit": N_("{title} renews {when}: {amount} will be charged automatically. To stop: {link}"),
}
# A studio's own words (an automation's text): {title} is them, shortened only past the most parts.
OWN_TEXTS = {"studio_message": N_("{title} Reply STOP to opt out.")}
TEXTED_KINDS = frozenset(TEXTS)
# The parts a text may take, one kind with another: the words and the title fit one GSM-7 part, else two; a UCS-2 text
# (Hindi, Marathi, a name in another script) takes two, three for a hold (its pay-by time) and an offer (its link).
MOST_PARTS = {"gsm7": 2, "ucs2": 2}
LONGER_IN_UCS2 = {"seat_held": 3, "waitlist_offer": 3}
OWN_PARTS = 4  # a studio's own words take up to four parts whatever their script: what they wrote, whole


def most_parts(kind: str, encoding: str) -> int:
    """The parts a text of this kind and encoding may take at most."""
    if kind in OWN_TEXTS:
        return OWN_PARTS
    return LONGER_IN_UCS2.get(kind, MOST_PARTS[encoding]) if encoding == "ucs2" else MOST_PARTS[encoding]


def compose(kind: str, snapshot: dict, web_url: str) -> str:
    """The text of this kind for the snapshot an outbox message holds, in one part where the title allows."""
    if kind in PASS_TEXTS:
        return compose_pass(kind, snapshot, web_url)
    if kind in OWN_TEXTS:
        return _fit(kind, gettext(OWN_TEXTS[kind]), {}, " ".join(str(snapshot["words"]).split()), _studio(snapshot))
    session, event = snapshot["session"], snapshot["event"]
    when = format_datetime(datetime.fromisoformat(session["starts_at"]), event["timezone"])
    pay = snapshot.get("pay") if isinstance(snapshot.get("pay"), dict) else {}
    offer = snapshot.get("offer") if isinstance(snapshot.get("offer"), dict) else {}
    fields = {
        "until": offer.get("until_short", ""),
        "offer_link": offer.get("url", ""),
        "when": when,
        "link": f"{web_url.rstrip('/')}/bookings",
        "position": snapshot.get("position", ""),
        "by": pay.get("by", ""),
    }
    return _fit(kind, gettext(TEXTS[kind]), fields, " ".join(str(event["title"]).split()), _studio(snapshot))


def compose_pass(kind: str, snapshot: dict, web_url: str) -> str:
    """The text of a pass's news (PASS_TEXTS) for the snapshot its email has too, its name shortened as a title is."""
    renewal = snapshot["renewal"]
    fields = {
        "amount": _gsm_amount(renewal["amount"], renewal.get("currency", "")),
        "when": renewal["charge_at"],
        "link": f"{web_url.rstrip('/')}/my-passes",
    }
    name = " ".join(str(snapshot["pass"]["name"]).split())
    return _fit(kind, gettext(PASS_TEXTS[kind]), fields, name, _studio(snapshot))


def _fit(kind: str, what: str, fields: dict, title: str, studio: str) -> str:
    """A kind's words in one part where shortening the title, then the studio's name, leaves something of each, else
    in as few more as they allow (most_parts), each try from the whole title and name."""
    said = partial(_said, what, fields)
    text = said(title, studio)
    for limit in part_limits(encoding(text), most_parts(kind, encoding(text))):
        fitted = _within(said, title, studio, limit)
        if length(fitted) <= limit:
            return fitted
    return fitted


def _within(said, title: str, studio: str, limit: int) -> str:
    """The words within limit where shortening the title, then the studio's name (else leaving it out) does it; else
    the shortest of them, over the limit."""
    text = said(title, studio)
    if length(text) <= limit:
        return text
    # The title gives way first, then the studio's name, each keeping something readable; else the name goes.
    room = len(title) - (length(text) - limit)
    if room >= len(SHORTENED) + READABLE:
        return said(_cut(title, room), studio)
    title = _cut(title, len(SHORTENED) + READABLE)
    room = len(studio) - (length(said(title, studio)) - limit)
    if studio and room >= len(SHORTENED) + READABLE:
        return said(title, _cut(studio, room))
    if length(said(title, "")) <= limit:
        return said(title, "")
    return said(title, studio)


def _gsm_amount(amount: str, currency: str) -> str:
    """An amount in GSM-7: a symbol outside it (₹) would make the whole text UCS-2, so its code stands instead."""
    if encoding(amount) == "gsm7" or not currency:
        return amount
    kept = "".join(c for c in amount if encoding(c) == "gsm7").strip()
    return f"{currency.upper()} {kept}"


def _said(what: str, fields: dict, title: str, studio: str) -> str:
    """A kind's words with this title, after the studio's name (none: "")."""
    return (f"{studio}: " if studio else "") + what.format(title=title, **fields)


def _cut(words: str, room: int) -> str:
    """words in room characters at most, shortened with SHORTENED when longer."""
    return words if len(words) <= room else words[: room - len(SHORTENED)].rstrip() + SHORTENED


def _studio(snapshot: dict) -> str:
    """The studio's name as a text opens with it, cut past STUDIO_ROOM ("" in a text queued before studios)."""
    studio = snapshot.get("studio") if isinstance(snapshot.get("studio"), dict) else {}
    return _cut(" ".join(str(studio.get("name", "")).split()), STUDIO_ROOM)

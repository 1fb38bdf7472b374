"""The texts people get (SMS): one short line each, in GSM-7 where the names allow, with a link to their bookings.

A text of GSM-7 characters fits 160 in one part; one character outside it (an emoji, most scripts) makes the whole
text UCS-2, 70 a part, 67 each when split. Titles are shortened so the text stays in one part wherever that leaves
something of the title, else in two."""

from datetime import datetime

from main_app.services.common import local_time

# GSM 03.38's basic set; the extension set's characters count twice.
GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = set("^{}\\[~]|€")
# The lengths that fit one part, then two (a split text's parts carry a header: 153 or 67 characters each).
PARTS = {"gsm7": (160, 306), "ucs2": (70, 134)}
READABLE = 8  # characters of a title worth keeping before its "..."
SHORTENED = "..."  # in GSM-7, unlike an ellipsis

# What each kind says; {title} is shortened to fit, {when} and {link} are not.
TEXTS = {
    "reminder_2h": "Reminder: {title} starts {when}. {link}",
    "booking_changed": "Changed: {title} is now {when}. {link}",
    "booking_cancelled": "Cancelled by the organiser: {title}, {when}. {link}",
    "waitlist_joined": "Waiting list: you are number {position} for {title}, {when}. {link}",
    "waitlist_promoted": "A seat came free: {title}, {when} is yours. {link}",
    "seat_held": "Seat held: {title}, {when}. Pay by {by} to keep it. {link}",
    "hold_ended": "Hold ended, the seat went back: {title}, {when}. {link}",
    "waitlist_offer": "Seat free: {title}, {when}. Yours if taken by {until}: {offer_link}",
    "offer_ended": "Offer ended, the seat went to the next person: {title}, {when}. {link}",
}
TEXTED_KINDS = frozenset(TEXTS)


def encoding(text: str) -> str:
    """gsm7 when every character is in the GSM-7 alphabet, else ucs2."""
    return "gsm7" if all(c in GSM7_BASIC or c in GSM7_EXTENSION for c in text) else "ucs2"


def length(text: str) -> int:
    """The text's length as a phone counts it: GSM-7 extension characters take two places."""
    if encoding(text) == "ucs2":
        return len(text.encode("utf-16-le")) // 2
    return sum(2 if c in GSM7_EXTENSION else 1 for c in text)


def compose(kind: str, snapshot: dict, web_url: str) -> str:
    """The text of this kind for the snapshot an outbox message holds, in one part where the title allows."""
    session, event = snapshot["session"], snapshot["event"]
    when = local_time(datetime.fromisoformat(session["starts_at"]), event["timezone"])
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
    title = " ".join(str(event["title"]).split())
    text = TEXTS[kind].format(title=title, **fields)
    for limit in PARTS[encoding(text)]:
        if length(text) <= limit:
            return text
        room = len(title) - (length(text) - limit)
        if room >= len(SHORTENED) + READABLE:
            return TEXTS[kind].format(title=title[: room - len(SHORTENED)].rstrip() + SHORTENED, **fields)
    return text

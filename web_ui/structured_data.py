"""schema.org `Event` JSON-LD for the public pages, made from the main API's public documents (the catalogue's event,
the timetable's session): what search engines read of a class or retreat. A session's video link is never in them;
an online one's `VirtualLocation` is its public event page."""

from datetime import datetime
from zoneinfo import ZoneInfo

SCHEMA = "https://schema.org"
# ISO 4217 currencies without minor units: a price of 500 JPY is "500", not "5.00".
ZERO_DECIMAL = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF"}
STATUSES = {"scheduled": "EventScheduled", "cancelled": "EventCancelled"}
ATTENDANCE = {
    "in_person": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}
DESCRIPTION_MOST = 300


def graph(nodes: list[dict]) -> dict | None:
    """One JSON-LD document of the nodes; None when there are none."""
    return {"@context": SCHEMA, "@graph": nodes} if nodes else None


def session_event(session: dict, event: dict, urls) -> dict:
    """A schema.org Event for one session of event (a catalogue event, or a timetable session's event)."""
    zone = ZoneInfo(event["timezone"])
    mode = session.get("mode") or "in_person"
    page = urls.event(event["id"])
    node = {
        "@type": "Event",
        "name": event["title"],
        "url": page,
        "startDate": _on_clock(session["starts_at"], zone),
        "endDate": _on_clock(session["ends_at"], zone),
        "eventStatus": f"{SCHEMA}/{STATUSES.get(session.get('status', 'scheduled'), 'EventScheduled')}",
        "eventAttendanceMode": f"{SCHEMA}/{ATTENDANCE.get(mode, ATTENDANCE['in_person'])}",
        "location": _location(event.get("location") or "", mode, page),
        "offers": _offers(session, event.get("tax_added"), page),
    }
    if event.get("description"):
        node["description"] = shortened(event["description"], DESCRIPTION_MOST)
    if event.get("studio"):
        studio = event["studio"]
        node["organizer"] = {"@type": "Organization", "name": studio["name"], "url": urls.studio(studio["slug"])}
    performer = (session.get("instructor") or {}).get("name") or (event.get("facilitator") or {}).get("name")
    if performer:
        node["performer"] = {"@type": "Person", "name": performer}
    return node


def studio_organization(studio: dict, urls) -> dict:
    """A schema.org Organization for a studio's public page."""
    node = {"@type": "Organization", "name": studio["name"], "url": urls.studio(studio["slug"])}
    if studio.get("contact_email"):
        node["email"] = studio["contact_email"]
    if studio.get("contact_phone"):
        node["telephone"] = studio["contact_phone"]
    return node


def shortened(text: str, most: int) -> str:
    """text on one line, cut at a word to at most `most` characters (with an ellipsis when cut)."""
    flat = " ".join(text.split())
    if len(flat) <= most:
        return flat
    return flat[: most - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def _on_clock(instant: str, zone: ZoneInfo) -> str:
    """An ISO instant as read on the event's clock, with its offset (2027-01-04T07:00:00+01:00)."""
    return datetime.fromisoformat(instant).astimezone(zone).isoformat()


def _location(place: str, mode: str, page: str):
    """Where: a Place (its address as the studio wrote it), a VirtualLocation (the public page), or both."""
    here = {"@type": "Place", "name": place, "address": place}
    online = {"@type": "VirtualLocation", "url": page}
    return {"in_person": here, "online": online}.get(mode, [here, online])


def _offers(session: dict, tax_added: dict | None, page: str) -> dict:
    """The seat's price (the tax a studio adds included) and whether any are left: one Offer, or an AggregateOffer
    over its room options."""
    currency = session["currency"]
    availability = f"{SCHEMA}/{'InStock' if session.get('seats_left', 0) > 0 else 'SoldOut'}"
    prices = sorted(_paid(option["price"], tax_added) for option in session.get("options") or ())
    if len(prices) > 1:
        return {
            "@type": "AggregateOffer",
            "lowPrice": _major(prices[0], currency),
            "highPrice": _major(prices[-1], currency),
            "offerCount": len(prices),
            "priceCurrency": currency,
            "availability": availability,
            "url": page,
        }
    price = prices[0] if prices else _paid(session["price"], tax_added)
    return {
        "@type": "Offer",
        "price": _major(price, currency),
        "priceCurrency": currency,
        "availability": availability,
        "url": page,
    }


def _paid(price: int, tax_added: dict | None) -> int:
    """What a seat at price costs at checkout: with the studio's added tax (basis points, rounded half up)."""
    return price if not tax_added else price + (2 * price * tax_added["rate"] + 10_000) // 20_000


def _major(amount: int, currency: str) -> str:
    """Minor units as a decimal price: 80000 INR is "800.00", 500 JPY is "500"."""
    if currency.upper() in ZERO_DECIMAL:
        return str(amount)
    return f"{amount // 100}.{amount % 100:02d}"

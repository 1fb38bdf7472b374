"""Fields of a session that the create, edit and series schemas share: price, waiting-list settings, seats per
booking, where it is held and its video link."""

from marshmallow import validate

from main_app.services.common import CURRENCIES, MAX_PRICE, SESSION_MODES

from ..models import WAITLIST_MODES

PRICE = {
    "strict": True,
    "validate": validate.Range(min=0, max=MAX_PRICE),
    "metadata": {"example": 80000, "description": "In the currency's minor units (80000 = ₹800.00); 0 is free."},
}
CURRENCY = {
    "validate": validate.OneOf(CURRENCIES),
    "metadata": {"example": "INR", "description": "ISO 4217; DEFAULT_CURRENCY when not given."},
}


WAITLIST_MODE = {
    "validate": validate.OneOf(WAITLIST_MODES),
    "metadata": {
        "example": "offer",
        "description": "auto (default): a freed seat is booked for the first in line at once; offer: it is offered "
        "to them for offer_minutes, then to the next.",
    },
}
OFFER_MINUTES = {
    "strict": True,
    "validate": validate.Range(min=5, max=7 * 24 * 60),
    "metadata": {"example": 120, "description": "How long an offer stands (never past the start); default 120."},
}
AUTO_UNTIL_HOURS = {
    "strict": True,
    "allow_none": True,
    "validate": validate.Range(min=0, max=8760),
    "metadata": {
        "example": 24,
        "description": "With offer: seats are still booked at once until this many hours before the start.",
    },
}
MAX_SEATS_PER_BOOKING = {
    "strict": True,
    "validate": validate.Range(min=1, max=50),
    "metadata": {"example": 6, "description": "How many seats one booking (a person and their guests) may take."},
}
MODE = {
    "validate": validate.OneOf(SESSION_MODES),
    "metadata": {
        "example": "hybrid",
        "description": "in_person (default): at the event's location; online: by video_url; hybrid: both.",
    },
}
VIDEO_URL = {
    "allow_none": True,
    "validate": validate.And(validate.Length(max=500), validate.URL(schemes={"https"}, require_tld=True)),
    "metadata": {
        "example": "https://meet.jit.si/lotus-morning-flow",
        "description": "The class's video link (Zoom, Meet, Jitsi: any https address). Only the people booked reach "
        "it, through their booking's join_url; never in public pages.",
    },
}

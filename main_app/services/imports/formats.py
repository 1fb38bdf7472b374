"""The columns a client import reads, and the ready mappings for the client exports of the systems studios leave.

A mapping names, for each of our fields, the CSV column it comes from. The ready ones list the headers each system
writes (compared ignoring case, spaces and punctuation), so a file from it maps itself; any other file is mapped by
hand in the same shape, and a ready mapping can be corrected the same way."""

import re

# Our fields, in the order the Import page shows them, with what each holds.
FIELDS = {
    "first_name": "First name (with last name: the client's name)",
    "last_name": "Last name",
    "name": "Full name (instead of first and last)",
    "other_name": "Name in another script, if the client writes it in two (प्रिया शर्मा beside Priya Sharma)",
    "email": "Email (required: a client is found or made by it)",
    "phone": "Mobile phone",
    "pass_name": "The name of one of the studio's passes the client holds",
    "credits_left": "A pack's credits left",
    "pass_ends": "When the pack expires, or the membership's next renewal (a date)",
}
# A file of upcoming bookings: a row per client and class (their seat, paid in the system they leave).
BOOKING_FIELDS = {
    "first_name": FIELDS["first_name"],
    "last_name": FIELDS["last_name"],
    "name": FIELDS["name"],
    "other_name": FIELDS["other_name"],
    "email": "Email (required: the client is found or made by it)",
    "phone": FIELDS["phone"],
    "class_name": "The class's name, as one of the studio's events is called",
    "class_date": "The class's date (with its start time, or the time in a column of its own)",
    "class_time": "The class's start time (in the studio's time zone)",
}
SOURCES = ("mindbody", "momence", "csv")
KIND_CLIENTS, KIND_BOOKINGS = "clients", "bookings"  # what a file holds
KINDS = (KIND_CLIENTS, KIND_BOOKINGS)

# Headers as each system's client exports write them (Mindbody: the Client Export and the pricing options a client
# holds, Remaining and Expiration Date; Momence: the customer list with its memberships and packs).
READY = {
    "mindbody": {
        "first_name": ("First Name", "FirstName"),
        "last_name": ("Last Name", "LastName"),
        "email": ("Email", "Email Address"),
        "phone": ("Mobile Phone", "Cell Phone", "MobilePhone", "Home Phone"),
        "pass_name": ("Pricing Option", "Series", "Membership", "Contract"),
        "credits_left": ("Remaining", "Visits Remaining", "Sessions Remaining"),
        "pass_ends": ("Expiration Date", "Exp Date", "Next Autopay Date", "Next Billing Date"),
    },
    "momence": {
        "first_name": ("First name", "First Name"),
        "last_name": ("Last name", "Last Name"),
        "name": ("Customer", "Customer name", "Full name"),
        "email": ("Email", "Customer email"),
        "phone": ("Phone number", "Phone"),
        "pass_name": ("Membership", "Membership name", "Pack", "Pack name", "Subscription"),
        "credits_left": ("Credits left", "Remaining credits", "Credits remaining", "Classes left"),
        "pass_ends": ("Expiration date", "Expires at", "Valid until", "Next billing date", "Renewal date"),
    },
}
# Headers of the reports that list clients' upcoming visits (Mindbody: the Client Visits and Class Schedule
# reports; Momence: a session's or the studio's bookings export).
READY_BOOKINGS = {
    "mindbody": {
        **READY["mindbody"],
        "name": ("Client Name", "Client"),
        "class_name": ("Class Name", "Class", "Visit Type", "Service Name"),
        "class_date": ("Visit Date", "Class Date", "Date"),
        "class_time": ("Visit Time", "Class Time", "Start Time", "Time"),
    },
    "momence": {
        **READY["momence"],
        "class_name": ("Session name", "Class name", "Session", "Class", "Event"),
        "class_date": ("Session date", "Class date", "Date", "Starts at", "Start date"),
        "class_time": ("Session time", "Start time", "Time"),
    },
}
# What marks a file as one system's: headers only it writes.
SIGNS = {
    "mindbody": ("Client ID", "Pricing Option", "Mobile Phone", "Visit Type"),
    "momence": ("Customer", "Phone number", "Customer email"),
}


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def detect(headers: list[str]) -> str:
    """Which system wrote a file with these headers: mindbody, momence, or csv (none known)."""
    present = {_key(header) for header in headers}
    scores = {source: sum(_key(sign) in present for sign in signs) for source, signs in SIGNS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] else "csv"


def fields_of(kind: str) -> dict:
    """The fields a file of kind (clients or bookings) maps, with what each holds."""
    return BOOKING_FIELDS if kind == KIND_BOOKINGS else FIELDS


def suggest(source: str, headers: list[str], kind: str = KIND_CLIENTS) -> dict:
    """The mapping a file of kind with these headers gets from source's ready one ({field: header}; csv: by our own
    names)."""
    by_key = {_key(header): header for header in headers}
    own = {field: (field, label.split(" (")[0]) for field, label in fields_of(kind).items()}
    ready = (READY_BOOKINGS if kind == KIND_BOOKINGS else READY).get(source) or own
    if kind == KIND_BOOKINGS:
        ready = {field: names for field, names in ready.items() if field in BOOKING_FIELDS}
    mapping = {}
    for field, names in ready.items():
        found = next((by_key[_key(name)] for name in names if _key(name) in by_key), None)
        if found is not None:
            mapping[field] = found
    return mapping

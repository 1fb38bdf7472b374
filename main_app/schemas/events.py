"""Schemas of /events."""

from marshmallow import fields, validate

from main_app.services.common import tax_on
from main_app.services.payments import plan_document
from main_app.services.seats import option_document
from service_kit.schemas import BaseSchema, Id, PageSchema, UTCDateTimeField

from ..models import EVENT_KINDS, STATUS_SCHEDULED, utcnow
from .common import PageArgsSchema


class EventQuerySchema(PageArgsSchema):
    kind = fields.String(validate=validate.OneOf(EVENT_KINDS))
    q = fields.String(validate=validate.Length(max=200))  # empty: an unused search box, no filter
    facilitator_id = Id(strict=False)  # query-string values are always text
    starts_after = UTCDateTimeField(data_key="from")
    starts_before = UTCDateTimeField(data_key="to")
    include_past = fields.Boolean(load_default=False)
    include_cancelled = fields.Boolean(load_default=False)


class FacilitatorSchema(BaseSchema):
    id = Id()
    name = fields.String()


class SessionInstructorSchema(BaseSchema):
    """Who teaches a session: a member of its studio."""

    id = Id()
    name = fields.String()


class EventStudioSchema(BaseSchema):
    """Whose event it is: the studio, its page at /studios/<slug>."""

    slug = fields.String()
    name = fields.String()


class AddedTaxSchema(BaseSchema):
    """A tax its studio adds to its prices at checkout: what is paid is the price and the tax on it."""

    name = fields.String(metadata={"description": "GST or VAT."})
    rate = fields.Integer(metadata={"description": "In basis points: 1800 is 18 %."})


class EmailCountsSchema(BaseSchema):
    sent = fields.Integer()
    pending = fields.Integer()
    failed = fields.Integer()


class PaymentTotalsSchema(BaseSchema):
    paid = fields.Integer(metadata={"description": "paid and kept"})
    pending = fields.Integer(metadata={"description": "held seats whose checkout is open"})
    refunded = fields.Integer()


# How a session's freed seats reach its line: shown with the session itself, not repeated in every booking of it.
WAITLIST_SETTINGS = ("waitlist_mode", "offer_minutes", "auto_until_hours")


class SessionOptionSchema(BaseSchema):
    """A room option of a session: a booking names one (option_id)."""

    id = Id()
    name = fields.String(metadata={"example": "Shared twin"})
    price = fields.Integer(metadata={"description": "What a seat in it costs, in the currency's minor units."})
    capacity = fields.Integer()
    seats_left = fields.Integer(
        metadata={"description": "Seats of this option still free (the session may have fewer)"}
    )


class SessionSchema(BaseSchema):
    id = Id()
    event_id = Id()
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    capacity = fields.Integer()
    seats_taken = fields.Integer()
    seats_left = fields.Integer()
    status = fields.String()
    price = fields.Integer(
        metadata={"description": "What a seat costs in the currency's minor units (paise, cents); 0 is free."}
    )
    currency = fields.String(metadata={"description": "ISO 4217 code, e.g. INR."})
    waitlist_mode = fields.String(metadata={"description": "auto: freed seats are booked for the line; offer: offered"})
    offer_minutes = fields.Integer(metadata={"description": "How long an offer of a freed seat stands."})
    auto_until_hours = fields.Integer(
        allow_none=True, metadata={"description": "With offer: booked at once until this many hours before the start."}
    )
    max_seats_per_booking = fields.Integer(
        metadata={"description": "How many seats one booking (the booker and their guests) may take."}
    )
    mode = fields.String(metadata={"description": "in_person, online or hybrid (both)"})
    options = fields.List(
        fields.Nested(SessionOptionSchema),
        metadata={"description": "Its room options (a booking names one); empty when it has none."},
    )
    emails = fields.Nested(
        EmailCountsSchema,
        metadata={
            "description": "Facilitator views only: emails about this session's bookings (confirmations, changes, "
            "cancellations; not reminders) sent, waiting or retrying, and failed for good."
        },
    )
    waiting = fields.Integer(metadata={"description": "How many are on its waiting list."})
    # Annotated by the services that show it (the catalogue, the staff's event pages), so absent elsewhere.
    instructor = fields.Nested(
        SessionInstructorSchema,
        attribute="instructor_document",
        allow_none=True,
        metadata={"description": "Who teaches it (the catalogue and staff views; null: not known)."},
    )
    payments = fields.Nested(
        PaymentTotalsSchema,
        metadata={
            "description": "Facilitator views only: money for its seats, in the session's currency's minor units."
        },
    )


PLAN_DOC = {
    "type": "object",
    "nullable": True,
    "description": "The payment plan (deposit, deposit_refundable, balance_due_days, instalments) and, per paid "
    "session (sessions), what one seat pays: pays_in_full, deposit {amount, currency, formatted}, schedule [{number, "
    "amount, currency, formatted, due_at}]; null: paid in full at booking.",
}


class EventSchema(BaseSchema):
    id = Id()
    title = fields.String()
    description = fields.String()
    kind = fields.String()
    location = fields.String()
    location_country = fields.String(allow_none=True)
    location_state_code = fields.String(allow_none=True)
    timezone = fields.String()
    status = fields.String()
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    facilitator_id = Id()
    facilitator = fields.Nested(FacilitatorSchema)
    studio = fields.Nested(
        EventStudioSchema,
        attribute="studio_document",
        metadata={"description": "The catalogue's events only: whose event it is."},
    )
    tax_added = fields.Nested(
        AddedTaxSchema,
        attribute="tax_added_document",
        allow_none=True,
        metadata={"description": "The catalogue's events only: the tax added to its prices at checkout (null: none)."},
    )
    refund_until_hours = fields.Integer(
        metadata={
            "description": "A paid booking cancelled this many hours or more before its start is refunded in full."
        }
    )
    late_cancel_hours = fields.Integer(
        metadata={"description": "A seat booked with a pass and cancelled this many hours or more ahead: credit back."}
    )
    requires_approval = fields.Boolean(
        metadata={"description": "Booking sends a request its facilitator approves or declines (Request to book)."}
    )
    min_age = fields.Integer(allow_none=True, metadata={"description": "The youngest a child booked for it may be"})
    max_age = fields.Integer(allow_none=True, metadata={"description": "The oldest (adults count as 18); null: none"})
    seats_left = fields.Method("_seats_left", metadata={"type": "integer"})
    sessions = fields.List(fields.Nested(SessionSchema))
    payment_plan = fields.Method("_payment_plan", metadata=PLAN_DOC)

    def _seats_left(self, event) -> int:
        """Free seats over the sessions that can still be booked (scheduled, not yet started)."""
        now = utcnow()
        return sum(s.seats_left for s in event.sessions if s.status == STATUS_SCHEDULED and s.starts_at > now)

    def _payment_plan(self, event) -> dict | None:
        added = getattr(event, "tax_added_document", None)
        rows = [(s.id, None, s.starts_at, _with(added, s.price), s.currency) for s in event.sessions]
        return plan_document(event.payment_plan, rows, event.timezone, utcnow())


class EventPageSchema(PageSchema):
    items = fields.List(fields.Nested(EventSchema))


# The public catalogue is the busiest read: its rows (in the column order of services.events.EVENT_COLUMNS and
# SESSION_COLUMNS) are shaped here by plain functions, which give exactly what EventSchema gives
# (tests/main_app/test_catalogue.py compares them) at a fraction of the cost.
def session_document(row, options=None) -> dict:
    """A session row as SessionSchema dumps it, with its room options (rows of seats.options.OPTION_COLUMNS)."""
    session_id, event_id, starts_at, ends_at, capacity, seats_taken, status, price, currency, *rest = row
    mode, minutes, until_hours, most_seats, waiting, _option_count, instructor_id, instructor_name, place = rest
    return {
        "id": session_id,
        "event_id": event_id,
        "starts_at": starts_at.isoformat(),
        "ends_at": ends_at.isoformat(),
        "capacity": capacity,
        "seats_taken": seats_taken,
        "seats_left": capacity - seats_taken,
        "status": status,
        "price": price,
        "currency": currency,
        "waitlist_mode": mode,
        "offer_minutes": minutes,
        "auto_until_hours": until_hours,
        "max_seats_per_booking": most_seats,
        "mode": place,
        "options": [option_document(option) for option in options or ()],
        "waiting": waiting,
        "instructor": {"id": instructor_id, "name": instructor_name},
    }


def _with(added: dict | None, price: int) -> int:
    """What one seat at price pays, with the tax its studio adds (services.studios.with_tax's sum)."""
    return price if added is None else price + tax_on(price, added["rate"])


def _priced_seats(listing, added: dict | None) -> list[tuple]:
    """(session id, option id, starts_at, price paid, currency) of each seat price a listing's sessions ask: one per
    room option of a session that has options, else the session's own."""
    seats = []
    for row in listing.sessions:
        options = listing.options.get(row[0])
        if options:
            seats.extend((row[0], option.id, row[2], _with(added, option.price), row[8]) for option in options)
        else:
            seats.append((row[0], None, row[2], _with(added, row[7]), row[8]))
    return seats


def event_document(listing, now) -> dict:
    """A catalogue Listing as EventSchema dumps the same event; now decides which sessions are still bookable."""
    (
        event_id, title, description, kind, location, timezone, status, starts_at, ends_at, facilitator_id,
        facilitator_name, refund_until_hours, late_cancel_hours, requires_approval, payment_plan, studio_slug,
        studio_name, tax_name, tax_rate, location_country, location_state_code, min_age, max_age,
    ) = listing.event[:23]  # fmt: skip
    added = None if tax_name is None else {"name": tax_name, "rate": tax_rate}
    return {
        "id": event_id,
        "title": title,
        "description": description,
        "kind": kind,
        "location": location,
        "location_country": location_country,
        "location_state_code": location_state_code,
        "timezone": timezone,
        "status": status,
        "starts_at": starts_at.isoformat(),
        "ends_at": ends_at.isoformat(),
        "facilitator_id": facilitator_id,
        "facilitator": {"id": facilitator_id, "name": facilitator_name},
        "studio": {"slug": studio_slug, "name": studio_name},
        "tax_added": added,
        "refund_until_hours": refund_until_hours,
        "late_cancel_hours": late_cancel_hours,
        "requires_approval": requires_approval,
        "min_age": min_age,
        "max_age": max_age,
        "seats_left": _bookable_seats_left(listing.sessions, now),
        "sessions": [session_document(s, listing.options.get(s.id)) for s in listing.sessions],
        "payment_plan": plan_document(payment_plan, _priced_seats(listing, added), timezone, now),
    }


def _bookable_seats_left(sessions, now) -> int:
    """The seats left in an event's sessions that are scheduled and not started yet."""
    seats_left = 0
    for row in sessions:  # by position: the busiest loop of the catalogue (see SESSION_COLUMNS)
        if row[6] == STATUS_SCHEDULED and row[2] > now:
            seats_left += row[4] - row[5]
    return seats_left


def event_page_document(page) -> dict:
    """A page of Listings as EventPageSchema dumps it."""
    now = utcnow()
    return {
        "items": [event_document(listing, now) for listing in page.items],
        "page": page.page,
        "per_page": page.per_page,
        "total": page.total,
        "pages": page.pages,
    }
